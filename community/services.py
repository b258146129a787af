"""What happens to a profile, apart from HTTP: messages relayed to its contact, confirmation
by the contact, and approval by a moderator (registration is in ``community.registration``).

Each service that changes state does so in one short transaction and queues its emails in it
(``portal.emails.send_email``): they leave after the commit, and not at all on a rollback."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from portal.emails import moderator_addresses, send_email

from .models import DirectoryPage, Membership, Municipality, Role

CONFIRM_SALT = "community.confirm-profile"
CONFIRM_MAX_AGE = 60 * 24 * 3600  # the link in the confirmation email works for 60 days


# Messages to a contact ------------------------------------------------------------------------


def relay_message(municipality, data, language):
    """The visitor's message (a valid ContactForm's data) to the contact person; replies go
    straight to the visitor, whose address the contact sees only then."""
    return send_email(
        "emails/community/contact_message",
        {"municipality": municipality, **data},
        [municipality.contact_email],
        language=language,
        reply_to=[data["sender_email"]],
    )


# Confirmation by the contact ------------------------------------------------------------------


def confirmation_token(municipality):
    return signing.dumps({"m": str(municipality.translation_key)}, salt=CONFIRM_SALT)


def confirmed_key(token):
    """The translation key a confirmation token names, or None when the token is forged or
    older than 60 days."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)["m"]
    except (signing.BadSignature, KeyError, TypeError):
        return None


def request_confirmation(municipality, link):
    """Ask the contact to confirm the profile through ``link`` (with a confirmation token);
    when the municipality has members, the email also says where they sign in to confirm it
    in one click and edit it (the member space)."""
    language = municipality.locale.language_code
    has_members = Membership.objects.active().filter(
        municipality__translation_key=municipality.translation_key
    )
    return send_email(
        "emails/community/confirmation_request",
        {
            "municipality": municipality,
            "link": link,
            "login_url": settings.BASE_URL + reverse_in(language, "account_login")
            if has_members.exists()
            else "",
        },
        [municipality.contact_email],
    )


def confirm_profile(municipality, changes="", today=None):
    """Record that the contact confirmed the profile, as a published revision (the live record
    and its translations share the date), and pass the changes they report to the
    moderators."""
    today = today or timezone.localdate()
    with transaction.atomic():
        for record in Municipality.objects.filter(translation_key=municipality.translation_key):
            record.last_confirmed = today
            if record.live and not record.has_unpublished_changes:
                record.save_revision(log_action=False).publish(log_action=False)
            else:
                Municipality.objects.filter(pk=record.pk).update(last_confirmed=today)
        if changes:
            context = {
                "municipality": municipality,
                "changes": changes,
                "admin_url": municipality.absolute_admin_url(),
            }
            for address in moderator_addresses():
                send_email("emails/community/changes_for_moderators", context, [address])


# Approval by a moderator ----------------------------------------------------------------------


def profile_published(pk):
    """After a profile is published (and the publication committed): a logo sent with the
    registration becomes the profile's logo, and a registered contact hears, once, that the
    profile is public. Publishing happens in Wagtail's admin, inside its transaction;
    ``community.signals`` calls this once that transaction has committed."""
    from .logos import adopt_submitted_logo

    municipality = Municipality.objects.filter(pk=pk, live=True).select_related("locale").first()
    if municipality is None:
        return
    adopt_submitted_logo(municipality)
    with transaction.atomic():
        promoted = promote_registrants(municipality)
        login_url = settings.BASE_URL + reverse_in(
            municipality.locale.language_code, "account_login"
        )
        told = set()
        if municipality.registered_at and municipality.contact_email:
            # Claimed first, so that a second publish racing this one does not send twice.
            claimed = Municipality.objects.filter(pk=pk, approval_notified=False).update(
                approval_notified=True
            )
            if claimed:
                contact = municipality.contact_email.lower()
                send_email(
                    "emails/community/profile_published",
                    {
                        "municipality": municipality,
                        "profile_url": DirectoryPage.profile_url(
                            municipality.slug, municipality.locale.language_code
                        ),
                        # The registrant is the contact: one message says both.
                        "login_url": login_url if contact in promoted else "",
                    },
                    [municipality.contact_email],
                )
                told.add(contact)
        for email in promoted.keys() - told:
            send_email(
                "emails/community/membership_approved",
                {"municipality": municipality, "login_url": login_url},
                [promoted[email]],
                language=municipality.locale.language_code,
            )


def promote_registrants(municipality):
    """Once its profile is public, whoever registered a municipality becomes its
    administrator. Returns {lower-case email: email} of the accounts promoted now (each once:
    the role changes in the caller's transaction)."""
    waiting = list(
        Membership.objects.select_for_update()
        .filter(
            municipality__translation_key=municipality.translation_key,
            role=Role.REGISTRANT,
        )
        .select_related("user")
    )
    for membership in waiting:
        membership.role = Role.ADMIN
        membership.save(update_fields=["role"])
    return {m.user.email.lower(): m.user.email for m in waiting}


def reverse_in(language, name, *args):
    """The path of ``name`` under /<language>/."""
    with translation.override(language):
        return reverse(name, args=args)
