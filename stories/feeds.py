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

from .models.tag_names import name_tags

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
            tags = name_tags(Tag.objects.filter(slug=source.tag), source.index.locale_id)
            title = f"{title}: {tags[0].label if tags else source.tag}"
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
        stories = list(stories[:FEED_SIZE])
        # Each tag by its name in the feed's language, named in one query for all items.
        items = [item for story in stories for item in story.tagged_items.all()]
        tags = {item.tag_id: item.tag for item in items}
        labels = {tag.pk: tag.label for tag in name_tags(tags.values(), source.index.locale_id)}
        for item in items:
            item.tag.label = labels[item.tag_id]
        return stories

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
        return [item.tag.label for item in story.tagged_items.all()]


class StoryAtomFeed(StoryRssFeed):
    feed_type = feedgenerator.Atom1Feed
