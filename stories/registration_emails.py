"""Emails about event registrations, each in the registrant's language, queued in the
transaction that changes the registration (portal.mail's outbox sends them after the commit).
The confirmation carries the event's iCalendar file. Templates: ``templates/events/emails/``."""

from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.emails import render_email
from portal.mail import build_message

from .ical import event_component, new_calendar

LINK_SALT = "stories.registration.link"


def _signature(pk, nonce):
    return salted_hmac(LINK_SALT, f"{pk}:{nonce}", algorithm="sha256").hexdigest()[:40]


def link_token(registration):
    """``<pk>-<signature>``: letters, digits and a hyphen only, as Wagtail's page URLs need.
    Erasing or re-keying the registration's nonce ends every link sent before."""
    return f"{registration.pk}-{_signature(registration.pk, registration.link_nonce)}"


def read_token(token):
    """(pk, signature) from a private link's token, or None when it cannot be one."""
    pk, _sep, signature = (token or "").partition("-")
    if not (pk.isascii() and pk.isdigit() and len(pk) < 12 and len(signature) == 40):
        return None
    return int(pk), signature


def token_matches(registration, signature):
    return constant_time_compare(_signature(registration.pk, registration.link_nonce), signature)


def private_link(registration, event=None):
    event = event or registration.event
    return event.get_full_url() + event.reverse_subpage(
        "registration", args=[link_token(registration)]
    )


def ics_bytes(event):
    calendar = new_calendar(event.title, event.locale.language_code)
    calendar.add_component(event_component(event))
    return calendar.to_ical()


def send(name, registration, *, attach_ics=False, **context):
    language = registration.language
    with translation.override(language):
        event = registration.event.localized  # the event in the reader's language
    context = {
        "registration": registration,
        "event": event,
        "link": private_link(registration, event),
        **context,
    }
    subject, body = render_email(f"events/emails/{name}", context, language)
    message = build_message(subject, body, [registration.email])
    if attach_ics:
        message.attach(f"{event.slug}.ics", ics_bytes(event), "text/calendar")
    return message.send()
