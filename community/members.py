"""The member space's services (issue 11), apart from HTTP: which municipality a member may
act for, an edit of its profile sent to moderation, "the profile is current"."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation

from portal.emails import moderator_addresses, send_email

from . import services
from .models import Membership, Municipality


def memberships_of(user):
    """The active memberships of ``user`` (published profiles), the municipality loaded."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.active()
        .filter(user=user)
        .select_related("municipality", "municipality__locale")
        .order_by("municipality__name")
    )


def membership_or_404(user, municipality_pk, *, admin=False):
    """The member's membership of municipality ``municipality_pk``; 404 for any other (so a
    member cannot even learn whether another municipality's address exists)."""
    membership = memberships_of(user).filter(municipality_id=municipality_pk).first()
    if membership is None or (admin and not membership.is_admin):
        raise Http404
    return membership


def pending_edit(municipality):
    """The revision waiting for moderators, or None."""
    if municipality.has_unpublished_changes and municipality.latest_revision_id:
        return municipality.latest_revision
    return None


def submit_edit(municipality, form, user):
    """Saves the member's edit as a new revision of the profile (on top of an edit still
    waiting, if any) and tells the moderators; the published profile stays as it was until a
    moderator publishes. Returns the changed fields' labels (nothing is saved when none).

    A new logo is stored like a registration's (private, under a name of our own) and named
    by the revision, which clears the chosen logo so that publishing adopts it
    (``logos.adopt_submitted_logo``); the live row names the file too, so that moderators
    can view it and ``reconcile_private_files`` keeps it."""
    draft = municipality.get_latest_revision_as_object()
    if draft.submitted_logo and not municipality.submitted_logo:
        # A revision made before its logo was adopted: the row holds the truth.
        draft.submitted_logo, draft.logo_id = "", municipality.logo_id
    changed = form.apply_to(draft)
    if not changed:
        return []
    logo = form.cleaned_data.get("logo")
    replaced = draft.submitted_logo.name if logo and draft.submitted_logo else ""
    try:
        with transaction.atomic():
            if logo:
                from .logos import stored_name

                draft.submitted_logo.save(stored_name(logo), logo, save=False)
                draft.logo = None
                Municipality.objects.filter(pk=municipality.pk).update(
                    submitted_logo=draft.submitted_logo.name
                )
            revision = draft.save_revision(user=user, log_action=True)
            context = {
                "municipality": draft,
                "member": user.email,
                "changes": changed,
                "admin_url": municipality.absolute_admin_url(),
                "revision": revision,
            }
            for address in moderator_addresses():
                send_email("emails/community/member_edit_for_moderators", context, [address])
            if replaced and replaced != draft.submitted_logo.name:
                storage = draft.submitted_logo.storage
                transaction.on_commit(lambda: storage.delete(replaced))
    except BaseException:
        if logo and draft.submitted_logo and draft.submitted_logo.name != replaced:
            draft.submitted_logo.delete(save=False)  # no orphan file when nothing was stored
        raise
    return changed


def pending_changes(municipality):
    """The labels of the fields a revision waiting for moderators changes, or []."""
    from .member_profile import changed_fields

    revision = pending_edit(municipality)
    if revision is None:
        return []
    return changed_fields(municipality, revision.as_object())


def confirm_current(municipality):
    """One click: the profile is current as published (``last confirmed`` is today)."""
    services.confirm_profile(municipality)
    return Municipality.objects.get(pk=municipality.pk)


# Applications to calls (the calls app, when installed) ------------------------------------------


def application_model():
    """calls.Application, or None without the calls app (the directory never imports it)."""
    from django.apps import apps

    try:
        return apps.get_model("calls", "Application")
    except LookupError:
        return None


def applications_of(municipality):
    """Every application naming the municipality (any of its records) as the applicant."""
    model = application_model()
    if model is None:
        return []
    return (
        model.objects.filter(applicant_municipality__translation_key=municipality.translation_key)
        .select_related("call")
        .order_by("-updated_at", "-pk")
    )


def application_url(request, municipality, application_pk):
    """Where a member continues (or reads) an application of the municipality: the call's
    form in the active language, at the route that opens it for members; None for an
    application that is not the municipality's."""
    if application_model() is None:
        return None
    application = applications_of(municipality).filter(pk=application_pk).first()
    if application is None:
        return None
    call = application.call.localized
    url = call.get_url(request)
    if not url:
        return None
    return url + call.reverse_subpage("apply_resume", args=[application.member_handle])


