"""Registration for the Matchmaking Platform, apart from HTTP: a registration becomes a draft
profile for moderators, likely duplicates are flagged, and the contact and the moderators are
told. Everything is written in one short transaction; the emails are queued in it and leave
after it commits (``portal.emails``), so a registration that fails sends nothing."""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext
from unidecode import unidecode
from wagtail.models import Locale

from portal.emails import moderator_addresses, send_email

from .accounts import account_for
from .logos import stored_name
from .models import Membership, Municipality, Role, Sector, SectorNeed, SectorOffer

# The form's text (a few kilobytes) plus the largest logo accepted.
MAX_REGISTRATION_BYTES = 2 * 1024 * 1024 + 256 * 1024


def new_token():
    """One per registration form shown: the same form posted twice creates one profile."""
    return uuid.uuid4()


def parse_token(value):
    """The form's token as a UUID, or None when it is missing or malformed."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def unique_slug(name, country, locale):
    """``<name>-<country>``, in Latin letters, numbered when taken in ``locale``."""
    base = slugify(unidecode(name))[:140] or "municipality"
    base = f"{base}-{country.lower()}"
    slug, n = base, 1
    while Municipality.objects.filter(slug=slug, locale=locale).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def likely_duplicates(country, name, local_name):
    """Profiles of ``country`` whose name folds to the same key (Šiauliai = Siauliai,
    Київ = Kyiv), one record per municipality, published ones first."""
    found = Municipality.objects.matching_name(country, name, local_name).order_by("-live", "pk")
    seen, unique = set(), []
    for other in found:
        if other.translation_key not in seen:
            seen.add(other.translation_key)
            unique.append(other)
    return unique


def published_duplicate(form):
    """The published profile a valid registration form most likely duplicates (its record
    in the default language, which members join), or None: the form then offers to ask to
    join it instead (``community.join_requests``)."""
    from .join_requests import joinable

    data = form.cleaned_data
    for other in likely_duplicates(data["country"], data["name"], data["local_name"]):
        if other.live:
            return joinable(other.pk)
    return None


def build_profile(form, token, language, locale):
    """The unsaved draft profile (with its sector links) of a valid registration form."""
    data = form.cleaned_data
    sectors = {s.slug: s for s in Sector.objects.in_locale(locale)}
    municipality = Municipality(
        locale=locale,
        name=data["name"],
        local_name=data["local_name"],
        slug=unique_slug(data["name"], data["country"], locale),
        country=data["country"],
        region=data["region"],
        kind=data["kind"],
        population=data["population"],
        website=data["website"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        # Paragraphs and line breaks as the contact typed them, every character escaped.
        description=linebreaks(data["description"].strip(), autoescape=True),
        national_association=data["national_association"],
        open_to_partners=data["open_to_partners"],
        contact_name=data["contact_name"],
        contact_role=data["contact_role"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
        contact_public=data["contact_public"],
        last_confirmed=timezone.localdate(),
        registered_at=timezone.now(),
        registration_token=token,
        live=False,
        has_unpublished_changes=True,
        moderation_note=gettext("Registered in %(language)s.") % {"language": language},
    )
    municipality.offers = [
        SectorOffer(sector=sectors[s], note=n, sort_order=i)
        for i, (s, n) in enumerate(form.sectors("offer"))
        if s in sectors
    ]
    municipality.needs = [
        SectorNeed(sector=sectors[s], note=n, sort_order=i)
        for i, (s, n) in enumerate(form.sectors("need"))
        if s in sectors
    ]
    municipality.working_languages = list(data["working_languages"])
    return municipality


def register(form, token, language):
    """Store a valid registration form as a draft profile (in the default language, where
    editors translate from) and queue the emails. A repeated post of the same form (same
    ``token``) is stored once; returns the new profile, or None for a repeat."""
    if token and Municipality.objects.filter(registration_token=token).exists():
        return None
    data = form.cleaned_data
    municipality = build_profile(form, token, language, Locale.get_default())
    duplicates = likely_duplicates(data["country"], data["name"], data["local_name"])
    if duplicates:
        municipality.possible_duplicate_of = duplicates[0]
    logo = data.get("logo")
    try:
        with transaction.atomic():
            if logo:
                municipality.submitted_logo.save(stored_name(logo), logo, save=False)
            municipality.save()
            municipality.save_revision(log_action=False)
            confirm_url = attach_registrant(municipality)
            tell_contact(municipality, language, confirm_url)
            tell_moderators(municipality, duplicates)
    except IntegrityError:  # the same form posted twice at once: the first one won
        _delete_submitted_logo(municipality)
        return None
    except BaseException:
        _delete_submitted_logo(municipality)
        raise
    return municipality


def _delete_submitted_logo(municipality):
    """No orphan file when the profile was not stored."""
    if municipality.submitted_logo:
        municipality.submitted_logo.delete(save=False)


def attach_registrant(municipality):
    """The registrant's account (made unconfirmed when new) waits as the draft profile's
    ``registrant``; it becomes the administrator when moderators publish the profile
    (``services.profile_published``). Returns the link that confirms a new address (sent in
    the registration's email), or "" when the address is confirmed already."""
    from allauth.account.adapter import get_adapter
    from allauth.account.models import EmailConfirmationHMAC

    user, address = account_for(municipality.contact_email)
    Membership.objects.get_or_create(
        user=user, municipality=municipality, defaults={"role": Role.REGISTRANT}
    )
    if address.verified:
        return ""
    return get_adapter().get_email_confirmation_url(None, EmailConfirmationHMAC(address))


def tell_contact(municipality, language, confirm_url=""):
    return send_email(
        "emails/community/registration_received",
        {"municipality": municipality, "confirm_url": confirm_url},
        [municipality.contact_email],
        language=language,
    )


def tell_moderators(municipality, duplicates):
    """One message per moderator, so that they do not see each other's addresses."""
    context = {
        "municipality": municipality,
        "duplicates": duplicates,
        "admin_url": municipality.absolute_admin_url(),
    }
    return sum(
        send_email("emails/community/registration_for_moderators", context, [address])
        for address in moderator_addresses()
    )
