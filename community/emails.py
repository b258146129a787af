"""Emails of the directory. Each is plain text, rendered in the language of the page the
visitor used, and never shows one person's address to another."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

MODERATORS_GROUP = "Moderators"


def _send(template, context, to, language=None, reply_to=None):
    if not to:
        return 0
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(f"emails/community/{template}.txt", context)
    subject, _blank, body = text.strip().partition("\n")
    message = EmailMessage(
        subject=subject.strip(),
        body=body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=reply_to,
    )
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


def registration_received(municipality, language):
    return _send(
        "registration_received",
        {"municipality": municipality},
        [municipality.contact_email],
        language,
    )


def registration_for_moderators(municipality, duplicates):
    """One message per moderator, so that they do not see each other's addresses."""
    context = {
        "municipality": municipality,
        "duplicates": duplicates,
        "admin_url": municipality.absolute_admin_url(),
    }
    return sum(
        _send("registration_for_moderators", context, [address])
        for address in moderator_addresses()
    )


def profile_published(municipality, profile_url):
    return _send(
        "profile_published",
        {"municipality": municipality, "profile_url": profile_url},
        [municipality.contact_email],
    )


def relay_message(municipality, data, language):
    """The visitor's message to the contact person; replies go straight to the visitor."""
    return _send(
        "contact_message",
        {"municipality": municipality, **data},
        [municipality.contact_email],
        language,
        reply_to=[data["sender_email"]],
    )


def confirmation_request(municipality, link):
    return _send(
        "confirmation_request",
        {"municipality": municipality, "link": link},
        [municipality.contact_email],
    )


def changes_for_moderators(municipality, changes):
    return sum(
        _send(
            "changes_for_moderators",
            {
                "municipality": municipality,
                "changes": changes,
                "admin_url": municipality.absolute_admin_url(),
            },
            [address],
        )
        for address in moderator_addresses()
    )
