"""Issue 10's faults on the directory's public forms, with the production road for email (the
outbox): a mail server that refuses changes nothing for the visitor — the registration and the
message are stored, the emails wait in the outbox to be retried — and a carriage return or a
bidi control in a name never reaches a header."""

import socket

import pytest

from community.factories import MunicipalityFactory
from community.models import Municipality
from portal.models import OutgoingEmail
from tests.community.test_registration import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusing_smtp(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: connections are refused
    settings.EMAIL_BACKEND = "portal.mail.OutboxBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    return settings


def test_registration_with_the_mail_server_refusing_is_stored_and_its_emails_wait(
    client, registration, refusing_smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/register/", form_data(name="Kalush\rBcc: x@y\u202e"))
    assert response.status_code == 303
    stored = Municipality.objects.get(slug__startswith="kalush")
    assert stored.name == "Kalush Bcc: x@y"  # one line, no bidi control
    emails = list(OutgoingEmail.objects.all())
    assert emails, "the confirmation must wait in the outbox"
    for email in emails:
        assert email.status == OutgoingEmail.Status.QUEUED and email.attempts == 1
        assert "ConnectionRefused" in email.last_error
        assert "\r" not in email.subject and "\n" not in email.subject
    thanks = client.get(response["Location"]).content.decode()
    assert "We will email" in thanks


def test_a_contact_message_with_the_mail_server_refusing_is_kept_for_retry(
    client, directory, refusing_smtp, django_capture_on_commit_callbacks
):
    MunicipalityFactory(slug="dolyna", contact_email="secret@dolyna.example")
    data = {
        "sender_name": "Eve\rBcc: x@y",
        "sender_email": "eve@siauliai.example",
        "sender_organisation": "Šiauliai district",
        "message": "We would like to visit.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/directory/dolyna/contact/", data)
    assert response.status_code in (302, 303)
    email = OutgoingEmail.objects.get()
    assert email.to == ["secret@dolyna.example"]
    assert email.status == OutgoingEmail.Status.QUEUED and "ConnectionRefused" in email.last_error
    assert "We would like to visit." in email.message["body"]
    assert "\r" not in email.subject and "Bcc" not in str(email.message["headers"])
