"""The member space at /<lang>/account/ (issue 11): a member's municipality, its profile as
the public sees it, "the profile is current", and an edit sent to moderation.

Every view answers ``private, no-store``; every object is looked up through the signed-in
member's own memberships (``members.membership_or_404``), so another municipality's addresses
answer 404 and change nothing. A successful POST answers 303."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from portal.http import busy_response, no_store, redirect_303

from . import members
from .member_forms import ProfileEditForm
from .models import Municipality


def _render(request, template, context, status=200):
    return no_store(TemplateResponse(request, template, context, status=status))


def public_record(municipality):
    """The published record in the visitor's language (the default language's otherwise)."""
    return (
        Municipality.objects.filter(
            translation_key=municipality.translation_key,
            locale__language_code=get_language(),
            live=True,
        )
        .prefetch_related("offers__sector", "needs__sector", "working_languages")
        .first()
        or municipality
    )


@login_required
def home(request):
    memberships = list(members.memberships_of(request.user))
    if len(memberships) == 1:
        return no_store(
            redirect("member_municipality", memberships[0].municipality_id, permanent=False)
        )
    return _render(request, "community/member/home.html", {"memberships": memberships})


@login_required
def municipality(request, pk):
    membership = members.membership_or_404(request.user, pk)
    record = membership.municipality
    context = {
        "membership": membership,
        "municipality": record,
        "public": public_record(record),
        "pending": members.pending_edit(record),
    }
    return _render(request, "community/member/municipality.html", context)


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
    form = ProfileEditForm.for_profile(draft, request.POST if request.method == "POST" else None)
    context = {"membership": membership, "municipality": record, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = members.submit_edit(record, form, request.user)
            except OperationalError:
                return busy_response(request, "community/member/edit.html", context)
            if changed:
                messages.success(
                    request,
                    gettext(
                        "Thank you: your changes are waiting for review by the moderators. "
                        "The public profile changes when they publish them."
                    ),
                )
            else:
                messages.info(request, gettext("Nothing was changed."))
            return redirect_303(reverse("member_municipality", args=[pk]))
        return _render(request, "community/member/edit.html", context, status=400)
    return _render(request, "community/member/edit.html", context)


@login_required
def applications(request, pk):
    membership = members.membership_or_404(request.user, pk)
    found = list(members.applications_of(membership.municipality))
    context = {
        "membership": membership,
        "municipality": membership.municipality,
        "drafts": [a for a in found if a.status == "draft"],
        "submitted": [a for a in found if a.status != "draft"],
    }
    return _render(request, "community/member/applications.html", context)


@login_required
@require_POST
def delete_draft(request, pk, application_pk):
    membership = members.membership_or_404(request.user, pk)
    members.delete_draft(membership.municipality, application_pk)
    messages.success(request, gettext("The draft was deleted."))
    return redirect_303(reverse("member_applications", args=[pk]))
