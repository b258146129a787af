"""Admin views of the directory that Wagtail's snippet views do not provide."""

import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from community.logos import LOGO_CONTENT_TYPES, logo_format
from community.models import Municipality


def submitted_logo(request, pk):
    """The logo a registration sent, for moderators deciding on the profile. Only users who may
    change municipalities see it; it is never under a public URL."""
    if not request.user.has_perm("community.change_municipality"):
        raise PermissionDenied
    municipality = get_object_or_404(Municipality, pk=pk)
    if not municipality.submitted_logo:
        raise Http404
    image_format = logo_format(municipality.submitted_logo)
    if image_format is None:
        raise Http404
    response = FileResponse(
        municipality.submitted_logo.open("rb"), content_type=LOGO_CONTENT_TYPES[image_format]
    )
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    # An image, nothing else: no script can run even if a browser were tricked into it.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'"
    response["Cache-Control"] = "private, no-store"
    return response


# A member's personal data (community.member_data) ---------------------------------------------


class MemberDataForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    confirm = forms.BooleanField(
        label=_("To erase: I confirm that the person asked for their personal data to be erased."),
        required=False,
    )


def may_handle_member_data(user):
    return user.is_active and user.has_perm("auth.delete_user")


def member_data(request):
    """Export (JSON) or erase what the member space holds about an email address: the same
    as ``manage.py member_data``, for administrators who may delete accounts."""
    from community import member_data as service

    if not may_handle_member_data(request.user):
        raise PermissionDenied
    form = MemberDataForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip()
        action = request.POST.get("action")
        if not service.holds_anything(email):
            form.add_error("email", _("The member space holds nothing about this address."))
        elif action == "export":
            payload = json.dumps(service.export(email), ensure_ascii=False, indent=2)
            response = HttpResponse(payload, content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="member-data.json"'
            response["X-Content-Type-Options"] = "nosniff"
            add_never_cache_headers(response)
            return response
        elif action == "erase" and not form.cleaned_data["confirm"]:
            form.add_error("confirm", _("Tick the box to confirm the erasure."))
        elif action == "erase":
            try:
                service.erase(email)
            except service.StaffAccount:
                form.add_error("email", _("This is a staff account: remove it under Users."))
            else:
                messages.success(request, _("The member's personal data was erased."))
                return redirect(reverse("community_member_data"))
    response = TemplateResponse(request, "community/admin/member_data.html", {"form": form})
    add_never_cache_headers(response)
    return response
