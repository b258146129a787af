"""The home page: one per language, the root of that language's page tree."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal import privacy
from portal.blocks import BodyBlock, KeyFigureBlock
from portal.generation_cache import shared
from portal.models import RoutedPageMixin

HOME_SECTION_SIZE = 3


class HomePage(RoutedPageMixin, Page):
    """Hero, the network's key figures, then the latest stories, open calls, upcoming events and
    recent partnerships. Each section is filled from live content and hidden when empty."""

    hero_title = models.CharField(_("hero title"), max_length=160)
    hero_text = models.TextField(_("hero text"), max_length=600, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=_("A wide photo; its alternative text is read out in the page's language."),
    )
    # On the page, not the image: the image is shared by every language, the page is
    # translated (wagtail-localize translates this field with the rest of the hero).
    hero_alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the photo shows, for readers who cannot see it; the image's own "
            "description is used when empty."
        ),
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero button page"),
    )
    hero_link_text = models.CharField(_("hero button text"), max_length=60, blank=True)
    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        blank=True,
        max_num=8,
        verbose_name=_("key figures"),
        help_text=_("Headline numbers from public reports, e.g. 500+ registered municipalities."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_alt_text"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("key_figures"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and parent.is_root()

    @property
    def type_label(self):
        return _("Home")

    @property
    def hero_alt(self):
        if self.hero_alt_text:
            return self.hero_alt_text
        return self.hero_image.default_alt_text if self.hero_image else ""

    def hero_button(self):
        """(address in this language, label) of the hero's button, or None. A translation
        without its own button shows the default language's one, in its own language: every
        language's hero has the same buttons (a translation made before the button was set has
        none)."""
        link, text = self.hero_link, self.hero_link_text
        if link is None:
            source = (
                HomePage.objects.filter(translation_key=self.translation_key)
                .exclude(pk=self.pk)
                .filter(hero_link__isnull=False)
                .select_related("hero_link")
                .first()
            )
            if source is None:
                return None
            link = source.hero_link
        localized = (
            Page.objects.live()
            .filter(translation_key=link.translation_key, locale_id=self.locale_id)
            .first()
        )
        if localized is None:
            return None
        return localized.get_url(), text or localized.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read once per content generation: the hero's button changes only when pages do.
        context["hero_button"] = shared(request, "home-hero", self.pk, self.hero_button)
        context["sections"] = self.sections(timezone.now(), request)
        return context

    def sections(self, now, request=None):
        """Live content of this page's language for the home page sections, newest first, and
        the listing pages they link to."""
        from calls.models import CallIndexPage, CallPage
        from community.figures import network_figures, recent_partnerships
        from community.models import PartnershipIndexPage
        from stories.models import EventIndexPage, EventPage, StoryIndexPage, StoryPage

        locale = self.locale_id
        # Once for every section (and once per content generation with a request).
        private = privacy.private_q(privacy.private_sections(request))
        indexes = {}
        for listing in (
            Page.objects.live()
            .exclude(private)
            .filter(locale=locale)
            .type(StoryIndexPage, CallIndexPage, EventIndexPage, PartnershipIndexPage)
            .order_by("path")
        ):
            indexes.setdefault(listing.content_type_id, listing)

        def index_of(model):
            return indexes.get(ContentType.objects.get_for_model(model).pk)

        return {
            "stories": list(
                StoryPage.objects.live()
                .exclude(private)
                .filter(locale=locale)
                .select_related("listing_image", "hero_image")
                .order_by("-date", "-pk")[:HOME_SECTION_SIZE]
            ),
            "calls": list(
                CallPage.objects.live()
                .exclude(private)
                .filter(locale=locale)
                .open(now)
                .order_by("closes_at")[:HOME_SECTION_SIZE]
            ),
            "events": list(
                EventPage.objects.live()
                .exclude(private)
                .filter(locale=locale)
                .upcoming(now)
                .order_by("starts_at")[:HOME_SECTION_SIZE]
            ),
            "partnerships": recent_partnerships(self.locale, HOME_SECTION_SIZE),
            "story_index": index_of(StoryIndexPage),
            "call_index": index_of(CallIndexPage),
            "event_index": index_of(EventIndexPage),
            "partnership_index": index_of(PartnershipIndexPage),
            "figures": network_figures(),
        }
