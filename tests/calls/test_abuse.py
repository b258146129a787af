"""Uploads are checked before they are stored; robots, floods and garbage get an answer, never
a 500."""

import datetime
import io
import os
import re
import zipfile

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, OperationalError
from django.test import override_settings
from django.utils import timezone

from calls import services
from calls.factories import applicant_data, docx_bytes, pdf_bytes, pdf_upload
from calls.models import Application, ApplicationAttachment
from tests.calls.helpers import (
    apply_url,
    fill_first_three_steps,
    step_url,
    submission_token,
    submit_data,
)

pytestmark = pytest.mark.django_db


def private_files():
    found = []
    for folder, _dirs, files in os.walk(settings.PRIVATE_MEDIA_ROOT):
        found += [os.path.join(folder, name) for name in files]
    return found


@pytest.fixture
def last_step(client, call):
    key = fill_first_three_steps(client, call)
    return key, submission_token(client, call, key)


def post_files(client, call, key, token, files):
    return client.post(step_url(call, key, 4), submit_data(token, attachments=files))


class TestUploads:
    def test_a_text_file_named_pdf_is_refused_by_its_content(self, client, call, last_step):
        key, token = last_step
        fake = SimpleUploadedFile("budget.pdf", b"just text, not a PDF", "application/pdf")
        response = post_files(client, call, key, token, [fake])
        assert response.status_code == 200
        assert "is not a PDF, DOCX, XLSX or ODT file" in response.content.decode()
        assert Application.objects.get().status == "draft"
        assert ApplicationAttachment.objects.count() == 0

    def test_a_zip_that_is_not_an_office_document_is_refused(self, client, call, last_step):
        key, token = last_step
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("evil.exe", "MZ")
        fake = SimpleUploadedFile("plan.docx", buffer.getvalue())
        response = post_files(client, call, key, token, [fake])
        assert "is not a PDF, DOCX, XLSX or ODT file" in response.content.decode()

    def test_a_docx_and_a_pdf_are_accepted_with_their_real_extension(self, client, call, last_step):
        key, token = last_step
        files = [
            SimpleUploadedFile("letter.DOCX", docx_bytes()),
            SimpleUploadedFile("scan", pdf_bytes()),  # no extension: the content decides
        ]
        assert post_files(client, call, key, token, files).status_code == 303
        names = sorted(ApplicationAttachment.objects.values_list("original_name", flat=True))
        assert names == ["letter.docx", "scan.pdf"]

    def test_a_file_over_10_mb_is_refused_before_it_is_stored(self, client, call, last_step):
        key, token = last_step
        big = SimpleUploadedFile("big.pdf", pdf_bytes() + b"0" * (10 * 1024 * 1024))
        response = post_files(client, call, key, token, [big])
        assert "is larger than 10.0\xa0MB" in response.content.decode()
        assert ApplicationAttachment.objects.count() == 0
        assert private_files() == []

    def test_more_than_five_files_are_refused(self, client, call, last_step):
        key, token = last_step
        files = [pdf_upload(f"f{n}.pdf") for n in range(6)]
        response = post_files(client, call, key, token, files)
        assert "at most 5 files" in response.content.decode()
        assert ApplicationAttachment.objects.count() == 0

    def test_files_are_stored_outside_media_root_without_a_url(self, client, call, last_step):
        key, token = last_step
        post_files(client, call, key, token, [pdf_upload()])
        attachment = ApplicationAttachment.objects.get()
        path = os.path.realpath(attachment.file.path)
        assert path.startswith(os.path.realpath(settings.PRIVATE_MEDIA_ROOT))
        assert not path.startswith(os.path.realpath(settings.MEDIA_ROOT))
        with pytest.raises(ValueError):
            attachment.file.url  # noqa: B018
        assert "budget" not in os.path.basename(path)  # the applicant's name stays out


