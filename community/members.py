"""The member space's services (issue 11), apart from HTTP: which municipality a member may
act for, an edit of its profile sent to moderation, "the profile is current"."""

from django.db import transaction
from django.http import Http404

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
    moderator publishes. Returns the changed fields' labels (nothing is saved when none)."""
    draft = municipality.get_latest_revision_as_object()
    changed = form.apply_to(draft)
    if not changed:
        return []
    with transaction.atomic():
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
    return changed


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


def status_changed(pk, previous):
    """After an application's status change is committed: the applicant's contact and the
    administrators of its municipality hear about it. Decisions already reach the contact
    through the calls app's own email, so the contact is told here of the other steps only."""
    model = application_model()
    application = model.objects.filter(pk=pk).select_related("call").first()
    if application is None or application.status in (previous, "draft"):
        return 0
    recipients = {}
    if application.contact_email and application.status not in model.DECISIONS:
        recipients[application.contact_email.lower()] = application.contact_email
    if application.applicant_municipality_id:
        admins = (
            Membership.objects.active()
            .admins()
            .filter(
                municipality__translation_key=application.applicant_municipality.translation_key
            )
        )
        for email in admins.values_list("user__email", flat=True):
            recipients.setdefault(email.lower(), email)
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
