"""Private sections in listings (portal/privacy.py): a page under a view restriction and its
descendants are left out of the home page and the story index, with the restrictions read once
per content generation, and come back when the restriction is removed."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from portal import privacy
from tests.portal.pagecache_support import LANGUAGES, live, model

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture(autouse=True)
def _rendered_every_time(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_EXCLUDE = [r"^/"]


def restrict(page):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Hub staff only")[0])
    return restriction


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_restricted_story_leaves_the_listings_and_comes_back(client, demo_site, language):
    # The newest story: the home page shows the latest three.
    story = (
        model("stories.StoryPage")
        .objects.live()
        .filter(locale__language_code=language)
        .order_by("-date", "-pk")
        .first()
    )
    title = story.card_title
    index_url, home_url = story.get_parent().get_url(), f"/{language}/"
    for url in (index_url, home_url):
        assert title in client.get(url).content.decode(), url
    restriction = restrict(story)
    for url in (index_url, home_url):
        assert title not in client.get(url).content.decode(), url
    restriction.delete()
    for url in (index_url, home_url):
        assert title in client.get(url).content.decode(), url


def test_the_same_pages_as_wagtails_public(demo_site):
    story = live("stories.StoryPage", "en")
    restrict(story)
    restrict(live("portal.ContentPage", "uk"))
    pages = Page.objects.live()
    ours = privacy.public(pages, privacy.private_sections())
    assert set(ours.values_list("pk", flat=True)) == set(
        pages.public().values_list("pk", flat=True)
    )
    assert story.pk not in set(ours.values_list("pk", flat=True))
    assert set(pages.filter(privacy.private_q(privacy.private_sections()))) == set(
        pages.not_public()
    )
