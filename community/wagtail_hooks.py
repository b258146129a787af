"""The "Community" admin menu: every directory snippet with filters, search and export.

Exports neutralise values that a spreadsheet would run as formulas (PITFALLS)."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column, LocaleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from portal.export import SafeExportMixin

from .association_admin import AssociationMemberViewSet, AssociationVerificationViewSet
from .models import (
    Municipality,
    NationalAssociation,
    PartnerOrganisation,
    Partnership,
    Programme,
    Sector,
)


class SafeExportIndexView(SafeExportMixin, IndexView):
    """The snippet list whose CSV/XLSX export cannot carry a live formula."""


class MunicipalityIndexView(SafeExportIndexView):
    """One row per municipality: the default language's records unless the locale filter asks
    for another (each municipality has a record per language)."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if not self.request.GET.get("locale"):
            from wagtail.models import Locale

            queryset = queryset.filter(locale=Locale.get_default())
        return queryset


class MunicipalityFilterSet(WagtailFilterSet):
    stale = django_filters.BooleanFilter(
        label=_("Not confirmed for 12 months"), method="filter_stale"
    )
    duplicate = django_filters.BooleanFilter(
        label=_("Flagged as a possible duplicate"),
        field_name="possible_duplicate_of",
        lookup_expr="isnull",
        exclude=True,
    )
    registered = django_filters.BooleanFilter(
        label=_("Came through the registration form"),
        field_name="registered_at",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = Municipality
        # No "locale" here: Wagtail adds its own locale filter (by language code, ?locale=uk)
        # to translatable models, and a declared one would replace it with one by primary key.
        fields = ["live", "country", "kind", "open_to_partners", "national_association"]

    def filter_stale(self, queryset, name, value):
        if value is None:
            return queryset
        stale = Municipality.objects.stale(timezone.localdate())
        return (
            queryset.filter(pk__in=stale.values("pk"))
            if value
            else queryset.exclude(pk__in=stale.values("pk"))
        )


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    index_view_class = MunicipalityIndexView
    filterset_class = MunicipalityFilterSet
    list_display = [
        "name",
        Column("country", label=_("Country"), accessor="get_country_display"),
        "region",
        "population",
        BooleanColumn("open_to_partners", label=_("Open to partners")),
        Column("last_confirmed", label=_("Last confirmed")),
        BooleanColumn("is_stale", label=_("Not confirmed for 12 months")),
        Column("possible_duplicate_of", label=_("Possible duplicate of")),
        Column("status_string", label=_("Status")),
        Column("locale", label=_("Language"), accessor="locale.get_display_name"),
    ]
    list_export = [
        "name",
        "local_name",
        "slug",
        "country",
        "region",
        "kind",
        "population",
        "latitude",
        "longitude",
        "website",
        "open_to_partners",
        "katotth_code",
        "lau_code",
        "contact_name",
        "contact_role",
        "contact_email",
        "contact_phone",
        "contact_public",
        "last_confirmed",
        "live",
        "registered_at",
        "locale.language_code",
    ]
    export_filename = "municipalities"
    # No field list: the search goes through the backend's index (the model's AutocompleteFields:
    # name, local name and the folded search_names, so Kyiv, Київ and Kiev all match). Naming
    # fields made Wagtail's SQLite backend query a column its FTS table does not have
    # ("no such column: name").
    search_fields = None
    ordering = ["name"]


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors")
    list_display = ["name", "slug", "sort_order"]
    # Wagtail adds the locale filter (by language code) to every translatable snippet.
    list_export = ["name", "slug", "locale.language_code"]
    index_view_class = SafeExportIndexView
    search_fields = ["name"]


class NationalAssociationViewSet(SnippetViewSet):
    model = NationalAssociation
    icon = "group"
    menu_label = _("National associations")
    list_display = ["name", "acronym", "country"]
    list_filter = ["country"]  # and Wagtail's own locale filter
    list_export = ["name", "acronym", "country", "website", "locale.language_code"]
    index_view_class = SafeExportIndexView
    search_fields = ["name", "acronym"]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = _("Partner organisations")
    list_display = ["name", "acronym", "website"]
    # Wagtail adds the locale filter (by language code) to every translatable snippet.
    list_export = ["name", "acronym", "website", "locale.language_code"]
    index_view_class = SafeExportIndexView
    search_fields = ["name", "acronym"]


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "calendar"
    menu_label = _("Programmes")
    list_display = ["name", "starts_on", "ends_on"]
    # Wagtail adds the locale filter (by language code) to every translatable snippet.
    list_export = ["name", "slug", "starts_on", "ends_on", "locale.language_code"]
    index_view_class = SafeExportIndexView
    search_fields = ["name"]


class PartnershipViewSet(SnippetViewSet):
    model = Partnership
    icon = "link"
    menu_label = _("Partnerships")
    list_display = [
        "__str__",
        LocaleColumn(),  # a partnership has a record per language: say which row is which
        "programme",
        "stage",
        "started_on",
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    # Wagtail adds its own locale filter (by language code) to translatable snippets.
    list_filter = ["status", "programme", "stage", "eu_municipality__country"]
    list_export = [
        "ukrainian_municipality.name",
        "eu_municipality.name",
        "eu_municipality.country",
        "programme.name",
        "stage",
        "stage_since",
        "status",
        "started_on",
        "locale.language_code",
    ]
    export_headings = {
        "ukrainian_municipality.name": _("Ukrainian municipality"),
        "eu_municipality.name": _("EU municipality"),
        "eu_municipality.country": _("EU country"),
        "programme.name": _("Programme"),
    }
    index_view_class = SafeExportIndexView
    search_fields = ["ukrainian_municipality__name", "eu_municipality__name"]


class CommunityGroup(SnippetViewSetGroup):
    menu_label = _("Community")
    menu_icon = "group"
    menu_order = 250
    items = (
        MunicipalityViewSet,
        PartnershipViewSet,
        ProgrammeViewSet,
        NationalAssociationViewSet,
        AssociationMemberViewSet,
        AssociationVerificationViewSet,
        PartnerOrganisationViewSet,
        SectorViewSet,
    )


register_snippet(CommunityGroup)


@hooks.register("register_admin_urls")
def register_community_admin_urls():
    # Wagtail wraps these in its admin login check; the view checks the permission itself.
    from community.admin_views import member_data, submitted_logo

    return [
        path(
            "community/municipality/<int:pk>/submitted-logo/",
            submitted_logo,
            name="community_submitted_logo",
        ),
        path("community/member-data/", member_data, name="community_member_data"),
    ]


class MemberDataMenuItem(MenuItem):
    def is_shown(self, request):
        from community.admin_views import may_handle_member_data

        return may_handle_member_data(request.user)


@hooks.register("register_settings_menu_item")
def register_member_data_menu_item():
    return MemberDataMenuItem(
        _("Members' personal data"),
        reverse("community_member_data"),
        icon_name="user",
        order=900,
    )


class ModerationPanel(Component):
    """The moderators' dashboard: registrations waiting for a first publication and edits of
    published profiles waiting for approval, each linked to its edit page."""

    name = "community_moderation"
    order = 90
    template_name = "community/admin/moderation_panel.html"
    shown = 10

    def __init__(self, registrations, edits):
        self.registrations, self.edits = registrations, edits

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context.update(
            {
                "registrations": self.registrations[: self.shown],
                "registration_count": self.registrations.count(),
                "edits": self.edits[: self.shown],
                "edit_count": self.edits.count(),
                "list_url": reverse("wagtailsnippets_community_municipality:list"),
            }
        )
        return context


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    """Only for those who may publish municipalities (moderators and administrators)."""
    if not request.user.has_perm("community.publish_municipality"):
        return
    registrations = Municipality.objects.filter(live=False, registered_at__isnull=False).order_by(
        "-registered_at"
    )
    edits = Municipality.objects.filter(live=True, has_unpublished_changes=True).order_by(
        "-latest_revision__created_at", "-pk"
    )
    panels.append(ModerationPanel(registrations, edits))


# Staff propose a match, see the matchmaking pipeline and publish partnerships (issue 12):
# their hooks register when the modules are imported.
from . import interest_admin, pipeline_admin  # noqa: E402, F401

# Conversations and reported messages (issue 12).
from .conversation_admin import (  # noqa: E402
    ConversationViewSet,
    InterestViewSet,
    MessageReportViewSet,
)


class ConversationGroup(SnippetViewSetGroup):
    menu_label = _("Conversations")
    menu_icon = "comment"
    menu_order = 265
    items = (ConversationViewSet, MessageReportViewSet, InterestViewSet)


register_snippet(ConversationGroup)