def test_the_honeypot_is_answered_as_if_it_worked_and_stores_and_sends_nothing(
    client, call, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(call), applicant_data(website_url="http://spam.example"))
    # The same answer as a real draft gets (a robot learns nothing), to a link that opens none.
    assert response.status_code == 303 and "/step-2/" in response["Location"]
    assert Application.objects.count() == 0 and mail.outbox == []
    assert client.get(response["Location"]).status_code == 404


@override_settings(PUBLIC_FORM_MIN_FILL_SECONDS=3)
def test_a_form_sent_faster_than_a_person_could_is_not_stored_and_says_so(client, call):
    page = client.get(apply_url(call)).content.decode()
    started = re.search(r'name="form_started" value="([^"]+)"', page).group(1)
    data = applicant_data(form_started=started)
    fast = client.post(apply_url(call), data)
    # Not told it worked: asked to send it again (a browser may have filled it for a person).
    assert fast.status_code == 200 and "send it again" in fast.content.decode()
    assert Application.objects.count() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):
        response = client.post(apply_url(call), data)
    assert response.status_code == 303 and Application.objects.count() == 1


@override_settings(CALLS_RATE_LIMIT=(3, 60))
def test_too_many_posts_from_one_address_are_refused(client, call):
    codes = [client.post(apply_url(call), applicant_data()).status_code for _ in range(5)]
    assert codes == [303, 303, 303, 429, 429]
    assert "Too many applications" in client.post(apply_url(call), {}).content.decode()


def test_garbage_never_gives_a_500(client, call, call_index):
    assert (
        client.get(call_index.url + "?page=abc&programme=%00&sector=x' OR 1=1").status_code == 200
    )
    assert client.get(call_index.url + "?page=99999999999").status_code == 200
    response = client.post(
        apply_url(call), {"applicant_name": "Dolyna\x00", "applicant_population": "x" * 5000}
    )
    assert response.status_code == 200
    assert 'value="Dolyna"' in response.content.decode()  # the NUL is stripped, not stored
    assert client.post(apply_url(call), {"unknown": ["a", "b"]}).status_code == 200
    assert (
        client.post(apply_url(call), b"\x00\xff garbage", content_type="text/plain").status_code
        == 200
    )
    assert client.get(step_url(call, "x" * 500, 2)).status_code == 404
    assert client.get(call.url + "apply/abc/step-9/").status_code == 404
    assert Application.objects.count() == 0


def test_a_failure_while_saving_leaves_nothing_half_stored(client, call, last_step, monkeypatch):
    """The database refuses the write after the files were written: no attachment row, no
    file, the draft unchanged, and the applicant is asked to send again."""
    key, token = last_step

    def refuse(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(services, "next_reference", refuse)
    response = post_files(client, call, key, token, [pdf_upload(), pdf_upload("b.pdf")])
    assert response.status_code == 503
    assert "please send the form again" in response.content.decode()
    application = Application.objects.get()
    assert application.status == "draft" and application.reference is None
    assert ApplicationAttachment.objects.count() == 0
    assert private_files() == []


def test_a_locked_sqlite_database_asks_to_retry(client, call, last_step, monkeypatch):
    key, token = last_step

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "next_reference", locked)
    response = client.post(step_url(call, key, 4), submit_data(token))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "could not save what you sent" in page and 'name="consent"' in page  # the form again
    monkeypatch.undo()
    response = client.post(step_url(call, key, 4), submit_data(token))
    assert response.status_code == 303
    assert Application.objects.get().reference


def test_the_busy_guard_answers_503_only_for_a_passing_refusal(rf):
    from calls.views import busy_guard

    def view_raising(message):
        @busy_guard
        def view(request, call):
            raise OperationalError(message)

        return view

    request = rf.post("/en/calls/x/apply/")
    response = view_raising("database is locked")(request, None)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    with pytest.raises(OperationalError):  # a real database error is not disguised as busy
        view_raising("no such column: reference")(request, None)
