"""The story index: the stories of its language, newest first, with a featured story, filters
kept in the URL, and RSS and Atom feeds (optionally of one tag, see ``stories.feeds``)."""

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from community.models import Programme, Sector
from portal import privacy
from portal.countries import COUNTRY_CHOICES
from portal.generation_cache import shared
from portal.models import BasePage
from portal.pagination import page_from_request

from ..choices import KIND_CHOICES
from ..feeds import StoryAtomFeed, StoryRssFeed
from ..filters import StoryFilters, parse_tag
from .stories import StoryPage


class StoryIndexPage(RoutablePageMixin, BasePage):
    """Lists the stories of its language, newest first, with a featured story, filters kept in
    the URL, and RSS and Atom feeds (optionally of one tag).

    See https://docs.wagtail.org/en/stable/reference/contrib/routablepage.html"""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    featured_story = models.ForeignKey(
        "stories.StoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured story"),
        help_text=_("Shown large above the list; when empty, the newest story is featured."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("featured_story"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("introduction"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("listing_title"),
        TranslatableField("listing_summary"),
        SynchronizedField("slug"),
        SynchronizedField("listing_image"),
        SynchronizedField("featured_story"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1
    template = "pages/story_index_page.html"
    per_page = 12

    class Meta:
        verbose_name = _("story index")

    def stories(self):
        """Live, public stories of this index (hence of its language), newest first."""
        stories = StoryPage.objects.child_of(self).live().filter(locale_id=self.locale_id)
        return privacy.public(stories, self.private_sections()).order_by("-date", "-pk")

    def private_sections(self):
        """Read once for this page's listing, featured story, count and tags (get_context
        puts the content generation's on the page first)."""
        if getattr(self, "_private_sections", None) is None:
            self._private_sections = privacy.private_sections()
        return self._private_sections

    def featured(self):
        """The story to feature: the editor's choice (or its translation into this index's
        language) while it is live here, else the newest."""
        stories = self.stories().for_listing()
        chosen = None
        if self.featured_story_id:
            # The choice is synchronised between languages, so it may name the English story.
            same_story = StoryPage.objects.filter(pk=self.featured_story_id)
            chosen = stories.filter(translation_key__in=same_story.values("translation_key"))
            chosen = chosen.first()
        return chosen or stories.first()

    def tags_in_use(self):
        """Tags carried by this index's live stories, by their name in this index's language,
        alphabetically, for the tag filter."""
        from .tag_names import name_tags

        return name_tags(
            Tag.objects.filter(
                stories_storytag_items__content_object__in=self.stories()
            ).distinct(),
            self.locale_id,
        )

    def route(self, request, path_components):
        """A story's address in one query for the story itself: its children are all stories,
        so Wagtail's two (the generic page by slug, then its specific row) are not needed. The
        index's own routes (feeds) keep precedence, as in Wagtail's RoutablePageMixin."""
        if len(path_components) == 1 and self.live:
            try:
                self.resolve_subpage(f"/{path_components[0]}/")
            except Http404:
                story = StoryPage.objects.child_of(self).filter(slug=path_components[0]).first()
                if story is None:
                    raise
                story._cached_parent_obj = self
                return story.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self._private_sections = privacy.private_sections(request)
        sectors = shared(
            request, "sectors", self.locale_id, lambda: list(Sector.objects.in_locale(self.locale))
        )
        programmes = shared(
            request,
            "programmes",
            self.locale_id,
            lambda: list(Programme.objects.in_locale(self.locale)),
        )
        filters = StoryFilters.from_request(
            request,
            sectors={sector.slug for sector in sectors},
            programmes={programme.slug for programme in programmes},
        )
        # A value that was ignored filters nothing: the visitor sees the listing without it.
        stories = self.stories()
        featured = None
        if not filters.is_active:
            featured = self.featured()
            if featured is not None:
                stories = stories.exclude(pk=featured.pk)
        stories = filters.apply(stories).for_listing()
        page_obj = page_from_request(Paginator(stories, self.per_page), request)
        context.update(
            {
                "stories": page_obj,
                "story_count": page_obj.paginator.count + (1 if featured else 0),
                "featured": featured if page_obj.number == 1 else None,
                "filters": filters,
                "filter_labels": StoryFilters.labels(),
                "kinds": KIND_CHOICES,
                "countries": COUNTRY_CHOICES,
                # Which tags the live stories carry changes only with a new generation.
                "tags": shared(request, "story-tags", self.pk, self.tags_in_use),
                "sectors": sectors,
                "programmes": programmes,
                "feed_url": self.url + self.reverse_subpage("feed"),
                "atom_url": self.url + self.reverse_subpage("atom_feed"),
            }
        )
        return context

    @path("", name="index")
    def index_route(self, request):
        return self.render(request)

    @path("feed/", name="feed")
    def rss_feed(self, request):
        return self.feed_response(request, StoryRssFeed, request.GET.get("tag"))

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return self.feed_response(request, StoryAtomFeed, request.GET.get("tag"))

    @path("feed/tag/<str:tag>/", name="tag_feed")
    def rss_tag_feed(self, request, tag):
        return self.feed_response(request, StoryRssFeed, tag)

    @path("feed/tag/<str:tag>/atom/", name="tag_atom_feed")
    def atom_tag_feed(self, request, tag):
        return self.feed_response(request, StoryAtomFeed, tag)

    def feed_response(self, request, feed_class, raw_tag=None):
        """The newest stories of this language as RSS or Atom; an unknown tag gives an empty
        feed, a value that cannot be a tag a 400 (a feed reader shows no notice to read)."""
        tag = None
        if raw_tag:
            tag = parse_tag(raw_tag)
            if tag is None:
                return HttpResponse(_("Not a valid tag."), status=400, content_type="text/plain")
        return feed_class()(request, index=self, tag=tag)

    def get_sitemap_urls(self, request=None):
        """The index changes whenever a story is published: that is its lastmod."""
        urls = super().get_sitemap_urls(request)
        newest = (
            self.stories()
            .order_by("-last_published_at")
            .values_list("last_published_at", flat=True)
            .first()
        )
        for url in urls:
            if newest and (url.get("lastmod") is None or newest > url["lastmod"]):
                url["lastmod"] = newest
        return urls
