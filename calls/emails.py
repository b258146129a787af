"""Emails about applications, each rendered in the language the applicant used.

Sent with ``portal.emails.send_email`` from the services, inside the transaction that changes
the application: the message is stored with the change and delivered after the commit (a
rolled back submission sends nothing). Templates: ``templates/calls/emails/<name>_subject.txt``
and ``<name>.txt``."""

from django.conf import settings
from django.utils import translation

from portal.emails import send_email


def _send(name, application, call, to, language, **context):
    with translation.override(language):
        call = call.localized  # the call's title in the reader's language
    return send_email(
        f"calls/emails/{name}",
        {"application": application, "call": call, **context},
        to,
        language=language,
    )


def send_private_link(application, call, link):
    return _send(
        "private_link",
        application,
        call,
        [application.contact_email],
        application.language,
        link=link,
    )


def send_receipt(application, call, link):
    return _send(
        "receipt",
        application,
        call,
        [application.contact_email],
        application.language,
        link=link,
    )


def notify_staff(application, admin_link):
    recipients = [*settings.STAFF_NOTIFICATION_EMAILS, application.call.contact_email]
    return _send(
        "staff_notification",
        application,
        application.call,
        list(dict.fromkeys(address for address in recipients if address)),
        settings.LANGUAGE_CODE,
        link=admin_link,
    )


def send_decision(application):
    return _send(
        "decision",
        application,
        application.call,
        [application.contact_email],
        application.language,
    )
