"""Every email the portal sends goes through an outbox: the message is stored as a row of
``OutgoingEmail`` inside the caller's transaction, and a background task (django-tasks) sends it
with the real backend after the commit.

``EMAIL_BACKEND`` is ``OutboxBackend``, so Django's and Wagtail's own emails (password reset,
moderation notifications) take the same road as ours; ``EMAIL_DELIVERY_BACKEND`` is the one that
really talks to a server (SMTP in production, the console in development, locmem in tests).

Why hand-written: django-tasks gives the queue and the worker, but no email outbox, and the
maintained "queued mail" apps (django-mailer, django-post-office) bring their own cron runners
and admin instead of django-tasks and Wagtail's admin. This module is the thin glue.

A failed send is retried with exponential backoff (``EMAIL_RETRY_DELAYS``); after the last one
the row is marked failed and listed in the admin (Settings → Outgoing emails) with a "send
again" action. ``manage.py send_queued_emails`` re-queues anything whose task was lost (a worker
killed at the wrong moment) and is safe to run from cron at any time."""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .forms import clean_header

logger = logging.getLogger("portal")

DEFAULT_RETRY_DELAYS = (60, 300, 1800, 7200, 21600)  # seconds: 1 min … 6 h, five retries


def retry_delays():
    return tuple(getattr(settings, "EMAIL_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


def serialise(message):
    """The parts of an EmailMessage that a background task needs to rebuild it, as JSON.
    Header values are cleaned once more here: no CR/LF reaches a header from any caller."""
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = tuple(attachment)[:3]
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode(), mimetype])
    return {
        "body": message.body,
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": [clean_header(address) for address in message.reply_to],
        "headers": {clean_header(k): clean_header(v) for k, v in message.extra_headers.items()},
        "alternatives": [list(alt)[:2] for alt in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def rebuild(email):
    data = email.message
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=data.get("body", ""),
        from_email=email.from_email,
        to=email.to,
        cc=data.get("cc", []),
        bcc=data.get("bcc", []),
        reply_to=data.get("reply_to", []),
        headers=data.get("headers", {}),
    )
    for content, mimetype in data.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data.get("attachments", []):
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


class OutboxBackend(BaseEmailBackend):
    """Stores each message and queues its delivery for after the current transaction."""

    def send_messages(self, email_messages):
        from .models import OutgoingEmail

        stored = []
        for message in email_messages:
            if not message.recipients():
                continue
            stored.append(
                OutgoingEmail.objects.create(
                    subject=clean_header(message.subject)[:998],
                    from_email=clean_header(message.from_email or settings.DEFAULT_FROM_EMAIL),
                    to=[clean_header(address) for address in message.to],
                    message=serialise(message),
                )
            )
        for email in stored:
            queue(email.pk)
        return len(stored)


def queue(pk, *, run_after=None):
    """Enqueue the delivery of OutgoingEmail ``pk`` once the current transaction commits."""

    def enqueue():
        task_ = deliver_email
        if run_after is not None and task_.get_backend().supports_defer:
            task_ = task_.using(run_after=run_after)
        try:
            task_.enqueue(pk)
        except Exception:
            # The row is stored: send_queued_emails will queue it again.
            logger.exception("Could not queue email %s", pk)

    transaction.on_commit(enqueue)


@task()
def deliver_email(pk):
    deliver(pk)


def deliver(pk):
    """Send OutgoingEmail ``pk`` if it is still queued; on failure, count the attempt and
    schedule the next one, or mark it failed after the last."""
    from .models import OutgoingEmail

    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=pk).first()
        if email is None or email.status != OutgoingEmail.Status.QUEUED:
            return email and email.status
        now = timezone.now()
        if email.next_attempt_at and email.next_attempt_at > now:
            return email.status  # claimed by another run, or its next attempt is not due yet
        # Claim it: a second task for the same row now finds it not due and leaves it alone.
        email.attempts += 1
        email.next_attempt_at = now + timedelta(seconds=_delay(email.attempts))
        email.save(update_fields=["attempts", "next_attempt_at"])
    try:
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        connection.send_messages([rebuild(email)])
    except Exception as error:  # any failure of the server or the network: retry later
        logger.warning("Email %s not sent (attempt %s): %s", pk, email.attempts, error)
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts > len(retry_delays()):
            email.status = OutgoingEmail.Status.FAILED
            email.next_attempt_at = None
            email.save(update_fields=["status", "last_error", "next_attempt_at"])
            logger.error("Email %s failed for good after %s attempts", pk, email.attempts)
            return email.status
        email.save(update_fields=["last_error"])
        queue(pk, run_after=email.next_attempt_at)
        return email.status
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.next_attempt_at = None
    email.save(update_fields=["status", "sent_at", "next_attempt_at"])
    return email.status


def _delay(attempts):
    delays = retry_delays()
    return delays[min(attempts, len(delays)) - 1] if delays else 0


def queue_due(now=None):
    """Queue every queued email whose next attempt is due (or was never tried): what a lost
    task or a backend without deferred tasks left behind. Returns how many."""
    from .models import OutgoingEmail

    now = now or timezone.now()
    due = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    pks = list(due.values_list("pk", flat=True))
    for pk in pks:
        queue(pk)
    return len(pks)


def send_again(email):
    """Staff's "send again" for a failed (or stuck) email: a fresh round of attempts."""
    from .models import OutgoingEmail

    email.status = OutgoingEmail.Status.QUEUED
    email.attempts = 0
    email.next_attempt_at = None
    email.save(update_fields=["status", "attempts", "next_attempt_at"])
    queue(email.pk)


def build_message(subject, body, to, *, reply_to=None, headers=None):
    return EmailMessage(
        subject=clean_header(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=[clean_header(a) for a in (reply_to or [])],
        headers=headers or {},
    )
