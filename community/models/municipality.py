"""A municipality of the directory: the record, its queryset and the keys kept in step with
it. Its admin panels and search fields are in ``municipality_panels``, what it offers and
needs in ``sector_links``."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from community.text import exonyms, fold_name, search_keys
from portal.countries import CountryField, NetworkCountries
from portal.storage import get_private_storage

from .base import LocalizedQuerySet
from .municipality_panels import MUNICIPALITY_PANELS, MUNICIPALITY_SEARCH_FIELDS
from .sector_links import refresh_match_keys
from .taxonomy import SIMPLE_RICH_TEXT, Kind, population_band_of

# A profile not confirmed for this long shows its age and is flagged in the admin.
STALE_AFTER = datetime.timedelta(days=365)


class MunicipalityQuerySet(LocalizedQuerySet):
    def live(self):
        return self.filter(live=True)

    def stale(self, today=None):
        """Not confirmed for twelve months (or never)."""
        today = today or timezone.localdate()
        return self.filter(
            models.Q(last_confirmed__lt=today - STALE_AFTER) | models.Q(last_confirmed__isnull=True)
        )

    def matching_name(self, country, *names):
        """Records of ``country`` whose name or local name folds to one of ``names``' keys."""
        keys = {fold_name(name) for name in names} - {""}
        if not keys:
            return self.none()
        return self.filter(country=country).filter(
            models.Q(name_folded__in=keys) | models.Q(local_name_folded__in=keys)
        )


