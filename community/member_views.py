"""The member space at /<lang>/account/ (issue 11): a member's municipality, its profile as
the public sees it, "the profile is current", and an edit sent to moderation.

Every view answers ``private, no-store``; every object is looked up through the signed-in
member's own memberships (``members.membership_or_404``), so another municipality's addresses
answer 404 and change nothing. A successful POST answers 303."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from portal.http import busy_response, no_store, redirect_303

from . import join_requests, member_sessions, members
from .cards import sectors_by_slug
from .member_forms import InviteForm
from .member_profile import MemberProfileForm
from .models import Membership, Municipality, with_sectors
from .models.membership import ACTIVE_ROLES
from .registration import MAX_REGISTRATION_BYTES as MAX_EDIT_BYTES


def render_private(request, template, context, status=200):
    return no_store(TemplateResponse(request, template, context, status=status))


def public_record(municipality):
    """The published record in the visitor's language (the default language's otherwise)."""
    return (
        Municipality.objects.filter(
            translation_key=municipality.translation_key,
            locale__language_code=get_language(),
            live=True,
        )
        .prefetch_related(*with_sectors(), "working_languages")
        .first()
        or municipality
    )


def submit_edit(request, record, form):
    """Saves the edit as a revision for the moderators (``members.submit_edit``) and tells the
    member (or association member) what happened. OperationalError: nothing was saved."""
    if members.submit_edit(record, form, request.user):
        messages.success(
            request,
            gettext(
                "Thank you: your changes are waiting for review by the moderators. "
                "The public profile changes when they publish them."
            ),
        )
    else:
        messages.info(request, gettext("Nothing was changed."))


@login_required
def home(request):
    memberships = list(members.memberships_of(request.user))
    if len(memberships) == 1:
        return no_store(
            redirect("member_municipality", memberships[0].municipality_id, permanent=False)
        )
    return render_private(request, "community/member/home.html", {"memberships": memberships})


@login_required
def municipality(request, pk):
    membership = members.membership_or_404(request.user, pk)
    record = membership.municipality
    public = public_record(record)
    # The sector links point at one language's sectors: named in the visitor's language.
    sectors = sectors_by_slug(Locale.get_active())
    context = {
        "membership": membership,
        "municipality": record,
        "public": public,
        "public_offers": [(sectors.get(o.sector.slug, o.sector), o) for o in public.offers.all()],
        "public_needs": [(sectors.get(n.sector.slug, n.sector), n) for n in public.needs.all()],
        "pending": members.pending_edit(record),
        "changes": members.pending_changes(record),
    }
    return render_private(request, "community/member/municipality.html", context)


@login_required
@require_POST
def confirm(request, pk):
    membership = members.membership_or_404(request.user, pk)
    members.confirm_current(membership.municipality)
    messages.success(request, gettext("Thank you: the profile is confirmed as current."))
    return redirect_303(reverse("member_municipality", args=[pk]))


@login_required
def edit(request, pk):
    membership = members.membership_or_404(request.user, pk)
    record = membership.municipality
    draft = record.get_latest_revision_as_object()
    if request.method == "POST" and _content_length(request) > MAX_EDIT_BYTES:
        # Refused before Django reads the body, so an oversized logo is never stored.
        form = MemberProfileForm.for_profile(draft)
        context = {"membership": membership, "municipality": record, "form": form}
        context["refused"] = gettext(
            "The form was too large to receive (the logo may be at most 2 MB). "
            "Nothing was stored: please fill it in again with a smaller logo."
        )
        return render_private(request, "community/member/edit.html", context, status=413)
    posted = request.method == "POST"
    form = MemberProfileForm.for_profile(
        draft, request.POST if posted else None, request.FILES if posted else None
    )
    context = {"membership": membership, "municipality": record, "form": form}
    if posted:
        if form.is_valid():
            try:
                submit_edit(request, record, form)
            except OperationalError:
                return busy_response(request, "community/member/edit.html", context)
            return redirect_303(reverse("member_municipality", args=[pk]))
        return render_private(request, "community/member/edit.html", context, status=400)
    return render_private(request, "community/member/edit.html", context)


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@login_required
def applications(request, pk):
    membership = members.membership_or_404(request.user, pk)
    found = list(members.applications_of(membership.municipality))
    context = {
        "membership": membership,
        "municipality": membership.municipality,
        "drafts": [a for a in found if a.status == "draft"],
        "submitted": [a for a in found if a.status != "draft"],
        "open_calls": members.open_calls(request),
    }
    return render_private(request, "community/member/applications.html", context)


@login_required
def open_application(request, pk, application_pk):
    """*Continue* (a draft) or *View* (a submitted one): the application's form at the call's
    page in the member's language, opened for members of its municipality (calls.members)."""
    membership = members.membership_or_404(request.user, pk)
    url = members.application_url(request, membership.municipality, application_pk)
    if url is None:
        raise Http404
    return no_store(redirect_303(url))


