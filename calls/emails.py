"""Emails about applications, each rendered in the language the applicant used."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("portal")


def _send(template, context, recipients, language):
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    with translation.override(language):
        if context.get("call") is not None:
            context["call"] = context["call"].localized  # the call's title in that language
        subject = render_to_string(f"calls/emails/{template}_subject.txt", context)
        body = render_to_string(f"calls/emails/{template}.txt", context)
    subject = " ".join(subject.split())  # one line, whatever the template's whitespace
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        # The application is stored whatever the mail server says; the failure is logged so
        # staff can resend the information by hand.
        logger.exception("Email %s to %s could not be sent", template, recipients)


def send_private_link(application, call, link):
    _send(
        "private_link",
        {"application": application, "call": call, "link": link},
        [application.contact_email],
        application.language,
    )


def send_receipt(application, call, link):
    _send(
        "receipt",
        {"application": application, "call": call, "link": link},
        [application.contact_email],
        application.language,
    )


def notify_staff(application, admin_link):
    recipients = [*settings.STAFF_NOTIFICATION_EMAILS, application.call.contact_email]
    _send(
        "staff_notification",
        {"application": application, "call": application.call, "link": admin_link},
        list(dict.fromkeys(recipients)),
        settings.LANGUAGE_CODE,
    )


def send_decision(application):
    _send(
        "decision",
        {"application": application, "call": application.call},
        [application.contact_email],
        application.language,
    )
