"""Every email goes through the outbox: stored with the transaction that caused it, sent by a
background task after the commit, retried when the mail server refuses or hangs, and listed for
staff when it finally fails. Nothing is lost, and no request waits for a mail server."""

import socket
import threading
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from portal.emails import send_email
from portal.mail import deliver
from portal.models import OutgoingEmail

OUTBOX = "portal.mail.OutboxBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def outbox(settings):
    """The production road: EMAIL_BACKEND is the outbox (pytest-django swaps in locmem)."""
    settings.EMAIL_BACKEND = OUTBOX
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM
    settings.EMAIL_RETRY_DELAYS = (60, 300)
    return settings


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def refusing_smtp(outbox):
    outbox.EMAIL_DELIVERY_BACKEND = SMTP
    outbox.EMAIL_HOST, outbox.EMAIL_PORT = "127.0.0.1", closed_port()
    outbox.EMAIL_USE_TLS = outbox.EMAIL_USE_SSL = False
    return outbox


@pytest.fixture
def hanging_smtp(outbox):
    """A server that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    outbox.EMAIL_DELIVERY_BACKEND = SMTP
    outbox.EMAIL_HOST, outbox.EMAIL_PORT = "127.0.0.1", server.getsockname()[1]
    outbox.EMAIL_USE_TLS = outbox.EMAIL_USE_SSL = False
    outbox.EMAIL_TIMEOUT = 1
    yield outbox
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def send_test_email(**context):
    return send_email(
        "emails/portal/test_message", {"name": "Dolyna", **context}, ["a@example.org"]
    )


@pytest.mark.django_db
def test_an_email_is_stored_and_sent_after_the_commit(outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_test_email() == 1
        assert mail.outbox == []  # nothing leaves before the commit
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 1
    assert [m.subject for m in mail.outbox] == ["A message about Dolyna"]
    assert mail.outbox[0].to == ["a@example.org"]


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_for_a_change_that_was_rolled_back(outbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_test_email()
        raise RuntimeError("the registration failed")
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_refusing_server_is_retried_and_nothing_is_lost(
    refusing_smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_test_email()
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.QUEUED
    assert email.attempts == 1 and "ConnectionRefused" in email.last_error
    assert email.next_attempt_at > timezone.now()

    # Not due yet: a second run leaves it alone (no double send).
    assert deliver(email.pk) == OutgoingEmail.Status.QUEUED
    assert OutgoingEmail.objects.get().attempts == 1

    # The server is back; when the retry is due, the cron-safe command sends it.
    refusing_smtp.EMAIL_DELIVERY_BACKEND = LOCMEM
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_queued_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 2
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_after_the_last_retry_it_is_failed_and_staff_can_send_it_again(
    refusing_smtp, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_test_email()
    email = OutgoingEmail.objects.get()
    for minutes in (2, 10):
        with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
            deliver(email.pk)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED and email.attempts == 3

    listing = admin_client.get("/admin/outbox/?status=failed")
    assert listing.status_code == 200
    assert "A message about Dolyna" in listing.content.decode()

    refusing_smtp.EMAIL_DELIVERY_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/outbox/{email.pk}/send-again/")
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_send_again_needs_the_permission(client, django_user_model, refusing_smtp):
    user = django_user_model.objects.create_user("editor", "e@example.org", "pw", is_staff=True)
    client.force_login(user)
    email = OutgoingEmail.objects.create(subject="s", from_email="f@x.org", to=["a@x.org"])
    response = client.post(f"/admin/outbox/{email.pk}/send-again/")
    assert response.status_code in (302, 403)
    email.refresh_from_db()
    assert email.attempts == 0 and email.status == OutgoingEmail.Status.QUEUED


@pytest.mark.django_db
def test_a_hanging_server_holds_the_task_for_the_timeout_only(
    hanging_smtp, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        send_test_email()
    assert time.monotonic() - started < 5
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmail.Status.QUEUED and "timed out" in email.last_error.lower()


@pytest.mark.django_db
def test_with_the_database_queue_the_request_never_waits_for_the_server(
    hanging_smtp, django_capture_on_commit_callbacks
):
    """The production queue: enqueueing stores a task row; the worker sends it later."""
    from django_tasks_db.models import DBTaskResult

    hanging_smtp.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        send_test_email()
    assert time.monotonic() - started < 0.5
    assert DBTaskResult.objects.count() == 1
    hanging_smtp.EMAIL_DELIVERY_BACKEND = LOCMEM
    # What db_worker does with the row (the worker itself is exercised by .ci/worker_check.sh;
    # it closes this test's database connection, so it cannot run inside the test).
    queued = DBTaskResult.objects.get()
    queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_control_characters_never_reach_a_header(outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_email(
            "emails/portal/test_message",
            {"name": "Eve\rBcc: x@y\u202e"},
            ["a@example.org"],
            reply_to=["eve@example.org\r\nBcc: x@y"],
        )
    message = mail.outbox[0]
    assert "\r" not in message.subject and "\n" not in message.subject
    assert message.subject == "A message about Eve Bcc: x@y"
    assert all("\n" not in a and "\r" not in a for a in message.reply_to)
    headers = message.message()
    assert "Bcc" not in headers.keys()  # no header was injected
    assert message.bcc == []