@login_required
@require_POST
def delete_draft(request, pk, application_pk):
    membership = members.membership_or_404(request.user, pk)
    members.delete_draft(membership.municipality, application_pk)
    messages.success(request, gettext("The draft was deleted."))
    return redirect_303(reverse("member_applications", args=[pk]))


# Colleagues ----------------------------------------------------------------------------------


@login_required
def colleagues(request, pk):
    membership = members.membership_or_404(request.user, pk)
    form = InviteForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not membership.is_admin:
            raise Http404
        if form.is_valid():
            invitation = members.invite(
                membership.municipality, form.cleaned_data["email"], request.user, get_language()
            )
            if invitation:
                messages.success(
                    request,
                    gettext("The invitation was sent to %(email)s.") % {"email": invitation.email},
                )
            else:
                messages.info(request, gettext("This address is a member already."))
            return redirect_303(reverse("member_colleagues", args=[pk]))
        status = 400
    context = {
        "membership": membership,
        "municipality": membership.municipality,
        "members": membership.municipality.memberships.filter(role__in=ACTIVE_ROLES)
        .select_related("user")
        .order_by("-role", "user__email"),
        "invitations": membership.municipality.invitations.filter(accepted_at__isnull=True),
        "join_requests": join_requests.waiting_for(membership.municipality)
        if membership.is_admin
        else [],
        "form": form,
    }
    return render_private(request, "community/member/colleagues.html", context, status=status)


def _colleague_or_404(request, pk, membership_pk, *, admin=True):
    """The acting member (an administrator) and the colleague's membership, both of
    municipality ``pk``; 404 for a forged or foreign membership id."""
    acting = members.membership_or_404(request.user, pk, admin=admin)
    colleague = get_object_or_404(
        Membership, pk=membership_pk, municipality_id=acting.municipality_id
    )
    return acting, colleague


@login_required
@require_POST
def make_admin(request, pk, membership_pk):
    _acting, colleague = _colleague_or_404(request, pk, membership_pk)
    members.make_admin(colleague)
    messages.success(
        request, gettext("%(email)s is now an administrator.") % {"email": colleague.user.email}
    )
    return redirect_303(reverse("member_colleagues", args=[pk]))


@login_required
@require_POST
def remove(request, pk, membership_pk):
    acting = members.membership_or_404(request.user, pk)
    leaving = str(membership_pk) == str(acting.pk)
    colleague = acting if leaving else _colleague_or_404(request, pk, membership_pk)[1]
    try:
        members.remove(colleague)
    except members.LastAdministrator:
        messages.error(
            request,
            gettext(
                "The municipality needs an administrator: make a colleague administrator first."
            ),
        )
        return redirect_303(reverse("member_colleagues", args=[pk]))
    if leaving:
        if not member_sessions.belongs_anywhere(request.user.pk):
            logout(request)  # its sessions were ended: this one starts afresh
        messages.success(request, gettext("You have left the municipality."))
        return redirect_303(reverse("member_home"))
    messages.success(request, gettext("The colleague was removed."))
    return redirect_303(reverse("member_colleagues", args=[pk]))


def invitation(request, token):
    """The invitation's link: GET shows it, POST accepts it and signs the colleague in."""
    found = members.open_invitation(token)
    if found is None:
        return render_private(
            request, "community/member/invitation.html", {"invalid": True}, status=404
        )
    if request.method == "POST":
        user = members.accept(found)
        if user is None:
            return render_private(
                request, "community/member/invitation.html", {"invalid": True}, status=404
            )
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(
            request,
            gettext("Welcome: you are now a member of %(name)s.")
            % {"name": found.municipality.name},
        )
        return redirect_303(reverse("member_municipality", args=[found.municipality_id]))
    return render_private(request, "community/member/invitation.html", {"invitation": found})
