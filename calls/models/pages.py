"""Calls for proposals that fund partnerships: the call index and the call page."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from calls.blocks import ApplicationQuestionsBlock, CallDocumentBlock, FaqItemBlock
from calls.choices import COUNTRIES, MunicipalityKind, Programme, Sector
from portal.blocks import BodyBlock
from portal.models import BasePage
from portal.pagination import page_from_request

OPEN, UPCOMING, CLOSED = "open", "upcoming", "closed"


def add_months(moment, months):
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def call_state(opens_at, closes_at, now):
    """The state of a call at ``now``: the one rule CallQuerySet expresses in SQL."""
    if now < opens_at:
        return UPCOMING
    if now < closes_at:
        return OPEN
    return CLOSED


class CallQuerySet(PageQuerySet):
    """A call's state is derived from its dates here (and in ``call_state``) and nowhere else:
    open from ``opens_at`` included until ``closes_at`` excluded."""

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def upcoming(self, now=None):
        return self.filter(opens_at__gt=now or timezone.now())

    def closed(self, now=None):
        return self.filter(closes_at__lte=now or timezone.now())

    def in_programme(self, programme):
        return self.filter(programme=programme) if programme else self

    def in_sector(self, sector):
        """Calls that fund ``sector``; a call with no sector named funds every sector. Filtered
        in Python because JSON containment differs between SQLite and PostgreSQL."""
        if not sector:
            return self
        ids = [
            pk
            for pk, sectors in self.values_list("pk", "sectors")
            if not sectors or sector in sectors
        ]
        return self.filter(pk__in=ids)


class CallFilters:
    """The listing's filters, parsed from the query string: only known names and known values
    are accepted, anything else is ignored rather than passed to the database."""

    __slots__ = ("programme", "sector")

    def __init__(self, programme="", sector=""):
        self.programme = programme if programme in Programme.values else ""
        self.sector = sector if sector in Sector.values else ""

    @classmethod
    def from_request(cls, request):
        return cls(request.GET.get("programme", ""), request.GET.get("sector", ""))

    def apply(self, queryset):
        return queryset.in_programme(self.programme).in_sector(self.sector)

    @property
    def active(self):
        return bool(self.programme or self.sector)


class CallIndexPage(BasePage):
    """Lists the calls of its language: open, upcoming and closed, filtered by programme and
    sector."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["calls.CallPage"]
    max_count_per_parent = 1
    template = "pages/call_index_page.html"

    class Meta:
        verbose_name = _("call index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        filters = CallFilters.from_request(request)
        calls = filters.apply(
            CallPage.objects.child_of(self).live().public().select_related("listing_image")
        )
        context["filters"] = filters
        context["programmes"] = Programme.choices
        context["sectors"] = Sector.choices
        context["open_calls"] = list(calls.open(now).order_by("closes_at"))
        context["upcoming_calls"] = list(calls.upcoming(now).order_by("opens_at"))
        context["closed_calls"] = page_from_request(
            Paginator(calls.closed(now).order_by("-closes_at", "pk"), 12), request
        )
        return context


class CallPageForm(WagtailAdminPageForm):
    """Lists of codes are stored as JSON; editors tick them as checkboxes."""

    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Sectors the call funds; none ticked means every sector."),
    )
    eligible_countries = forms.MultipleChoiceField(
        label=_("Countries of the applicant"),
        choices=COUNTRIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The applicant municipality must be in one of these; none means any."),
    )
    partner_countries = forms.MultipleChoiceField(
        label=_("Countries of the partner"),
        choices=COUNTRIES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The partner municipality must be in one of these; none means any."),
    )
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Kinds of municipality"),
        choices=MunicipalityKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kinds of applicant the call is open to; none means every kind."),
    )


