"""Associations as brokers (issue 11): an association member's pages at
/<lang>/account/association/…: the municipalities in the association, a municipality's
profile, its confirmation by the association and an edit proposed for moderation.

Every municipality is looked up through the signed-in account's own link to the association
(``associations.link_or_404``, then ``municipality_or_404``): another association's
municipality or a forged pk answers 404 and changes nothing. Every page answers
``private, no-store``; a successful POST answers 303."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from portal.http import busy_response, no_store, redirect_303

from . import associations, members
from .member_forms import ProfileEditForm
from .member_views import public_record, render_private, submit_edit


def _municipality_url(link, record):
    return reverse("association_municipality", args=[link.association_id, record.pk])


@login_required
def index(request):
    """The account's associations; straight to the association when there is one."""
    links = list(associations.links_of(request.user))
    if not links:
        raise Http404
    if len(links) == 1:
        return no_store(redirect("association_home", links[0].association_id, permanent=False))
    return render_private(request, "community/association/index.html", {"links": links})


@login_required
def home(request, pk):
    link = associations.link_or_404(request.user, pk)
    context = {
        "link": link,
        "association": link.association.localized,
        "municipalities": associations.listing(link.association),
    }
    return render_private(request, "community/association/home.html", context)


@login_required
def municipality(request, pk, municipality_pk):
    link = associations.link_or_404(request.user, pk)
    record = associations.municipality_or_404(link.association, municipality_pk)
    context = {
        "link": link,
        "association": link.association.localized,
        "municipality": record,
        "public": public_record(record),
        "pending": members.pending_edit(record),
        "verification": associations.verification_of(link.association, record),
    }
    return render_private(request, "community/association/municipality.html", context)


@login_required
@require_POST
def verify(request, pk, municipality_pk):
    link = associations.link_or_404(request.user, pk)
    record = associations.municipality_or_404(link.association, municipality_pk)
    associations.verify(link.association, record, request.user)
    messages.success(
        request,
        gettext("%(name)s is verified by the association.") % {"name": record.display_name},
    )
    return redirect_303(_municipality_url(link, record))


@login_required
def edit(request, pk, municipality_pk):
    """An edit proposed by the association: saved as a revision for the moderators, exactly
    like a member's edit (``members.submit_edit``)."""
    link = associations.link_or_404(request.user, pk)
    record = associations.municipality_or_404(link.association, municipality_pk)
    draft = record.get_latest_revision_as_object()
    form = ProfileEditForm.for_profile(draft, request.POST if request.method == "POST" else None)
    context = {
        "link": link,
        "association": link.association.localized,
        "municipality": record,
        "form": form,
    }
    template = "community/association/edit.html"
    if request.method != "POST":
        return render_private(request, template, context)
    if not form.is_valid():
        return render_private(request, template, context, status=400)
    try:
        submit_edit(request, record, form)
    except OperationalError:
        return busy_response(request, template, context)
    return redirect_303(_municipality_url(link, record))
