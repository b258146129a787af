"""Organisers' actions on one registration that a ModelViewSet does not provide: give a seat to
someone on the waiting list, mark attendance. A GET shows what will happen, a POST does it;
each checks the user's permission on the server."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from stories import registration_services as services
from stories.models import Registration

ACTIONS = ("confirm_seat", "attended", "absent")


def action_labels():
    return {
        "confirm_seat": _("Give a seat (from the waiting list)"),
        "attended": _("Mark as attended"),
        "absent": _("Mark as absent"),
    }


def registration_action(request, pk, action):
    if not request.user.has_perm("stories.change_registration"):
        raise PermissionDenied
    if action not in ACTIONS:
        raise Http404
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    if request.method == "POST":
        if action == "confirm_seat":
            waiting = (Registration.Status.WAITING, Registration.Status.OFFERED)
            if registration.status not in waiting:
                messages.error(request, _("Only someone on the waiting list can be given a seat."))
            else:
                services.confirm_from_waiting_list(registration)
                messages.success(
                    request,
                    _("%(name)s has a seat; we will email them the confirmation.")
                    % {"name": registration.name},
                )
        else:
            services.mark_attendance(registration, action == "attended")
            messages.success(request, _("Attendance saved."))
        return redirect(reverse("stories_registration:index") + f"?event={registration.event_id}")
    return TemplateResponse(
        request,
        "events/admin/confirm_action.html",
        {"registration": registration, "label": action_labels()[action]},
    )
