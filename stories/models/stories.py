"""Success stories and news updates: the story page, its tags, countries and directory relations."""

import datetime
from functools import cached_property

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from community.cards import directory_for
from community.models import Municipality, Partnership, Programme, Sector
from portal.countries import CountryField, country_name
from portal.generation_cache import live_ancestors, shared
from portal.models import BasePage

from ..blocks import StoryBodyBlock
from ..choices import KIND_CHOICES

PARTNERS = ("ukrainian_municipality", "eu_municipality")


def default_language_only():
    """Editors relate a story to the directory's records in the default language, where
    translations start from, rather than choose among every language's copy; visitors still
    read each record in their own language (``StoryPage.related_in``)."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


class StoryQuerySet(PageQuerySet):
    def for_listing(self):
        """Everything a card needs, fetched in a fixed number of queries however many stories
        there are: both possible card images with their renditions."""
        return self.select_related("listing_image", "hero_image").prefetch_related(
            "listing_image__renditions", "hero_image__renditions"
        )

    def mentioning(self, municipality):
        """Stories related to the municipality through its record in any language."""
        # A subquery rather than a join, so that no story is listed twice.
        return self.filter(
            pk__in=StoryPage.objects.filter(
                municipalities__translation_key=municipality.translation_key
            ).values("pk")
        )


class StoryTag(TaggedItemBase):
    """Links a story to a free tag (django-taggit). Tags are shared by all languages; each
    language's stories simply carry tags in their own words."""

    content_object = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryCountry(Orderable):
    """A country a story is about; several are allowed (e.g. Lithuania and Ukraine)."""

    page = ParentalKey("stories.StoryPage", on_delete=models.CASCADE, related_name="countries")
    country = CountryField(_("country"))

    panels = [FieldPanel("country")]

    class Meta(Orderable.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return str(country_name(self.country))


class StoryPageForm(WagtailAdminPageForm):
    """Checks the country rows together: they are only known to the form (after the inline
    formset is validated), not to the model's clean()."""

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("countries")
        if valid and formset is not None:
            codes = [
                form.cleaned_data["country"]
                for form in formset.forms
                if form.cleaned_data.get("country") and not form.cleaned_data.get("DELETE")
            ]
            if len(codes) != len(set(codes)):
                self.add_error(None, _("Name each country only once."))
                return False
        return valid


class StoryPage(BasePage):
    """A success story or a news update of the network: what happened, where, with whom, in a
    body of self-describing blocks.

    Related municipalities, partnership, programme and sectors are the directory's translatable
    snippets; the relations are synchronised between languages as they are, so they may name
    the record of another language: ``related_in()`` reads each in the visitor's language."""

    # Read with the page when portal/routing.py routes to it (the hero is on every story).
    ROUTE_SELECT_RELATED = ("hero_image",)

    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=KIND_CHOICES,
        default="success",
        help_text=_("A success story tells what a partnership achieved; news reports an update."),
    )
    date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("Shown on the story and used to order the list; not when it goes live."),
    )
    standfirst = models.TextField(
        _("standfirst"),
        max_length=400,
        blank=True,
        help_text=_("The opening summary shown under the title, one or two sentences."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=_("A wide photo shown above the story and when it is shared."),
    )
    hero_alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the photo shows, for readers who cannot see it; the image's own "
            "description is used when empty."
        ),
    )
    hero_caption = models.CharField(_("caption"), max_length=250, blank=True)
    hero_credit = models.CharField(
        _("credit"), max_length=120, blank=True, help_text=_("Who took the photo.")
    )
    body = StreamField(StoryBodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(
        through=StoryTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Free keywords in the story's language, e.g. humanitarian aid."),
    )
    municipalities = ParentalManyToManyField(
        "community.Municipality",
        blank=True,
        related_name="stories",
        limit_choices_to=default_language_only,
        verbose_name=_("municipalities"),
        help_text=_("The municipalities the story is about; it appears on their profiles."),
    )
    partnership = models.ForeignKey(
        "community.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name=_("partnership"),
        help_text=_("The partnership the story tells about, if there is one."),
    )
    programme = models.ForeignKey(
        "community.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        verbose_name=_("programme"),
        help_text=_("The programme under which it happened; visitors filter stories by it."),
    )
    sectors = ParentalManyToManyField(
        "community.Sector",
        blank=True,
        related_name="stories",
        limit_choices_to=default_language_only,
        verbose_name=_("sectors"),
        help_text=_("The fields of municipal work it concerns; visitors filter stories by them."),
    )
    contact_role = models.CharField(
        _("contact"),
        max_length=120,
        blank=True,
        help_text=_("A role or team, not a person's name, e.g. Partnerships team."),
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("A shared team address, so the story outlives staff changes."),
    )

    objects = PageManager.from_queryset(StoryQuerySet)()
    base_form_class = StoryPageForm

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")], heading=_("Kind and date")),
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("municipalities"),
                FieldRowPanel([FieldPanel("partnership"), FieldPanel("programme")]),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                InlinePanel("countries", label=_("Countries")),
                FieldPanel("tags"),
            ],
            heading=_("Related"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_role"), FieldPanel("contact_email")], heading=_("Contact")
        ),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("standfirst"),
        TranslatableField("hero_alt_text"),
        TranslatableField("hero_caption"),
        TranslatableField("hero_credit"),
        TranslatableField("body"),
        TranslatableField("contact_role"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("listing_title"),
        TranslatableField("listing_summary"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("date"),
        SynchronizedField("hero_image"),
        SynchronizedField("listing_image"),
        SynchronizedField("contact_email"),
        SynchronizedField("countries"),
        SynchronizedField("municipalities"),
        SynchronizedField("partnership"),
        SynchronizedField("programme"),
        SynchronizedField("sectors"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    template = "pages/story_page.html"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    @property
    def card_summary(self):
        return self.listing_summary or self.standfirst or self.search_description

    @property
    def card_image(self):
        return self.listing_image or self.hero_image

    @property
    def type_label(self):
        return self.get_kind_display()

    @property
    def hero_alt(self):
        if self.hero_alt_text:
            return self.hero_alt_text
        return self.hero_image.default_alt_text if self.hero_image else ""

    @property
    def published_at(self):
        """The publication date as a moment (noon in the portal's time zone), for feeds."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(12)))

    def related_in(self, locale, request=None):
        """The related municipalities (live ones, linked to their profiles), partnership,
        programme and sectors in ``locale``, in a fixed number of queries: one per relation,
        each reading the translations through the relation as a subquery."""
        municipalities = (
            Municipality.objects.live()
            .only(*Municipality.NAME_FIELDS)
            .translations_of(self.municipalities.all(), locale)
        )
        directory = directory_for(locale, request)
        if directory is not None:
            directory.link_profiles(request, municipalities)
        partnerships = (
            Partnership.objects.published()
            .select_related("ukrainian_municipality", "eu_municipality")
            .only(
                "translation_key",
                "locale_id",
                "status",
                *(f"{side}__{field}" for side in PARTNERS for field in Municipality.NAME_FIELDS),
            )
            .translations_of(Partnership.objects.filter(pk=self.partnership_id), locale)
            if self.partnership_id
            else []
        )
        programmes = (
            Programme.objects.translations_of(
                Programme.objects.filter(pk=self.programme_id), locale
            )
            if self.programme_id
            else []
        )
        return {
            "municipalities": municipalities,
            "partnership": partnerships[0] if partnerships else None,
            "programme": programmes[0] if programmes else None,
            "sectors": Sector.objects.translations_of(self.sectors.all(), locale),
        }

    def country_names(self):
        return [country_name(item.country) for item in self.countries.all()]

    @cached_property
    def tag_list(self):
        """The story's tags, each with its ``label`` in the story's language (tag_names.py),
        read once per render (head, byline and JSON-LD)."""
        from .tag_names import name_tags

        return name_tags(self.tags.all(), self.locale_id)

    def structured_data(self, request=None):
        """schema.org NewsArticle for search engines (rendered as JSON-LD)."""
        url = self.get_full_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.standfirst or self.card_summary or "",
            "datePublished": self.date.isoformat(),
            "inLanguage": self.locale.language_code,
            "mainEntityOfPage": url,
            "url": url,
            "author": {"@type": "Organization", "name": str(_("Bridges of Trust"))},
            "publisher": {"@type": "Organization", "name": str(_("Bridges of Trust"))},
            "keywords": [tag.label for tag in self.tag_list],
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        image = self.card_image
        if image is not None:
            data["image"] = [image.get_rendition("fill-1200x630|format-jpeg").full_url]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .story_index import StoryIndexPage  # the index module imports this one

        parent = getattr(self, "_cached_parent_obj", None)
        if parent is None:
            # The breadcrumbs' ancestors (read once per content generation), not a query.
            ancestors = live_ancestors(request, self)
            if ancestors and ancestors[-1].depth == self.depth - 1:
                parent = ancestors[-1]
        if parent is not None and parent.specific_class is StoryIndexPage:
            context["story_index"] = parent
            context["feed_url"] = parent.get_url(request) + StoryIndexPage.get_resolver().reverse(
                "feed"
            )
        if getattr(request, "is_preview", False):
            # A draft's relations are its own: never read from or stored for visitors.
            context["related"] = self.related_in(self.locale, request)
        else:
            # Five queries of snippets that change only with a new content generation.
            context["related"] = shared(
                request,
                "story-related",
                f"{self.pk}:{self.locale_id}",
                lambda: self.related_in(self.locale, request),
            )
        return context
