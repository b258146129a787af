"""Registrants per event for organisers (issue 16): filters (event, status, country, attendance,
interpretation), CSV/XLSX export, attendance and seats from the waiting list."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.countries import all_country_choices
from portal.submissions_admin import (
    SubmissionIndexView,
    SubmissionsButton,
    SubmissionViewSet,
    in_default_locale,
    register_submission_viewset,
)
from stories import registration_admin
from stories.models import ATTENDANCE_CHOICES, EventPage, Registration, TagName


def _events():
    return in_default_locale(
        EventPage.objects.filter(registration_enabled=True).order_by("-starts_at")
    )


def _interpretation_choices():
    return list(settings.LANGUAGES)


class RegistrationFilterSet(WagtailFilterSet):
    event = ModelChoiceFilter(label=_("Event"), queryset=lambda request: _events())
    status = ChoiceFilter(label=_("Status"), choices=Registration.Status.choices)
    country = ChoiceFilter(label=_("Country"), choices=all_country_choices)
    attendance = ChoiceFilter(label=_("Attendance"), choices=ATTENDANCE_CHOICES)
    interpretation = ChoiceFilter(label=_("Interpretation needed"), choices=_interpretation_choices)

    class Meta:
        model = Registration
        fields = ["event", "status", "country", "attendance", "interpretation"]


class RegistrationIndexView(SubmissionIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "municipality")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.request.user.has_perm("stories.change_registration"):
            return buttons
        labels = registration_admin.action_labels()
        actions = ["attended", "absent"]
        if instance.status in (Registration.Status.WAITING, Registration.Status.OFFERED):
            actions.insert(0, "confirm_seat")
        for priority, action in enumerate(actions, start=30):
            buttons.append(
                MenuItem(
                    labels[action],
                    url=reverse("stories_registration:action", args=[instance.pk, action]),
                    icon_name="tick" if action != "absent" else "cross",
                    priority=priority,
                )
            )
        return buttons


class RegistrationViewSet(SubmissionViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Event registrations")
    menu_order = 260
    index_view_class = RegistrationIndexView
    filterset_class = RegistrationFilterSet
    list_display = [
        "name",
        "organisation",
        Column("event", label=_("Event")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("attendance", label=_("Attendance"), accessor="get_attendance_display"),
        "country",
        "attended",
        "created_at",
    ]
    search_fields = ["name", "email", "organisation"]
    list_export = [
        "event",
        "get_status_display",
        "name",
        "email",
        "organisation",
        "municipality",
        "role",
        "country",
        "get_attendance_display",
        "interpretation",
        "accessibility",
        "session_titles",
        "answers",
        "attended",
        "language",
        "created_at",
    ]
    export_headings = {
        "get_status_display": _("Status"),
        "get_attendance_display": _("Attendance"),
        "municipality": _("Municipality in the directory"),
        "session_titles": _("Sessions"),
    }
    export_filename = "event-registrations"
    form_fields = ["attended", "accessibility"]
    panels = [FieldPanel("attended"), FieldPanel("accessibility")]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "event/<int:event_pk>/email/",
                registration_admin.email_registrants,
                name="email_registrants",
            ),
            path(
                "<int:pk>/action/<str:action>/",
                registration_admin.registration_action,
                name="action",
            ),
        ]


registration_viewset = register_submission_viewset(
    RegistrationViewSet, "stories_registration", url_prefix="event-registrations"
)


class EventRegistrantsButton(SubmissionsButton):
    viewset = registration_viewset
    label = _("Registrants")
    icon_name = "group"
    priority = 45

    @cached_property
    def url(self):
        source = self.page.specific.source_event
        return reverse("stories_registration:index") + "?" + urlencode({"event": source.pk})


class EmailRegistrantsButton(EventRegistrantsButton):
    label = _("Email registrants")
    icon_name = "mail"
    priority = 46
    permission = "change"

    @cached_property
    def url(self):
        source = self.page.specific.source_event
        return reverse("stories_registration:email_registrants", args=[source.pk])


@hooks.register("register_page_listing_more_buttons")
def event_registrants_listing_button(page, user, next_url=None):
    if page.specific_class is EventPage:
        yield EventRegistrantsButton(page=page)
        yield EmailRegistrantsButton(page=page)


@hooks.register("register_page_header_buttons")
def event_registrants_header_button(page, user, view_name, next_url=None):
    if page.specific_class is EventPage:
        yield EventRegistrantsButton(page=page)


class TagNameViewSet(SnippetViewSet):
    """Story tags named per language (stories/models/tag_names.py), with a locale filter."""

    model = TagName
    icon = "tag"
    menu_label = _("Tag names")
    add_to_admin_menu = False
    list_display = ["name", "tag", Column("locale", label=_("Language"), accessor="locale")]
    list_filter = ["locale"]


register_snippet(TagNameViewSet)
