"""Checks on attachments before anything is stored: count, size and type by content. Shared by
the applications to calls (calls/uploads.py re-exports it) and the conversations' attachments
(community/conversation_forms.py), each with its own limits.

A file's name and the browser's Content-Type are the sender's claims; the type is read from
the bytes. PDF is recognised by its signature; DOCX, XLSX and ODT are ZIP containers, told
apart by the entries the formats require (read from the ZIP directory, nothing is unpacked,
so a ZIP bomb costs nothing; containers declaring far more than a document holds are refused).

What comes after the check is shared too: ``store_files``/``delete_stored`` write the checked
files with their rows inside the caller's transaction (and remove them when it fails), and
``private_download`` serves a stored file back to whoever the caller allowed to see it."""

import logging
import zipfile
from dataclasses import dataclass

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from portal.storage import private_storage

logger = logging.getLogger("portal")

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


# Limits of an office document's ZIP container, read from its central directory (the list of
# entries with their declared sizes) before anything is inflated. A real DOCX/XLSX/ODT of 10 MB
# has a few hundred entries, expands to some tens of MB and compresses XML about 10 to 30 times.
ZIP_MAX_ENTRIES = 1000
ZIP_MAX_UNCOMPRESSED = 100 * 1024 * 1024
ZIP_MAX_RATIO = 100  # declared uncompressed / compressed size of one entry
ZIP_RATIO_FROM = 1024 * 1024  # the ratio is checked for entries declaring more than this
# The only bytes ever inflated: ODT's first entry, "mimetype", which must be this short.
MIMETYPE_MAX = 100


class SuspiciousArchive(Exception):
    """A ZIP container that would inflate to far more than an office document does."""


def _check_zip_directory(archive):
    infos = archive.infolist()
    if len(infos) > ZIP_MAX_ENTRIES:
        raise SuspiciousArchive(f"{len(infos)} entries")
    total = 0
    for info in infos:
        total += info.file_size
        if total > ZIP_MAX_UNCOMPRESSED:
            raise SuspiciousArchive(f"declares more than {ZIP_MAX_UNCOMPRESSED} bytes")
        if info.file_size > ZIP_RATIO_FROM and info.file_size > ZIP_MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise SuspiciousArchive(f"{info.filename} compressed {info.compress_size} to 1")


def _zip_kind(upload):
    """The office format of a ZIP container, from its central directory: entry names and
    declared sizes. At most MIMETYPE_MAX bytes are ever inflated (ODT's "mimetype" entry), so a
    ZIP bomb costs as much as its directory. Raises SuspiciousArchive for a container that would
    expand far beyond any real document (staff would open it later)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_zip_directory(archive)
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > MIMETYPE_MAX:
                    return None
                with archive.open(info) as entry:
                    mimetype = entry.read(MIMETYPE_MAX).strip()
                if mimetype == CONTENT_TYPES[ODT].encode():
                    return ODT
                return None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, RuntimeError, ValueError):
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


def check_files(uploads, already_stored=0, *, max_files=None, max_size=None):
    """The uploads as CheckedFile, or ValidationError listing every refused file. The limits
    are the calls' (CALLS_MAX_ATTACHMENTS, CALLS_MAX_ATTACHMENT_SIZE) unless given."""
    max_files = settings.CALLS_MAX_ATTACHMENTS if max_files is None else max_files
    max_size = settings.CALLS_MAX_ATTACHMENT_SIZE if max_size is None else max_size
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
        try:
            kind = detect_kind(upload)
        except SuspiciousArchive:
            upload.seek(0)
            errors.append(
                _(
                    "%(name)s is compressed far more than an office document can be, so it was "
                    "not accepted. Please save it again or send it as a PDF."
                )
                % {"name": name}
            )
            continue
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


def store_files(files, attachment_for, stored):
    """Writes each checked file (from ``check_files``) to the private storage with its row,
    made by ``attachment_for(original_name=…, content_type=…, size=…)``: the attachment model
    with its owner already bound, e.g. ``partial(ApplicationAttachment, application=draft)``.
    Called inside the caller's transaction; each file's storage name is appended to ``stored``
    as soon as it is written, so that when the transaction fails ``delete_stored(stored)``
    removes the files its rolled-back rows named."""
    for checked in files:
        attachment = attachment_for(
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.upload.size,
        )
        attachment.file.save(checked.name, checked.upload, save=False)
        stored.append(attachment.file.name)
        attachment.save()


def delete_stored(names):
    """Removes the files ``store_files`` wrote before their transaction failed; a file that
    cannot be removed is logged (``reconcile_private_files`` finds it later) and the rest go."""
    for name in names:
        try:
            private_storage.delete(name)
        except OSError:
            logger.exception("Could not delete %s after a failed save", name)


def storage_error_message():
    """What the form says when the private storage refused a file (a full disk, a missing or
    read-only folder): the transaction was rolled back and the files written so far removed
    (calls.services), so nothing is half-stored."""
    return _(
        "Your files could not be stored just now, so nothing was saved. Your answers are still "
        "here: please attach the files again and send the form in a few minutes."
    )


# The kinds of file the checker accepts, for the file input's ``accept`` (a hint to the
# browser; the bytes decide).
ACCEPT = ".pdf,.docx,.xlsx,.odt"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); the applications' and the
    conversations' attachments."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def private_download(attachment):
    """A stored private file (an application's or a conversation's attachment: anything with
    ``file``, ``original_name`` and ``content_type``) as a download, never rendered by the
    browser, which could run a crafted file in the portal's origin: attachment disposition,
    nosniff, a sandboxing CSP, and no cache may keep it (``private, no-store`` and more). The
    caller has checked that the user may see it; a file missing from the storage is a 404."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    add_never_cache_headers(response)
    return response
