"""Calls for proposals that fund partnerships: the call index and the call page."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from calls.blocks import ApplicationQuestionsBlock, CallDocumentBlock, FaqItemBlock
from calls.filters import CallFilters
from calls.models.querysets import OPEN, CallQuerySet, add_months, call_state, default_language_only
from community.models import Kind, Programme, Sector
from portal.blocks import BodyBlock
from portal.countries import COUNTRY_CHOICES, CountryField
from portal.models import BasePage
from portal.pagination import page_from_request

FILTER_LABELS = {"programme": _("Programme"), "sector": _("Sector")}


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
        programmes = list(Programme.objects.in_locale(self.locale))
        sectors = list(Sector.objects.in_locale(self.locale))
        filters = CallFilters.from_request(
            request,
            programmes={programme.slug for programme in programmes},
            sectors={sector.slug for sector in sectors},
        )
        calls = filters.apply(CallPage.objects.child_of(self).live().public()).for_listing()
        context["filters"] = filters
        context["filter_labels"] = FILTER_LABELS
        context["programmes"] = programmes
        context["sectors"] = sectors
        context["open_calls"] = list(calls.open(now).order_by("closes_at"))
        context["upcoming_calls"] = list(calls.upcoming(now).order_by("opens_at"))
        context["closed_calls"] = page_from_request(
            Paginator(calls.closed(now).order_by("-closes_at", "pk"), 12), request
        )
        return context


class CallPageForm(WagtailAdminPageForm):
    """Editors tick the rules as checkboxes: countries from the network's part of the country
    list (portal.countries), kinds of municipality from the directory's."""

    eligible_countries = forms.MultipleChoiceField(
        label=_("Countries of the applicant"),
        choices=COUNTRY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The applicant municipality must be in one of these; none means any."),
    )
    partner_countries = forms.MultipleChoiceField(
        label=_("Countries of the partner"),
        choices=COUNTRY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The partner municipality must be in one of these; none means any."),
    )
    eligible_kinds = forms.MultipleChoiceField(
        label=_("Kinds of municipality"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kinds of applicant the call is open to; none means every kind."),
    )


class CallPage(RoutablePageMixin, BasePage):
    """A call for proposals. Whether it is open follows from its dates; who may apply is data
    (countries, kinds, population range, partnership) checked by ``calls.eligibility``; the
    application form lives at ``apply/`` (see ``calls.views``)."""

    summary = models.TextField(_("summary"), max_length=600)
    programme = models.ForeignKey(
        "community.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
        limit_choices_to=default_language_only,
        verbose_name=_("programme"),
        help_text=_("The programme that funds the call; visitors filter calls by it."),
    )
    sectors = ParentalManyToManyField(
        "community.Sector",
        blank=True,
        related_name="calls",
        limit_choices_to=default_language_only,
        verbose_name=_("sectors"),
        help_text=_(
            "Sectors the call funds; none ticked means every sector. The partner search "
            "linked from the call looks for partners offering them."
        ),
    )
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
    eligible_countries = CountryField(
        _("countries of the applicant"), multiple=True, multiple_sort=False, blank=True
    )
    partner_countries = CountryField(
        _("countries of the partner"), multiple=True, multiple_sort=False, blank=True
    )
    # Values of community.models.municipality.Kind.
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
            [
                FieldPanel("programme"),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Programme and sectors"),
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
    # The directory's records are the same in every language (visitors read each in theirs).
    override_translatable_fields = [SynchronizedField("programme"), SynchronizedField("sectors")]
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
        """The names of the sectors the call funds, in the call's language."""
        return [s.name for s in Sector.objects.translations_of(self.sectors.all(), self.locale)]

    @property
    def programme_name(self):
        found = Programme.objects.translations_of([self.programme], self.locale)
        return found[0].name if found else ""

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

    @path("apply/<str:token>/claim/", name="apply_claim")
    def apply_claim(self, request, token):
        from calls import member_views

        return member_views.claim(request, self, token)

    @path("apply/<str:token>/submitted/", name="apply_done")
    def apply_done(self, request, token):
        from calls import views

        return views.done(request, self, token)
