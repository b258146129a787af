"""Asking to join a municipality (issue 11) at /<lang>/account/join/…, and the
administrators' decision on the Colleagues page. Services in ``community.join_requests``.

Every answer is ``private, no-store``; a decision looks the request up through the acting
administrator's own membership (another municipality's request, or a colleague who is not an
administrator: 404, nothing changes). A successful POST answers 303."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from portal.http import busy_response, redirect_303
from portal.ratelimit import allow

from . import join_requests, members
from .member_forms import JoinRequestForm
from .member_views import render_private
from .models import JoinRequest, JoinStatus

JOIN_LIMIT = (5, 3600)  # join requests per address per hour


def ask(request, pk):
    """GET: the form; POST: the request (from this form or the registration page's offer)."""
    municipality = join_requests.joinable(pk)
    if municipality is None:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    if user and join_requests.is_member(user.email, municipality):
        messages.info(request, gettext("You are a member of this municipality already."))
        return redirect_303(reverse("member_municipality", args=[municipality.pk]))
    posted = request.method == "POST"
    form = JoinRequestForm(request.POST if posted else None, signed_in=user is not None)
    context = {"municipality": municipality, "form": form}
    status = 200
    if posted:
        if not allow(request, "join", *JOIN_LIMIT):
            form.is_valid()
            form.add_error(None, gettext("Too many requests from your address. Please try later."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                join_requests.ask(
                    municipality,
                    data.get("email", ""),
                    get_language(),
                    user=user,
                    name=data["name"],
                    message=data["message"],
                )
            except OperationalError:
                return busy_response(request, "community/member/join.html", context)
            return redirect_303(reverse("member_join_sent", args=[municipality.pk]))
        else:
            status = 400
    return render_private(request, "community/member/join.html", context, status=status)


def sent(request, pk):
    municipality = join_requests.joinable(pk)
    if municipality is None:
        raise Http404
    return render_private(
        request, "community/member/join_sent.html", {"municipality": municipality}
    )


def confirm(request, token):
    """The link in the confirmation email: GET shows it, POST confirms the address."""
    found = join_requests.open_request(token)
    if found is None:
        return render_private(request, "community/member/join_confirm.html", {"invalid": True}, 404)
    if request.method == "POST":
        if join_requests.confirm(found) is None:
            return render_private(
                request, "community/member/join_confirm.html", {"invalid": True}, 404
            )
        return render_private(
            request, "community/member/join_confirm.html", {"confirmed": found, "done": True}
        )
    return render_private(request, "community/member/join_confirm.html", {"confirmed": found})


@login_required
@require_POST
def decide(request, pk, request_pk, action):
    if action not in ("approve", "decline"):
        raise Http404
    acting = members.membership_or_404(request.user, pk, admin=True)
    found = get_object_or_404(
        JoinRequest.objects.select_related("user"),
        pk=request_pk,
        municipality_id=acting.municipality_id,
        status=JoinStatus.WAITING,
    )
    approve = action == "approve"
    if join_requests.decide(found, approve, request.user):
        text = (
            gettext("%(email)s is now a colleague.")
            if approve
            else gettext("The request of %(email)s was declined.")
        )
        messages.success(request, text % {"email": found.email})
    return redirect_303(reverse("member_colleagues", args=[pk]))
