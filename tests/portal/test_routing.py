"""Routes kept once per content generation (portal/routing.py): a page rendered with the page
cache off finds its page in one query, and every change to where an address leads — publish,
unpublish, a new slug, a move, a delete, a view restriction — reaches the next request in both
languages."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.portal.pagecache_support import (
    LANGUAGES,
    first_municipality,
    live,
    model,
    page_to_move,
    publish,
)

pytestmark = pytest.mark.usefixtures("db")

ROUTING_TABLES = ('"wagtailcore_site"', '"wagtailcore_pageviewrestriction"')


@pytest.fixture(autouse=True)
def _rendered_every_time(settings):
    """Every request renders (no page is stored), with what is read once per content
    generation shared as in production."""
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_EXCLUDE = [r"^/"]


def render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.get("X-Page-Cache") != "hit"
    return response, [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_kept_route_reads_the_page_in_one_query_and_renders_the_same(client, demo_site, language):
    story = live("stories.StoryPage", language)
    url = story.get_url()
    first, first_queries = render(client, url)
    second, second_queries = render(client, url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert any('"wagtailcore_site"' in sql for sql in first_queries)
    # No site, tree walk or restriction query: the story itself (with its hero image), once.
    assert not [sql for sql in second_queries if any(table in sql for table in ROUTING_TABLES)]
    page_queries = [sql for sql in second_queries if 'FROM "stories_storypage"' in sql]
    assert len(page_queries) == 1
    assert len(second_queries) < len(first_queries) - 4


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_routable_page_keeps_its_sub_routes(client, demo_site, language):
    directory = live("community.DirectoryPage", language)
    town = first_municipality(language)
    profile_url = directory.get_url() + town.slug + "/"
    first = client.get(profile_url)
    second = client.get(profile_url)
    assert first.status_code == second.status_code == 200
    assert town.name in second.content.decode()
    # Another sub-route of the same page is its own entry, and a missing profile is a 404.
    assert client.get(directory.get_url()).status_code == 200
    assert client.get(directory.get_url() + "no-such-town/").status_code == 404
    assert client.get(directory.get_url() + "no-such-town/").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_unpublishing_or_deleting_removes_the_kept_route(client, demo_site, language):
    stories = model("stories.StoryPage").objects.live().filter(locale__language_code=language)
    first, second = stories.order_by("path")[:2]
    for story in (first, second):
        assert client.get(story.get_url()).status_code == 200
        assert client.get(story.get_url()).status_code == 200
    url = first.get_url()
    first.unpublish()
    assert client.get(url).status_code == 404
    url = second.get_url()
    second.delete()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_slug_or_a_move_changes_where_the_address_leads(client, demo_site, language):
    story = live("stories.StoryPage", language)
    old_url = story.get_url()
    assert client.get(old_url).status_code == 200
    assert client.get(old_url).status_code == 200
    publish(story, slug=f"{story.slug}-renamed")
    new_url = story.get_url()
    assert new_url != old_url
    assert client.get(new_url).status_code == 200
    # Wagtail's redirect from the old address, not the kept route to the page.
    assert client.get(old_url).status_code in (301, 404)

    about, target = page_to_move(language)
    about_url = about.get_url()
    assert client.get(about_url).status_code == 200
    assert client.get(about_url).status_code == 200
    about.move(target, pos="last-child")
    about.refresh_from_db()
    assert client.get(about_url).status_code in (301, 404)
    assert client.get(about.get_url()).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_view_restriction_applies_at_once_and_such_routes_are_not_kept(
    client, demo_site, language
):
    story = live("stories.StoryPage", language)
    url = story.get_url()
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=story.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Hub staff only")[0])
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]
    restriction.delete()
    assert client.get(url).status_code == 200


def test_with_sharing_off_wagtail_routes_every_request(client, demo_site, settings):
    settings.NAVIGATION_CACHE_ENABLED = False
    story = live("stories.StoryPage", "en")
    client.get(story.get_url())
    response, queries = render(client, story.get_url())
    assert response.status_code == 200
    assert any('"wagtailcore_site"' in sql for sql in queries)
