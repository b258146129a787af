"""Checks on attachments before anything is stored: count, size and type by content.

A file's name and the browser's Content-Type are the sender's claims; the type is read from
the bytes. PDF is recognised by its signature; DOCX, XLSX and ODT are ZIP containers, told
apart by the entries the formats require (read from the ZIP directory, nothing is unpacked,
so a ZIP bomb costs nothing)."""

import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF, DOCX, XLSX, ODT = "pdf", "docx", "xlsx", "odt"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ODT: "application/vnd.oasis.opendocument.text",
}


@dataclass(frozen=True)
class CheckedFile:
    upload: object
    kind: str
    name: str

    @property
    def content_type(self):
        return CONTENT_TYPES[self.kind]


def _zip_kind(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].strip()
                if mimetype == CONTENT_TYPES[ODT].encode():
                    return ODT
                return None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None
    return None


def detect_kind(upload):
    """pdf, docx, xlsx, odt or None, from the file's content."""
    upload.seek(0)
    head = upload.read(262)
    upload.seek(0)
    guess = filetype.guess_extension(head) if head else None
    kind = None
    if guess == "pdf" and head.startswith(b"%PDF-"):
        kind = PDF
    elif guess in ("zip", "docx", "xlsx", "odt") or head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
    upload.seek(0)
    return kind


def safe_name(name, kind):
    """The name shown to staff: no path, no control characters, the real extension."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*').strip() or kind
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem[:120]}.{kind}"


def check_files(uploads, already_stored=0):
    """The uploads as CheckedFile, or ValidationError listing every refused file."""
    max_files = settings.CALLS_MAX_ATTACHMENTS
    max_size = settings.CALLS_MAX_ATTACHMENT_SIZE
    if len(uploads) + already_stored > max_files:
        raise ValidationError(
            _("You can attach at most %(count)s files in total.") % {"count": max_files}
        )
    checked, errors = [], []
    for upload in uploads:
        name = str(getattr(upload, "name", "") or "")
        if upload.size > max_size:
            errors.append(
                _("%(name)s is larger than %(size)s.")
                % {"name": name, "size": filesizeformat(max_size)}
            )
            continue
        if upload.size == 0:
            errors.append(_("%(name)s is empty.") % {"name": name})
            continue
        kind = detect_kind(upload)
        if kind is None:
            errors.append(
                _("%(name)s is not a PDF, DOCX, XLSX or ODT file (its content was checked).")
                % {"name": name}
            )
            continue
        checked.append(CheckedFile(upload=upload, kind=kind, name=safe_name(name, kind)))
    if errors:
        raise ValidationError(errors)
    return checked
