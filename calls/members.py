"""Applications and the member space (issue 11), apart from HTTP.

An application belongs to the municipality it names as the applicant from the directory
(``applicant_municipality``, any of its records: they share the ``translation_key``); that is
the list the member space shows. A member signed in applies for one of its own
municipalities only; a draft that names no directory municipality can be claimed by a member
who has its private link. A member continues a draft of its municipality at the call's
``apply/member-<id>/`` routes: the id opens nothing unless the signed-in account is an active
member of the municipality that owns the application (answered like an unknown link)."""

import re

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from calls import services
from calls.forms import ApplicantForm, choosable, snapshot
from calls.models import Application
from community.members import memberships_of

MEMBER_HANDLE = re.compile(r"member-([1-9][0-9]{0,11})")


def is_member_handle(token):
    """``member-<id>`` (Application.member_handle); a private link's key is 43 characters
    long, so the two never meet."""
    return MEMBER_HANDLE.fullmatch(token or "") is not None


def municipalities_of(user):
    """The municipalities (default-language records, published) the account acts for; read
    once per request."""
    if user is None or not user.is_authenticated:
        return []
    if not hasattr(user, "_calls_municipalities"):
        user._calls_municipalities = [m.municipality for m in memberships_of(user)]
    return user._calls_municipalities


def owner_keys(user):
    return [municipality.translation_key for municipality in municipalities_of(user)]


def owned_by(application, municipalities):
    """The municipality among ``municipalities`` that owns ``application``, or None."""
    owner = application.applicant_municipality
    if owner is None:
        return None
    return next((m for m in municipalities if m.translation_key == owner.translation_key), None)


def find_for_member(user, call, token):
    """The application of this call that ``token`` (``member-<id>``) opens for ``user``: one of
    the user's municipalities' applications, or None."""
    match = MEMBER_HANDLE.fullmatch(token or "")
    if match is None or user is None or not user.is_authenticated:
        return None
    keys = owner_keys(user)
    if not keys:
        return None
    return (
        Application.objects.filter(
            pk=int(match.group(1)),
            call=call.source_call,
            applicant_municipality__translation_key__in=keys,
        )
        .select_related("call", "applicant_municipality")
        .first()
    )


def claimable(application):
    """A draft that names no municipality of the directory yet."""
    return application.is_draft and application.applicant_municipality_id is None


class NotClaimable(Exception):
    """The draft was submitted or owned by a municipality meanwhile."""


def claim(call, application, municipality, now=None):
    """``application`` (a draft naming no directory municipality) becomes ``municipality``'s:
    its applicant is the directory's record, and the text fields its snapshot. Checked again
    under the row's lock, so two members cannot both claim it; drafts expire with the
    deadline (services.CallNotOpen)."""
    with transaction.atomic():
        services.ensure_open(call, now)
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not claimable(locked):
            raise NotClaimable
        locked.applicant_municipality = municipality
        values = snapshot(municipality, "applicant")
        for name in ("applicant_region", "applicant_population"):
            values.setdefault(name, getattr(locked, name))
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=["applicant_municipality", *values, "updated_at"])
    return locked


class MemberApplicantForm(ApplicantForm):
    """Step 1 for a signed-in member: the applicant is one of the member's own municipalities
    (the only options; the text fields are filled from the directory as for anyone who
    chooses there). A posted id outside them is refused by the view before this form reads
    it (``forged``)."""

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = {str(m.pk) for m in municipalities}
        field = self.fields["applicant_municipality"]
        field.queryset = choosable().filter(pk__in=[m.pk for m in municipalities])
        field.choices = [
            (m.pk, f"{m.name} ({m.region})" if m.region else m.name) for m in municipalities
        ]
        field.required = True
        field.label = _("Applicant municipality")
        field.help_text = _(
            "The application belongs to this municipality: its members find it under "
            "“My applications”. Its name, country, kind and population are taken from the "
            "directory."
        )

    def forged(self, data):
        posted = data.get(self.add_prefix("applicant_municipality"), "")
        return posted != "" and posted not in self.allowed


def forged(form, data):
    """A member's step 1 posted with a municipality that is not among its options."""
    return isinstance(form, MemberApplicantForm) and form.forged(data)


def applicant_form(user, call, application, data=None, preferred=None):
    """Step 1's form: a member's (own municipalities only) when the signed-in account is a
    member and the application is new or already one of its municipalities'; the public form
    otherwise (a draft opened by its private link that names no directory municipality can
    be claimed instead, see ``draft_context``). ``preferred``: the id of the municipality to
    choose first (the member space's "Apply for …")."""
    municipalities = municipalities_of(user)
    if not municipalities or (
        application.pk is not None and owned_by(application, municipalities) is None
    ):
        return ApplicantForm(data, call=call, instance=application)
    initial = {}
    if application.pk is None:
        first = next((m for m in municipalities if str(m.pk) == preferred), municipalities[0])
        initial = {"applicant_municipality": first.pk, "contact_email": user.email}
    return MemberApplicantForm(
        data, call=call, instance=application, municipalities=municipalities, initial=initial
    )


def draft_context(user, application):
    """What a signed-in member is offered on a draft's page: ``member_owner`` (the member's
    municipality it belongs to) or ``claim_for`` (the member's municipalities, when the draft,
    opened by its private link, names no directory municipality)."""
    key = getattr(application, "key", None)
    if application is None or not key or not application.is_draft:
        return {}
    municipalities = municipalities_of(user)
    if not municipalities:
        return {}
    owner = owned_by(application, municipalities)
    if owner is not None:
        return {"member_owner": owner}
    if claimable(application) and not is_member_handle(key):
        return {"claim_for": municipalities}
    return {}
