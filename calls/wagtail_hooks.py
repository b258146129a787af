"""Review of applications in the admin: one listing with filters (call, status, country),
search, export, an edit view limited to status and reviewer notes, and the private files."""

from urllib.parse import urlencode

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import EditView
from wagtail.admin.widgets.button import MenuItem

from calls import admin_views, services
from calls.models import Application, CallPage
from portal.countries import all_country_choices
from portal.submissions_admin import (
    SubmissionIndexView,
    SubmissionsButton,
    SubmissionViewSet,
    in_default_locale,
    register_submission_viewset,
)

REVIEW_STATUSES = [
    (value, label) for value, label in Application.Status.choices if value != "draft"
]


def _calls():
    return in_default_locale(CallPage.objects.order_by("-closes_at"))


class ApplicationFilterSet(WagtailFilterSet):
    call = ModelChoiceFilter(label=_("Call"), queryset=lambda request: _calls())
    status = ChoiceFilter(label=_("Status"), choices=REVIEW_STATUSES)
    applicant_country = ChoiceFilter(label=_("Country"), choices=all_country_choices)
    submitted_at = DateFromToRangeFilter(label=_("Submitted"), widget=DateRangePickerWidget)

    class Meta:
        model = Application
        fields = ["call", "status", "applicant_country", "submitted_at"]


def municipality_edit_url(municipality_id):
    if municipality_id is None:
        return None
    return reverse("wagtailsnippets_community_municipality:edit", args=[municipality_id])


class ApplicantColumn(TitleColumn):
    """The applicant as submitted, linked to its directory profile's edit view when it was
    chosen from the directory (the snippet's own views check the reviewer's permissions)."""

    empty_value_display = ""

    def __init__(self, name, **kwargs):
        super().__init__(
            name,
            get_url=lambda application: municipality_edit_url(
                application.applicant_municipality_id
            ),
            **kwargs,
        )

    def get_link_attrs(self, instance, parent_context):
        attrs = super().get_link_attrs(instance, parent_context)
        if instance.applicant_municipality_id:
            attrs["title"] = _("Open its profile in the member directory")
        return attrs


class ApplicationIndexView(SubmissionIndexView):
    def get_base_queryset(self):
        # Drafts are the applicant's unfinished work: reviewers see what was submitted.
        return (
            super()
            .get_base_queryset()
            .submitted()
            .select_related("call", "applicant_municipality", "partner_municipality")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        user = self.request.user
        if user.has_perm("calls.change_application"):
            buttons.append(
                MenuItem(
                    _("Export personal data"),
                    url=reverse("calls_application:export_personal_data", args=[instance.pk]),
                    icon_name="download",
                    priority=40,
                )
            )
        if user.has_perm("calls.delete_application"):
            buttons.append(
                MenuItem(
                    _("Erase personal data"),
                    url=reverse("calls_application:erase_personal_data", args=[instance.pk]),
                    icon_name="bin",
                    priority=50,
                )
            )
        return buttons


class ApplicationEditView(EditView):
    def get_object(self, queryset=None):
        self.kwargs[self.pk_url_kwarg] = self.object_pk
        return super().get_object(Application.objects.submitted().select_related("call"))

    def save_instance(self):
        # Inside the view's transaction: the decision email is queued with the status change.
        previous = Application.objects.filter(pk=self.object_pk).values_list("status", flat=True)
        previous = previous.first()
        instance = super().save_instance()
        services.notify_decision(instance)
        # The member space (issue 11): the municipality's administrators hear of the change.
        from community.members import status_changed

        status_changed(instance, previous)
        return instance


class ApplicationViewSet(SubmissionViewSet):
    model = Application
    icon = "form"
    menu_label = _("Applications")
    menu_order = 250
    index_view_class = ApplicationIndexView
    edit_view_class = ApplicationEditView
    filterset_class = ApplicationFilterSet
    list_display = [
        "reference",
        "project_title",
        ApplicantColumn("applicant_name", label=_("Applicant municipality")),
        Column("call", label=_("Call")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        "submitted_at",
    ]
    search_fields = [
        "reference",
        "project_title",
        "applicant_name",
        "partner_name",
        "contact_name",
        "contact_email",
    ]
    list_export = [
        "reference",
        "call",
        "get_status_display",
        "submitted_at",
        "applicant_name",
        "applicant_country",
        "applicant_kind",
        "applicant_population",
        "applicant_municipality",
        "partner_name",
        "partner_country",
        "partner_municipality",
        "project_title",
        "project_summary",
        "sector",
        "requested_amount",
        "co_financing_amount",
        "contact_name",
        "contact_email",
        "contact_phone",
        "answers_text",
    ]
    export_headings = {
        "get_status_display": _("Status"),
        "answers_text": _("Answers to the call's questions"),
        "applicant_municipality": _("Applicant in the member directory"),
        "partner_municipality": _("Partner in the member directory"),
    }
    export_filename = "applications"
    form_fields = ["status", "reviewer_notes"]
    panels = [
        HelpPanel(template="calls/admin/application_summary.html", heading=_("Application")),
        FieldPanel("status"),
        FieldPanel("reviewer_notes"),
    ]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        # A submitted application cannot become a draft again.
        form_class.base_fields["status"].choices = REVIEW_STATUSES
        return form_class

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "attachment/<int:pk>/",
                admin_views.download_attachment,
                name="download_attachment",
            ),
            path(
                "<int:pk>/personal-data/",
                admin_views.export_personal_data,
                name="export_personal_data",
            ),
            path(
                "<int:pk>/erase/",
                admin_views.erase_personal_data,
                name="erase_personal_data",
            ),
        ]


application_viewset = register_submission_viewset(
    ApplicationViewSet, "calls_application", url_prefix="applications"
)


class CallApplicationsButton(SubmissionsButton):
    """The review listing filtered to one call, from the call's own menu in the page explorer:
    reviewers work call by call."""

    viewset = application_viewset
    label = _("Applications")
    icon_name = "form"
    priority = 45

    @cached_property
    def url(self):
        return reverse("calls_application:index") + "?" + urlencode({"call": self.page.pk})


@hooks.register("register_page_listing_more_buttons")
def call_applications_listing_button(page, user, next_url=None):
    if page.specific_class is CallPage:
        yield CallApplicationsButton(page=page)


@hooks.register("register_page_header_buttons")
def call_applications_header_button(page, user, view_name, next_url=None):
    if page.specific_class is CallPage:
        yield CallApplicationsButton(page=page)
