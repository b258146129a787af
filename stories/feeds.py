"""RSS and Atom feeds of a story index: the newest stories of its language, optionally of one
tag, made with Django's syndication framework.

The index's routes (``feed/``, ``feed/atom/``, ``feed/tag/<tag>/``, ``feed/tag/<tag>/atom/``
and ``?tag=``) call a feed with the index and the parsed tag slug. A feed object is made for each
request, so it may keep the request and the language it answers in.

See https://docs.djangoproject.com/en/5.2/ref/contrib/syndication/"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils import feedgenerator
from taggit.models import Tag

FEED_SIZE = 20


@dataclass(frozen=True)
class FeedSource:
    """What one feed shows: an index (hence a language) and perhaps one tag."""

    index: object
    tag: str | None = None


class StoryRssFeed(Feed):
    feed_type = feedgenerator.Rss201rev2Feed

    def get_object(self, request, *, index, tag=None):
        self.request = request
        self.language = index.locale.language_code
        return FeedSource(index=index, tag=tag)

    def title(self, source):
        title = str(source.index.title)
        if source.tag:
            name = Tag.objects.filter(slug=source.tag).values_list("name", flat=True).first()
            title = f"{title}: {name or source.tag}"
        return title

    def link(self, source):
        return source.index.get_full_url(self.request)

    def description(self, source):
        return source.index.introduction or str(source.index.title)

    def feed_url(self, source):
        return self.request.build_absolute_uri()

    def items(self, source):
        stories = source.index.stories().prefetch_related("tagged_items__tag")
        if source.tag:
            stories = stories.filter(tagged_items__tag__slug=source.tag).distinct()
        return stories[:FEED_SIZE]

    def item_title(self, story):
        return story.title  # the feed generator escapes it

    def item_description(self, story):
        return story.standfirst or story.card_summary or ""

    def item_link(self, story):
        return story.get_full_url(self.request)

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        # Atom requires <updated> on every entry.
        return story.last_published_at or story.published_at

    def item_categories(self, story):
        return [item.tag.name for item in story.tagged_items.all()]


class StoryAtomFeed(StoryRssFeed):
    feed_type = feedgenerator.Atom1Feed