def open_calls(request):
    """The calls open now, in the active language (the default language's for a call not
    translated), with the address of their form: [(call, apply_url)]; a fixed number of
    queries however many calls."""
    from django.apps import apps
    from wagtail.models import Locale

    try:
        model = apps.get_model("calls", "CallPage")
    except LookupError:
        return []
    calls = model.objects.live().public().open()
    active = Locale.get_active()
    found = list(calls.filter(locale=active))
    if active.language_code != settings.LANGUAGE_CODE:
        # A call not translated (yet) is offered in the default language.
        found += calls.filter(locale__language_code=settings.LANGUAGE_CODE).exclude(
            translation_key__in=[call.translation_key for call in found]
        )
    result = []
    for call in sorted(found, key=lambda call: call.closes_at):
        url = call.get_url(request)
        if url:
            result.append((call, url + call.reverse_subpage("apply")))
    return result


def delete_draft(municipality, application_pk):
    """Deletes a draft of the municipality (its files after the commit); 404 for anything
    else, a submitted application included."""
    model = application_model()
    application = (
        applications_of(municipality).filter(pk=application_pk, status="draft").first()
        if model
        else None
    )
    if application is None:
        raise Http404
    with transaction.atomic():
        for attachment in application.attachments.all():
            attachment.delete()
        application.delete()


def status_changed(application, previous):
    """An application's status changed from ``previous`` (the calls app's review view calls
    this in its transaction; the emails leave after the commit): the administrators of its
    municipality hear of every step after submission. The applicant's contact hears of
    decisions through the calls app's own email."""
    if application.status in (previous, "draft") or previous in (None, "draft"):
        return 0
    if application.applicant_municipality_id is None:
        return 0
    admins = (
        Membership.objects.active()
        .admins()
        .filter(municipality__translation_key=application.applicant_municipality.translation_key)
    )
    recipients = {e.lower(): e for e in admins.values_list("user__email", flat=True)}
    context = {"application": application, "call": application.call}
    return sum(
        send_email(
            "emails/community/application_status",
            context,
            [address],
            language=application.language,
        )
        for address in recipients.values()
    )


# Colleagues -------------------------------------------------------------------------------------

INVITATION_SALT = "community.invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600  # an invitation's link works for 14 days, once


class LastAdministrator(Exception):
    """The municipality would be left without an administrator."""


def invite(municipality, email, invited_by, language):
    """Invites ``email`` as a colleague: an Invitation row and the email with its signed link.
    An address that is a member already is not invited again (returns None)."""
    from .models import Invitation

    email = email.strip()
    if Membership.objects.filter(
        municipality=municipality, user__email__iexact=email, role__in=("admin", "colleague")
    ).exists():
        return None
    with transaction.atomic():
        invitation = Invitation.objects.create(
            municipality=municipality, email=email, invited_by=invited_by
        )
        token = signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)
        with translation.override(language):
            path = reverse("member_invitation", args=[token])
        send_email(
            "emails/community/invitation",
            {
                "municipality": municipality,
                "inviter": invited_by.email,
                "link": settings.BASE_URL + path,
                "days": INVITATION_MAX_AGE // 86400,
            },
            [email],
            language=language,
        )
    return invitation


def open_invitation(token):
    """The unused, unexpired invitation a token names, or None."""
    from .models import Invitation

    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)["i"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return (
        Invitation.objects.filter(pk=pk, accepted_at__isnull=True, municipality__live=True)
        .select_related("municipality")
        .first()
    )


def accept(invitation):
    """The invited address's account (made when new; the link proved the address) becomes a
    colleague; the invitation is used up. Returns the account."""
    from .accounts import account_for
    from .models import Invitation, Role

    with transaction.atomic():
        claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
        if not claimed:
            return None
        user, _address = account_for(invitation.email, verified=True)
        Membership.objects.get_or_create(
            user=user, municipality=invitation.municipality, defaults={"role": Role.COLLEAGUE}
        )
    return user


def make_admin(membership):
    from .models import Role

    membership.role = Role.ADMIN
    membership.save(update_fields=["role"])


def remove(membership):
    """Ends a membership; the last administrator can neither leave nor be removed."""
    with transaction.atomic():
        admins = list(
            Membership.objects.select_for_update()
            .admins()
            .filter(municipality_id=membership.municipality_id)
            .values_list("pk", flat=True)
        )
        if admins == [membership.pk]:
            raise LastAdministrator
        membership.delete()
