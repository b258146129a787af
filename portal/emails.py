"""The one way the portal's own code sends an email.

``send_email`` renders ``<template>_subject.txt`` (one line) and ``<template>.txt`` in the
recipient's language and hands the message to Django's mail API, whose backend is the outbox
(``portal.mail``): the message is stored with the caller's transaction and sent by a background
task after the commit, retried when the server fails. So call it from the service that changes
the state — never from ``Model.save()`` or a signal inside someone else's transaction — and
tell the person "we will email you", not "we emailed you"."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import translation

from .forms import clean_header
from .mail import build_message

MODERATORS_GROUP = "Moderators"


def render_email(template, context, language=None):
    """(subject, body) of ``template`` rendered in ``language`` (the site's by default)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return clean_header(subject), body.strip() + "\n"


def send_email(template, context, to, *, language=None, reply_to=None, headers=None):
    """Queue one message to the addresses ``to`` (loop for one message per recipient, so that
    nobody sees another's address). Returns the number of messages queued: 0 without a
    recipient."""
    to = [address for address in to if address]
    if not to:
        return 0
    subject, body = render_email(template, context, language)
    message = build_message(subject, body, to, reply_to=reply_to, headers=headers)
    return message.send()


def moderator_addresses():
    """Active users of the Moderators group, plus the staff addresses from the settings."""
    users = (
        get_user_model()
        .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .exclude(email="")
    )
    addresses = {*users.values_list("email", flat=True), *settings.STAFF_NOTIFICATION_EMAILS}
    return sorted(addresses)
