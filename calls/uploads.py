"""Kept because calls' code and tests name ``calls.uploads``; the checker itself is shared with
the conversations' attachments and lives in portal/uploads.py."""

from portal.uploads import (
    CONTENT_TYPES,
    DOCX,
    MIMETYPE_MAX,
    ODT,
    PDF,
    XLSX,
    ZIP_MAX_ENTRIES,
    CheckedFile,
    SuspiciousArchive,
    ValidationError,
    check_files,
    detect_kind,
    safe_name,
    storage_error_message,
)

__all__ = [
    "CONTENT_TYPES",
    "DOCX",
    "MIMETYPE_MAX",
    "ODT",
    "PDF",
    "XLSX",
    "ZIP_MAX_ENTRIES",
    "CheckedFile",
    "SuspiciousArchive",
    "ValidationError",
    "check_files",
    "detect_kind",
    "safe_name",
    "storage_error_message",
]
