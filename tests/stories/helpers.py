"""Small helpers shared by the story tests."""

import re

from wagtail.embeds.finders.base import EmbedFinder

from portal.factories import translate


def translated_story(story, **values):
    """The Ukrainian translation of an English story (the parent index must be translated)."""
    values.setdefault("title", f"Історія {story.pk}")
    return translate(story, "uk", **values)


class FakeVideoFinder(EmbedFinder):
    """Answers every video address without the network (used through WAGTAILEMBEDS_FINDERS)."""

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        return {
            "title": "Fake video",
            "author_name": "",
            "provider_name": "Example video",
            "type": "video",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": '<iframe src="https://video.example/embed/1" title="Fake video"></iframe>',
        }


IGNORED_NOTICE = re.compile(r"Th(is filter|ese filters) had a value we do not know")


def ignored_notice(html):
    """The words of the "filters ignored" notice of a listing ("" when there is none)."""
    match = IGNORED_NOTICE.search(html)
    if match is None:
        return ""
    return re.sub(r"<[^>]+>", " ", html[match.start() : html.index("</div>", match.start())])
