"""Associations as brokers (issue 11), apart from HTTP: the associations an account acts for,
the municipalities in them, and an association's confirmation of a member municipality.

A member's edit proposed by an association goes through ``members.submit_edit`` like any
member's edit; nothing here writes a profile."""

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from wagtail.models import Locale

from portal.collation import sort_key

from .models import AssociationMember, AssociationVerification, Municipality


def links_of(user):
    """The account's links to associations, each with its association loaded."""
    if not user.is_authenticated:
        return AssociationMember.objects.none()
    return (
        AssociationMember.objects.filter(user=user)
        .select_related("association", "association__locale")
        .order_by("association__name")
    )


def link_or_404(user, association_pk):
    """The account's link to association ``association_pk``; 404 for any other."""
    link = links_of(user).filter(association_id=association_pk).first()
    if link is None:
        raise Http404
    return link


def municipalities_of(association):
    """The published municipalities in the association (any of their records names any record
    of it), as their records in the default language, where members' edits are made."""
    in_association = Municipality.objects.filter(
        national_association__translation_key=association.translation_key
    )
    return Municipality.objects.filter(
        locale=Locale.get_default(),
        live=True,
        translation_key__in=in_association.values("translation_key"),
    )


def municipality_or_404(association, municipality_pk):
    """A municipality of the association by its (default-language) record's pk; 404 for a
    municipality of another association, a draft or a forged pk."""
    record = (
        municipalities_of(association)
        .filter(pk=municipality_pk)
        .select_related("locale", "latest_revision")
        .first()
    )
    if record is None:
        raise Http404
    return record


def listing(association):
    """The association's municipalities for its members' list, in two queries however many
    there are: each with ``verification`` (the association's, or None), sorted by the name
    shown first in the page's language."""
    found = municipalities_of(association)
    verifications = {
        verification.municipality_id: verification
        for verification in AssociationVerification.objects.filter(
            municipality__in=found.values("pk"),
            association__translation_key=association.translation_key,
        ).order_by("verified_on")
    }
    records = list(found)
    for record in records:
        record.verification = verifications.get(record.pk)
    return sorted(records, key=lambda record: sort_key(record.display_name))


def verification_of(association, municipality):
    return (
        AssociationVerification.objects.filter(
            municipality=municipality, association__translation_key=association.translation_key
        )
        .order_by("-verified_on")
        .first()
    )


def verify(association, municipality, user, today=None):
    """The association confirms the municipality's profile today (again, if it did before)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        AssociationVerification.objects.filter(
            municipality=municipality, association__translation_key=association.translation_key
        ).exclude(association=association).delete()
        verification, _created = AssociationVerification.objects.update_or_create(
            municipality=municipality,
            association=association,
            defaults={"verified_on": today, "verified_by": user},
        )
    return verification


def public_verification(municipality):
    """The verification the public profile of ``municipality`` (a record in any language)
    shows: by the association the municipality is in now, or None."""
    association = municipality.national_association
    if association is None:
        return None
    return (
        AssociationVerification.objects.filter(
            municipality__translation_key=municipality.translation_key,
            association__translation_key=association.translation_key,
        )
        .order_by("-verified_on")
        .first()
    )
