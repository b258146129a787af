"""Partnerships between a Ukrainian and an EU municipality, and their joint projects."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin

from .base import LocalizedQuerySet
from .taxonomy import SIMPLE_RICH_TEXT


class Stage(models.TextChoices):
    """How far a partnership has come, in order."""

    FIRST_CONTACT = "first_contact", _("First contact")
    AGREEMENT = "agreement", _("Agreement signed")
    JOINT_PROJECT = "joint_project", _("Joint project")
    FUNDED = "funded", _("Funded")
    COMPLETED = "completed", _("Completed")


class PartnershipStatus(models.TextChoices):
    """Where a partnership recorded by members stands (issue 12). Records made by staff in the
    admin are published from the start."""

    PROPOSED = "proposed", _("Proposed, waiting for the partner's confirmation")
    CONFIRMED = "confirmed", _("Confirmed by both, waiting for publication")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined by the partner")


class PartnershipQuerySet(LocalizedQuerySet):
    def published(self):
        """What visitors see: the public pages, profiles, map, search and key figures."""
        return self.filter(status=PartnershipStatus.PUBLISHED)

    def recorded(self):
        """Confirmed by both sides (published or not): the partners of a municipality, which
        its match suggestions leave out."""
        return self.filter(status__in=(PartnershipStatus.CONFIRMED, PartnershipStatus.PUBLISHED))


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROPOSAL = "proposal", _("Proposal submitted")
    FUNDED = "funded", _("Funded")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class Partnership(TranslatableMixin, ClusterableModel):
    """A Ukrainian municipality and an EU municipality working together under a programme."""

    ukrainian_municipality = models.ForeignKey(
        "community.Municipality",
        on_delete=models.PROTECT,
        related_name="partnerships_as_ukrainian",
        verbose_name=_("Ukrainian municipality"),
        limit_choices_to={"country": "UA"},
    )
    eu_municipality = models.ForeignKey(
        "community.Municipality",
        on_delete=models.PROTECT,
        related_name="partnerships_as_eu",
        verbose_name=_("EU municipality"),
        limit_choices_to=~models.Q(country="UA"),
    )
    programme = models.ForeignKey(
        "community.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnerships",
        verbose_name=_("programme"),
    )
    started_on = models.DateField(_("start date"), null=True, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.FIRST_CONTACT
    )
    activities = RichTextField(
        _("activities"),
        blank=True,
        features=SIMPLE_RICH_TEXT,
        help_text=_("What the partners have done together: visits, aid, exchanges."),
    )

    # The lifecycle (issue 12, community/partnerships.py): members of either side propose
    # the record from their mutual match, the other side confirms, staff publish it.
    match = models.ForeignKey(
        "community.Match",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnerships",
        verbose_name=_("mutual match"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.PUBLISHED,
    )
    proposed_by = models.ForeignKey(
        "community.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by (member)"),
    )
    proposed_at = models.DateTimeField(_("proposed on"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    stage_since = models.DateField(_("current stage since"), null=True, blank=True)

    objects = PartnershipQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("ukrainian_municipality"), FieldPanel("eu_municipality")]),
        FieldRowPanel([FieldPanel("programme"), FieldPanel("started_on"), FieldPanel("stage")]),
        FieldPanel("activities"),
        InlinePanel("projects", heading=_("Joint projects"), label=_("Joint project")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["match", "locale"],
                condition=models.Q(match__isnull=False),
                name="one_partnership_per_match",
            ),
        ]

    def __str__(self):
        return f"{self.ukrainian_municipality} – {self.eu_municipality}"

    @property
    def display_name(self):
        """The two partners' names in the active language, e.g. "Долина – Šiaulių rajonas" on
        /uk/ (``Municipality.display_name``); ``str()`` keeps the Latin names for the admin."""
        return f"{self.ukrainian_municipality.display_name} – {self.eu_municipality.display_name}"

    @property
    def is_published(self):
        return self.status == PartnershipStatus.PUBLISHED

    def other_side(self, municipality_pk):
        if self.ukrainian_municipality_id == municipality_pk:
            return self.eu_municipality
        return self.ukrainian_municipality

    def clean(self):
        super().clean()
        errors = {}
        if self.ukrainian_municipality_id and self.ukrainian_municipality.country != "UA":
            errors["ukrainian_municipality"] = _("Choose a municipality in Ukraine.")
        if self.eu_municipality_id and self.eu_municipality.country == "UA":
            errors["eu_municipality"] = _("Choose a municipality in an EU country.")
        if errors:
            raise ValidationError(errors)


class JointProject(Orderable):
    """A project the two partners design or carry out together."""

    partnership = ParentalKey(Partnership, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=200)
    sector = models.ForeignKey(
        "community.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sector"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    budget_eur = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(
        _("funding source"),
        max_length=200,
        blank=True,
        help_text=_("Programme, donor or fund, e.g. U-LEAD with Europe."),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("budget_eur"), FieldPanel("funding_source")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")

    def __str__(self):
        return self.title
