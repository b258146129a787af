"""Uploads cost only what the portal allows: ZIP bombs are refused from their directory, a
storage that refuses a file leaves nothing behind, and orphaned private files are removed."""

import io
import os
import time
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from calls import uploads
from calls.factories import docx_bytes, pdf_upload
from calls.models import Application, ApplicationAttachment
from portal import maintenance
from portal.storage import PrivateStorage
from tests.calls.helpers import fill_first_three_steps, step_url, submission_token, submit_data

pytestmark = pytest.mark.django_db

ODT = b"application/vnd.oasis.opendocument.text"


def private_files():
    found = []
    for folder, _dirs, files in os.walk(settings.PRIVATE_MEDIA_ROOT):
        found += [
            os.path.relpath(os.path.join(folder, n), settings.PRIVATE_MEDIA_ROOT) for n in files
        ]
    return sorted(found)


@pytest.fixture
def last_step(client, call):
    key = fill_first_three_steps(client, call)
    return key, submission_token(client, call, key)


@pytest.fixture
def inflated(monkeypatch):
    """Counts the bytes zipfile inflates while the test runs."""
    counter = {"bytes": 0}
    original = zipfile.ZipExtFile.read

    def read(self, n=-1):
        data = original(self, n)
        counter["bytes"] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    return counter


def zip_of(entries, compresslevel=9):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


ZEROS = b"\0" * (30 * 1024 * 1024)  # 30 MB that deflate to about 30 KB


@pytest.mark.parametrize(
    "entries",
    [
        # ODT-shaped: its "mimetype" entry itself is the bomb (the portal used to read it whole).
        [("mimetype", ODT + ZEROS), ("content.xml", b"<x/>")],
        # ODT-shaped with a proper mimetype and a bomb as its content.
        [("mimetype", ODT), ("content.xml", ZEROS)],
        # DOCX-shaped with a bomb beside the required entries.
        [("[Content_Types].xml", b"<x/>"), ("word/document.xml", b"<x/>"), ("word/a.bin", ZEROS)],
        # Thousands of empty entries.
        [("mimetype", ODT)] + [(f"e/{i}.xml", b"") for i in range(uploads.ZIP_MAX_ENTRIES + 1)],
    ],
    ids=["mimetype-bomb", "content-bomb", "docx-bomb", "entry-flood"],
)
def test_a_zip_bomb_is_refused_from_its_directory(entries, inflated):
    data = zip_of(entries)
    assert len(data) < 300 * 1024
    inflated["bytes"] = 0
    started = time.monotonic()
    with pytest.raises(uploads.ValidationError) as refused:
        uploads.check_files([SimpleUploadedFile("plan.odt", data)])
    assert time.monotonic() - started < 0.5
    assert inflated["bytes"] <= uploads.MIMETYPE_MAX
    assert "plan.odt" in " ".join(refused.value.messages)


def test_a_real_office_document_still_passes(inflated):
    inflated["bytes"] = 0
    [checked] = uploads.check_files([SimpleUploadedFile("letter.docx", docx_bytes())])
    assert checked.kind == uploads.DOCX
    odt = zip_of([("mimetype", ODT), ("content.xml", b"<office:document-content/>" * 50)])
    [checked] = uploads.check_files([SimpleUploadedFile("plan.odt", odt)])
    assert checked.kind == uploads.ODT
    assert inflated["bytes"] <= uploads.MIMETYPE_MAX


def test_a_zip_bomb_posted_to_the_form_is_refused_and_nothing_is_stored(client, call, last_step):
    key, token = last_step
    bomb = SimpleUploadedFile("plan.odt", zip_of([("mimetype", ODT), ("content.xml", ZEROS)]))
    response = client.post(step_url(call, key, 4), submit_data(token, attachments=[bomb]))
    assert response.status_code == 200
    assert "is compressed far more than an office document can be" in response.content.decode()
    assert ApplicationAttachment.objects.count() == 0
    assert private_files() == []


def test_a_storage_error_is_a_form_message_and_nothing_is_half_stored(
    client, call, last_step, monkeypatch
):
    """The first file is written, the second is refused by the disk: no row, no file, the draft
    unchanged, and the form says what happened."""
    key, token = last_step
    original = PrivateStorage._save
    calls = {"n": 0}

    def save(self, name, content):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return original(self, name, content)

    monkeypatch.setattr(PrivateStorage, "_save", save)
    response = client.post(
        step_url(call, key, 4), submit_data(token, attachments=[pdf_upload(), pdf_upload("b.pdf")])
    )
    assert response.status_code == 503
    assert "Your files could not be stored just now, so nothing was saved" in (
        response.content.decode()
    )
    application = Application.objects.get()
    assert application.status == "draft" and application.reference is None
    assert ApplicationAttachment.objects.count() == 0
    assert private_files() == []


def _age(path, seconds):
    moment = time.time() - seconds
    os.utime(path, (moment, moment))


def test_reconcile_removes_orphaned_files_and_reports_missing_ones(client, call, last_step):
    key, token = last_step
    response = client.post(step_url(call, key, 4), submit_data(token, attachments=[pdf_upload()]))
    assert response.status_code == 303
    [kept] = private_files()
    root = settings.PRIVATE_MEDIA_ROOT
    # A worker killed during the commit: a file that no row names, from two hours ago.
    orphan = os.path.join(root, "applications", "lost", "f00.pdf")
    os.makedirs(os.path.dirname(orphan))
    with open(orphan, "wb") as handle:
        handle.write(b"%PDF-1.4 lost")
    _age(orphan, 2 * 3600)
    # A file being committed right now: no row yet, but young.
    young = os.path.join(root, "applications", "lost", "new.pdf")
    with open(young, "wb") as handle:
        handle.write(b"%PDF-1.4 new")
    for path in (os.path.join(root, kept),):
        _age(path, 2 * 3600)
    # A row whose file was removed by hand.
    other = ApplicationAttachment.objects.get()
    gone = ApplicationAttachment.objects.create(
        application=other.application,
        file="applications/gone/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=10,
    )

    out, err = io.StringIO(), io.StringIO()
    call_command("reconcile_private_files", stdout=out, stderr=err)
    assert "Removed orphaned file: applications/lost/f00.pdf" in out.getvalue()
    assert f"Missing file: calls.ApplicationAttachment {gone.pk} file" in out.getvalue()
    assert "1 orphaned file(s) removed, 1 row(s) without their file, 1 recent" in out.getvalue()
    assert private_files() == sorted([kept, "applications/lost/new.pdf"])
    # Rows are only reported, never deleted.
    assert ApplicationAttachment.objects.count() == 2


def test_the_reconcile_task_runs_and_reports(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    os.makedirs(root, exist_ok=True)
    orphan = os.path.join(root, "registration-logos", "old.png")
    os.makedirs(os.path.dirname(orphan))
    with open(orphan, "wb") as handle:
        handle.write(b"png")
    _age(orphan, 3 * 3600)
    dry = io.StringIO()
    call_command("reconcile_private_files", "--dry-run", stdout=dry)
    assert "Would remove orphaned file: registration-logos/old.png" in dry.getvalue()
    assert os.path.exists(orphan)
    result = maintenance.reconcile_private_files_task.enqueue()
    assert result.return_value["orphaned"] == ["registration-logos/old.png"]
    assert not os.path.exists(orphan)