class Municipality(
    PreviewableMixin,
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A Ukrainian or EU municipality (hromada, city, district or region) of the network.

    Profiles are drafts until a moderator publishes them (registrations arrive as drafts).
    The contact person's email and phone are shown only with their consent; otherwise
    visitors write through a form that relays the message."""

    name = models.CharField(_("name"), max_length=150, help_text=_("In Latin script: Dolyna."))
    local_name = models.CharField(
        _("name in the local script"),
        max_length=150,
        blank=True,
        help_text=_("As written locally, e.g. Долина; leave empty when it is the same."),
    )
    alternate_names = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Other spellings and transliterations, one per line (e.g. Kiev); used by search."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        help_text=_("Its address in the directory; the same in every language."),
    )
    country = CountryField(_("country"), countries=NetworkCountries)
    region = models.CharField(
        _("region"),
        max_length=100,
        blank=True,
        help_text=_("Oblast in Ukraine, NUTS region in the EU."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CITY)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    approximate_location = models.BooleanField(
        _("show approximate location only"),
        default=False,
        help_text=_(
            "The map and its open data show the location rounded to about 20 km, "
            "e.g. for frontline communities."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo or coat of arms"),
        help_text=_("Its description is read out as alt text."),
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=SIMPLE_RICH_TEXT,
        help_text=_("Who the municipality is and what it is looking for in a partnership."),
    )
    working_languages = ParentalManyToManyField(
        "community.Language",
        blank=True,
        verbose_name=_("working languages"),
        help_text=_("Languages its staff can work in with a partner."),
    )
    national_association = models.ForeignKey(
        "community.NationalAssociation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=_("national association"),
    )
    partner_organisations = ParentalManyToManyField(
        "community.PartnerOrganisation",
        blank=True,
        related_name="members",
        verbose_name=_("partner organisations"),
        help_text=_("Organisations whose programmes it takes part in."),
    )
    open_to_partners = models.BooleanField(
        _("open to new partners"),
        default=True,
        help_text=_("Shown on its card and used by the partner search."),
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_role = models.CharField(_("contact's role"), max_length=120, blank=True)
    contact_email = models.EmailField(
        _("contact's email"),
        blank=True,
        help_text=_("Receives the contact form's messages and confirmation requests."),
    )
    contact_phone = models.CharField(_("contact's phone"), max_length=40, blank=True)
    contact_public = models.BooleanField(
        _("show email and phone publicly"),
        default=False,
        help_text=_(
            "Only with the contact person's consent; otherwise visitors use the contact form."
        ),
    )
    last_confirmed = models.DateField(
        _("last confirmed"),
        null=True,
        blank=True,
        help_text=_("When the municipality last confirmed that its profile is current."),
    )
    katotth_code = models.CharField(
        _("KATOTTH code"),
        max_length=19,
        blank=True,
        help_text=_("Ukrainian codifier, e.g. UA26040110000038313."),
    )
    lau_code = models.CharField(
        _("LAU code"), max_length=20, blank=True, help_text=_("EU local administrative unit code.")
    )

    # Kept in step with the names on save; duplicate detection and imports match on these.
    name_folded = models.CharField(max_length=150, editable=False, db_index=True, default="")
    local_name_folded = models.CharField(max_length=150, editable=False, db_index=True, default="")
    # Every spelling of the names and region, folded (community.text.search_keys): the partner
    # search matches query words against it in the database, the same way on SQLite and
    # PostgreSQL, and the site search indexes it so that "Siauliai" finds "Šiauliai".
    search_names = models.TextField(editable=False, default="")
    # The key of POPULATION_BANDS the population falls in, stored so that the search backend
    # can filter and count by band like any other facet.
    population_band = models.CharField(max_length=10, editable=False, blank=True, default="")
    # The slugs of the sectors offered and needed and the codes of the working languages, as
    # " a b " lines, kept in step by refresh_match_keys() on save and whenever a link is saved
    # or deleted (community/signals.py): the match page scores 50,000 candidates from these
    # columns alone instead of three correlated subqueries per row.
    offer_keys = models.TextField(editable=False, default="")
    need_keys = models.TextField(editable=False, default="")
    language_keys = models.TextField(editable=False, default="")

    # Registration and moderation
    registered_at = models.DateTimeField(
        _("registered through the form"), null=True, blank=True, editable=False
    )
    # A logo sent with the registration waits here, outside MEDIA_ROOT and with no URL, until a
    # moderator publishes the profile (community/signals.py turns it into the profile's logo);
    # until then moderators see it through a permission-checked admin view.
    submitted_logo = models.FileField(
        _("logo sent with the registration"),
        storage=get_private_storage,
        upload_to="registration-logos/",
        max_length=255,
        blank=True,
        editable=False,
    )
    approval_notified = models.BooleanField(
        default=False,
        editable=False,
        help_text="The contact was told that the profile is published.",
    )
    possible_duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("possible duplicate of"),
        help_text=_(
            "Set when a registration matches an existing profile; check before publishing."
        ),
    )
    moderation_note = models.TextField(_("note for moderators"), blank=True)
    # One per registration form shown, so that a form posted twice creates one profile.
    registration_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = MunicipalityQuerySet.as_manager()

    # The columns a name with a link needs (names_in, the profile's address): what pages that
    # only name a municipality load (``.only(*NAME_FIELDS)``) instead of its 49 columns.
    NAME_FIELDS = (
        *("id", "translation_key", "locale_id", "live"),
        *("name", "local_name", "slug", "country"),
    )

    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("local_name"),
        SynchronizedField("alternate_names"),
        SynchronizedField("slug"),
        SynchronizedField("region"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_phone"),
        SynchronizedField("katotth_code"),
        SynchronizedField("lau_code"),
        SynchronizedField("moderation_note"),
        TranslatableField("description"),
        # Words in the profile's language ("International cooperation", "Міжнародна співпраця"):
        # translated with the description, not copied from the English record.
        TranslatableField("contact_role"),
    ]

    panels = MUNICIPALITY_PANELS
    # The partner search's and the admin's search fields (municipality_panels.py says how).
    search_fields = MUNICIPALITY_SEARCH_FIELDS

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_municipality_slug_locale"
            )
        ]
        indexes = [
            # The database search backend joins its index entries on the primary key as text
            # (object_id = id::varchar(50)); without this index PostgreSQL scans every row.
            models.Index(
                Cast("id", output_field=models.CharField(max_length=50)),
                name="municipality_id_as_text",
            ),
            models.Index(fields=["locale", "live", "country"], name="municipality_listing"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold_name(self.name)[:150]
        self.local_name_folded = fold_name(self.local_name)[:150]
        self.search_names = self.compute_search_names()
        self.population_band = population_band_of(self.population)
        update_fields = kwargs.get("update_fields")
        names = {"name", "local_name", "alternate_names", "region"}
        if update_fields is not None and names & set(update_fields):
            kwargs["update_fields"] = {
                *update_fields,
                "name_folded",
                "local_name_folded",
                "search_names",
            }
        if update_fields is not None and "population" in update_fields:
            kwargs["update_fields"] = {*kwargs["update_fields"], "population_band"}
        super().save(*args, **kwargs)
        # Recomputed after every save, not only by the link signals: an instance read before
        # its links changed has stale keys in memory, and this save has just written them.
        refresh_match_keys([self.pk])

    def compute_search_names(self):
        """The folded spellings stored in ``search_names`` (bulk inserts call this too)."""
        # Exonyms and historic spellings from GeoNames (community.text.exonyms): "Kiev",
        # "Kijów" and "Киев" find Kyiv in the site search, the partner search and its API.
        return search_keys(
            self.name,
            self.local_name,
            self.alternate_names,
            self.region,
            *exonyms(self.country, self.name, self.local_name),
        )

    @property
    def display_local_name(self):
        """The local-script name when it differs from the Latin one."""
        return self.local_name if self.local_name and self.local_name != self.name else ""

    # Names in the visitor's language first: "Чернівці (Chernivtsi)" on /uk/, "Chernivtsi
    # (Чернівці)" elsewhere. A Ukrainian municipality's local name is Ukrainian; an EU one's
    # (Šiaulių rajonas) is not, so on /uk/ it keeps its Latin name first.
    def names_in(self, language=None):
        """(the name to show first, the other name or "") for ``language`` (default: active)."""
        from django.utils.translation import get_language

        language = (language or get_language() or "").split("-")[0]
        other = self.display_local_name
        if language == "uk" and self.country == "UA" and other:
            return other, self.name
        return self.name, other

    @property
    def display_name(self):
        return self.names_in()[0]

    @property
    def display_other_name(self):
        return self.names_in()[1]

    @property
    def full_display_name(self):
        first, other = self.names_in()
        return f"{first} ({other})" if other else first

    @property
    def region_name(self):
        """The region in the current language (community.regions)."""
        from community.regions import region_name

        return region_name(self.region)

    def age_days(self, today=None):
        if not self.last_confirmed:
            return None
        return ((today or timezone.localdate()) - self.last_confirmed).days

    def is_stale(self, today=None):
        if not self.last_confirmed:
            return True
        return (today or timezone.localdate()) - self.last_confirmed > STALE_AFTER

    is_stale.boolean = True
    is_stale.short_description = _("not confirmed for 12 months")

    def get_url(self, language=None):
        """The profile in the directory of ``language`` (the record's own by default)."""
        from .directory import DirectoryPage

        return DirectoryPage.profile_url(self.slug, language or self.locale.language_code)

    def get_admin_display_title(self):
        return f"{self.name} ({self.get_country_display()})"

    # Preview in the admin: the public profile template with this (unsaved) record.
    def get_preview_template(self, request, mode_name):
        return "pages/municipality_profile.html"

    def get_preview_context(self, request, mode_name):
        from community.views import profile_context

        return {**profile_context(self, request), "page": None, "preview": True}

    def absolute_admin_url(self):
        return settings.WAGTAILADMIN_BASE_URL + reverse(
            "wagtailsnippets_community_municipality:edit", args=[self.pk]
        )
