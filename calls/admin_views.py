"""Admin views for applications that a ModelViewSet does not provide: private attachments and
a data subject's export and erasure. Each checks the user's permission on the server."""

import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from wagtail.admin import messages

from calls.models import Application, ApplicationAttachment
from portal.uploads import private_download


def _require(request, action):
    if not request.user.has_perm(f"calls.{action}_application"):
        raise PermissionDenied


def download_attachment(request, pk):
    """An application's file, to staff allowed to view applications, and only as a download:
    never rendered by the browser (which could run a crafted file in the portal's origin)."""
    _require(request, "view")
    attachment = get_object_or_404(
        ApplicationAttachment.objects.select_related("application"), pk=pk
    )
    return private_download(attachment)


def export_personal_data(request, pk):
    """Everything one application holds about people, as JSON (a data subject's request)."""
    _require(request, "change")
    application = get_object_or_404(Application, pk=pk)
    payload = json.dumps(
        {"applications": [application.personal_data()]}, ensure_ascii=False, indent=2
    )
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    name = application.reference or f"draft-{application.pk}"
    response["Content-Disposition"] = f'attachment; filename="personal-data-{name}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


class ConfirmErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm that the applicant asked for their personal data to be erased.")
    )


def erase_personal_data(request, pk):
    """Anonymises one application (contact person, texts, answers, files) after confirmation."""
    _require(request, "delete")
    application = get_object_or_404(Application, pk=pk)
    form = ConfirmErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application.anonymise()
        messages.success(request, _("The application's personal data was erased."))
        return redirect(reverse("calls_application:index"))
    return TemplateResponse(
        request,
        "calls/admin/confirm_erasure.html",
        {"application": application, "form": form},
    )
