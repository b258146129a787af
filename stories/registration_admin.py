"""Organisers' actions on one registration that a ModelViewSet does not provide: give a seat to
someone on the waiting list, mark attendance. A GET shows what will happen, a POST does it;
each checks the user's permission on the server."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from stories import registration_services as services
from stories.models import EventPage, Registration

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


class EmailRegistrantsForm(forms.Form):
    AUDIENCES = [
        ("confirmed", gettext_lazy("Confirmed registrants")),
        ("waiting", gettext_lazy("The waiting list")),
        ("active", gettext_lazy("Everyone still registered (confirmed, offered, waiting)")),
    ]
    audience = forms.ChoiceField(label=gettext_lazy("To"), choices=AUDIENCES)
    subject_en = forms.CharField(label=gettext_lazy("Subject in English"), max_length=150)
    body_en = forms.CharField(label=gettext_lazy("Message in English"), widget=forms.Textarea)
    subject_uk = forms.CharField(
        label=gettext_lazy("Subject in Ukrainian"), max_length=150, required=False
    )
    body_uk = forms.CharField(
        label=gettext_lazy("Message in Ukrainian"),
        widget=forms.Textarea,
        required=False,
        help_text=gettext_lazy(
            "Registrants who used another language receive the English message."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("subject_uk")) != bool(cleaned.get("body_uk")):
            raise forms.ValidationError(
                gettext_lazy("Give the Ukrainian message both a subject and a text.")
            )
        return cleaned

    def message_for(self, language):
        data = self.cleaned_data
        if language == "uk" and data.get("subject_uk"):
            return data["subject_uk"], data["body_uk"]
        return data["subject_en"], data["body_en"]


def email_registrants(request, event_pk):
    """One message to each registrant of an event, in their language, queued in the outbox."""
    if not request.user.has_perm("stories.change_registration"):
        raise PermissionDenied
    event = get_object_or_404(EventPage, pk=event_pk)
    form = EmailRegistrantsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.email_registrants(event, form.cleaned_data["audience"], form.message_for)
        messages.success(request, _("%(count)s message(s) queued.") % {"count": count})
        return redirect(reverse("stories_registration:index") + f"?event={event.pk}")
    return TemplateResponse(
        request, "events/admin/email_registrants.html", {"event": event, "form": form}
    )