class CallPage(RoutablePageMixin, BasePage):
    """A call for proposals. Whether it is open follows from its dates; who may apply is data
    (countries, kinds, population range, partnership) checked by ``calls.eligibility``; the
    application form lives at ``apply/`` (see ``calls.views``)."""

    summary = models.TextField(_("summary"), max_length=600)
    programme = models.CharField(
        _("programme"),
        max_length=40,
        choices=Programme.choices,
        default=Programme.PROJECTS_FUND,
        help_text=_("The programme that funds the call; visitors filter calls by it."),
    )
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    opens_at = models.DateTimeField(
        _("opens at"), help_text=_("From this moment applications are accepted.")
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        help_text=_(
            "Deadline, in the portal's time zone (Europe/Brussels). Submissions are refused "
            "from this moment; unfinished drafts expire."
        ),
    )
    total_budget = models.DecimalField(
        _("total budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    min_grant = models.DecimalField(
        _("smallest grant (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Applications requesting less are refused; empty means no minimum."),
    )
    max_grant = models.DecimalField(
        _("largest grant (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Applications requesting more are refused; empty means no maximum."),
    )
    min_cofinancing_percent = models.PositiveSmallIntegerField(
        _("minimum co-financing (%)"),
        null=True,
        blank=True,
        help_text=_("Co-financing required, as a share of the requested amount."),
    )
    eligible_countries = models.JSONField(_("countries of the applicant"), default=list, blank=True)
    partner_countries = models.JSONField(_("countries of the partner"), default=list, blank=True)
    eligible_kinds = models.JSONField(_("kinds of municipality"), default=list, blank=True)
    min_population = models.PositiveIntegerField(
        _("smallest population"),
        null=True,
        blank=True,
        help_text=_("Inhabitants of the applicant municipality; empty means no minimum."),
    )
    max_population = models.PositiveIntegerField(
        _("largest population"),
        null=True,
        blank=True,
        help_text=_("Inhabitants of the applicant municipality; empty means no maximum."),
    )
    partnership_required = models.BooleanField(
        _("partner municipality required"),
        default=True,
        help_text=_("Applicants must name a partner municipality."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("details"))
    documents = StreamField(
        [("document", CallDocumentBlock())],
        blank=True,
        verbose_name=_("documents"),
        help_text=_("Guidelines, templates and forms applicants download."),
    )
    faq = StreamField(
        [("item", FaqItemBlock())],
        blank=True,
        verbose_name=_("frequently asked questions"),
        help_text=_("Questions applicants ask, with their answers."),
    )
    questions = StreamField(
        ApplicationQuestionsBlock(),
        blank=True,
        verbose_name=_("questions of this call"),
        help_text=_(
            "Extra questions on the application form, after the project. Changing a question's "
            "wording keeps the answers already given."
        ),
    )
    contact_name = models.CharField(
        _("contact person"), max_length=120, blank=True, help_text=_("Who answers applicants.")
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("Shown on the page and told about each new application."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    retention_months = models.PositiveSmallIntegerField(
        _("retention (months)"),
        default=60,
        help_text=_(
            "How long after the deadline applications are kept; then the personal data is "
            "removed by the retention job (manage.py purge_applications)."
        ),
    )

    objects = PageManager.from_queryset(CallQuerySet)()
    base_form_class = CallPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates")),
        MultiFieldPanel(
            [FieldPanel("programme"), FieldPanel("sectors")], heading=_("Programme and sectors")
        ),
        MultiFieldPanel(
            [
                FieldPanel("total_budget"),
                FieldRowPanel([FieldPanel("min_grant"), FieldPanel("max_grant")]),
                FieldPanel("min_cofinancing_percent"),
            ],
            heading=_("Budget"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("eligible_countries"),
                FieldPanel("eligible_kinds"),
                FieldRowPanel([FieldPanel("min_population"), FieldPanel("max_population")]),
                FieldPanel("partnership_required"),
                FieldPanel("partner_countries"),
            ],
            heading=_("Who may apply"),
        ),
        FieldPanel("body"),
        FieldPanel("documents"),
        FieldPanel("faq"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        FieldPanel("retention_months"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
        index.FilterField("programme"),
    ]
    parent_page_types = ["calls.CallIndexPage"]
    subpage_types = []
    template = "pages/call_page.html"

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The deadline must come after the opening.")
        if self.min_grant and self.max_grant and self.max_grant < self.min_grant:
            errors["max_grant"] = _("The largest grant must not be smaller than the smallest.")
        if (
            self.min_population is not None
            and self.max_population is not None
            and self.max_population < self.min_population
        ):
            errors["max_population"] = _(
                "The largest population must not be smaller than the smallest."
            )
        if errors:
            raise ValidationError(errors)

    def status(self, now=None):
        return call_state(self.opens_at, self.closes_at, now or timezone.now())

    @property
    def is_open(self):
        return self.status() == OPEN

    @property
    def card_summary(self):
        return self.listing_summary or self.summary

    @property
    def source_call(self):
        """The call in the default language: applications made through any translation are
        filed under it, so reviewers see one list per call."""
        if self.locale_id == Locale.get_default().pk:
            return self
        source = CallPage.objects.filter(
            translation_key=self.translation_key, locale=Locale.get_default()
        ).first()
        return source or self

    def retention_ends(self):
        """When applications to this call have been kept long enough: the deadline plus the
        retention period in calendar months (the 31st becomes the month's last day)."""
        return add_months(self.closes_at, self.retention_months)

    def question_blocks(self):
        """(block id, block, value) of each question editors added."""
        return [(child.id, child.block, child.value) for child in self.questions]

    @property
    def sector_labels(self):
        labels = dict(Sector.choices)
        return [labels[code] for code in self.sectors if code in labels]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["status"] = self.status()
        context["call_time_zone"] = settings.TIME_ZONE
        return context

    # Application form: each route hands over to calls.views, which holds the logic.

    @path("apply/", name="apply")
    def apply_start(self, request):
        from calls import views

        return views.start(request, self)

    @path("apply/<str:token>/", name="apply_resume")
    def apply_resume(self, request, token):
        from calls import views

        return views.resume(request, self, token)

    @path("apply/<str:token>/step-<int:step>/", name="apply_step")
    def apply_step(self, request, token, step):
        from calls import views

        return views.step(request, self, token, step)

    @path("apply/<str:token>/submitted/", name="apply_done")
    def apply_done(self, request, token):
        from calls import views

        return views.done(request, self, token)
