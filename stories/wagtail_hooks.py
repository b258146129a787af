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
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.countries import all_country_choices
from portal.export import SafeExportMixin
from stories import registration_admin
from stories.models import ATTENDANCE_CHOICES, EventPage, Registration, TagName


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations come from the public form only."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def _events():
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:
        return EventPage.objects.none()
    return EventPage.objects.filter(locale=default, registration_enabled=True).order_by(
        "-starts_at"
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


class RegistrationIndexView(SafeExportMixin, IndexView):
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


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Event registrations")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    copy_view_enabled = False
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
    search_backend_name = None  # the database: personal data stays out of the search index
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


register_permission_policy(
    Registration, RegistrationPermissionPolicy(Registration), exact_class=True
)
registration_viewset = RegistrationViewSet("stories_registration", url_prefix="event-registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


class EventRegistrantsButton(PageMenuItem):
    label = _("Registrants")
    icon_name = "group"
    priority = 45

    def is_shown(self, user):
        return registration_viewset.permission_policy.user_has_permission(user, "view")

    @cached_property
    def url(self):
        source = self.page.specific.source_event
        return reverse("stories_registration:index") + "?" + urlencode({"event": source.pk})


class EmailRegistrantsButton(EventRegistrantsButton):
    label = _("Email registrants")
    icon_name = "mail"
    priority = 46

    def is_shown(self, user):
        return registration_viewset.permission_policy.user_has_permission(user, "change")

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
