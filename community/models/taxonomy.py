"""The controlled vocabularies and organisations the directory refers to."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from portal.countries import CountryField, NetworkCountries

from .base import LocalizedQuerySet

SIMPLE_RICH_TEXT = ["bold", "italic", "link", "ol", "ul"]


class Sector(TranslatableMixin, models.Model):
    """A sector of municipal work in which a municipality offers expertise or needs help.

    A controlled list (editors translate the names; the slug stays the same in every language
    so that filter links work across languages)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=60, help_text=_("Used in filter links; the same in every language.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = LocalizedQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_sector_slug_locale")
        ]

    def __str__(self):
        return self.name


class Language(models.Model):
    """A language the staff of a municipality work in (ISO 639-1 code); names come from Django's
    own list of languages, translated into the visitor's language."""

    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("ISO 639-1, e.g. uk"))

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]

    def __str__(self):
        return str(self.name)

    @property
    def name(self):
        try:
            return translation.get_language_info(self.code)["name_translated"]
        except KeyError:
            return self.code


class Organisation(TranslatableMixin, models.Model):
    """Shared fields of national associations and partner organisations."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Part of its address; the same in every language.")
    )
    website = models.URLField(_("website"), blank=True)
    description = RichTextField(_("description"), blank=True, features=SIMPLE_RICH_TEXT)

    objects = LocalizedQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.SearchField("acronym")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class NationalAssociation(index.Indexed, Organisation):
    """A national association of local governments, e.g. the Association of Ukrainian Cities;
    its members are the municipalities that name it."""

    country = CountryField(_("country"), countries=NetworkCountries)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("slug"), FieldPanel("country")]),
        FieldPanel("website"),
        FieldPanel("description"),
    ]

    class Meta(Organisation.Meta):
        verbose_name = _("national association")
        verbose_name_plural = _("national associations")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_association_slug_locale"
            )
        ]


class PartnerOrganisation(index.Indexed, Organisation):
    """An organisation that supports partnerships, e.g. U-LEAD with Europe or PLATFORMA; its
    members are the municipalities linked to it."""

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("slug")]),
        FieldPanel("website"),
        FieldPanel("description"),
    ]

    class Meta(Organisation.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_organisation_slug_locale"
            )
        ]


class Programme(TranslatableMixin, models.Model):
    """A programme under which partnerships are formed, e.g. the Bridges of Trust pilot."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("The same in every language."))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Empty while the programme runs.")
    )
    description = RichTextField(_("description"), blank=True, features=SIMPLE_RICH_TEXT)

    objects = LocalizedQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Period")),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_programme_slug_locale")
        ]

    def __str__(self):
        return self.name

    @property
    def period(self):
        if not self.starts_on:
            return ""
        end = self.ends_on.year if self.ends_on else "…"
        return f"{self.starts_on.year}–{end}"


class Kind(models.TextChoices):
    CITY_HROMADA = "city_hromada", _("City hromada")
    TOWN_HROMADA = "town_hromada", _("Town hromada")
    VILLAGE_HROMADA = "village_hromada", _("Village hromada")
    DISTRICT = "district", _("District")
    REGION = "region", _("Region")
    CITY = "city", _("City or municipality")


# key, label, lowest population, highest population (None: no bound). Keys appear in URLs.
POPULATION_BANDS = [
    ("small", _("Under 10,000"), None, 9_999),
    ("medium", _("10,000 to 49,999"), 10_000, 49_999),
    ("large", _("50,000 to 249,999"), 50_000, 249_999),
    ("xlarge", _("250,000 and more"), 250_000, None),
]


def population_band_of(population):
    """The key of the band ``population`` falls in ("" when it is unknown)."""
    if population is None:
        return ""
    for key, _label, low, high in POPULATION_BANDS:
        if (low is None or population >= low) and (high is None or population <= high):
            return key
    return ""
