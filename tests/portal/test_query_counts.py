"""Database queries per public page type: none for a page served from the page cache, and a
fixed upper bound for a render (warm: the process has served the address once before).

The bounds are what each page costs today on the demo site; they are the ceiling, never to be
raised without a reason, and to be lowered as the renders get cheaper. None is above 25 (issue
13): the default language is found by its code (no Locale query per listing), the home page's
sections share one private-section query and find their listing pages in one query, the hero's
button is read once per content generation. Where an address leads is kept once per content
generation too (portal/routing.py): a render reads its page in one query instead of the site,
each level of the tree and the view restrictions (7 to 9 queries)."""

import pytest
from django.apps import apps

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The test settings switch the page cache off for the other tests."""
    settings.PAGE_CACHE_ENABLED = True


def first_live(label, language):
    model = apps.get_model(label)
    return model.objects.live().filter(locale__language_code=language).order_by("path").first()


def page_url(label):
    return lambda language: first_live(label, language).get_url()


def route(label, suffix):
    return lambda language: first_live(label, language).get_url() + suffix


def profile(language):
    municipality = (
        apps.get_model("community.Municipality")
        .objects.filter(live=True, locale__language_code=language)
        .order_by("name")
        .first()
    )
    return first_live("community.DirectoryPage", language).get_url() + municipality.slug + "/"


def route_of(address, suffix):
    return lambda language: address(language) + suffix


def event_ical(language):
    return first_live("stories.EventPage", language).get_url() + "event.ics"


# Page type: (address in a language, queries of a warm uncached render at most — the larger of
# English and Ukrainian —, cached?).
# The profile's contact form (a CSRF token) is never cached.
PAGES = {
    "home": (lambda language: f"/{language}/", 8, True),
    "content page": (page_url("portal.ContentPage"), 1, True),
    # The index's tags, sectors and programmes are read once per content generation.
    "story index": (page_url("stories.StoryIndexPage"), 6, True),
    # A story: the page with its hero image, its tags and their names, its countries; its
    # related municipalities, partnership, programme and sectors once per content generation.
    "story": (page_url("stories.StoryPage"), 4, True),
    "story feed": (route("stories.StoryIndexPage", "feed/"), 6, True),
    "event index": (page_url("stories.EventIndexPage"), 7, True),
    "event": (page_url("stories.EventPage"), 3, True),
    "event calendar file": (event_ical, 1, True),
    "events calendar": (route("stories.EventIndexPage", "calendar.ics"), 3, True),
    "call index": (page_url("calls.CallIndexPage"), 8, True),
    "call": (page_url("calls.CallPage"), 7, True),
    "directory": (page_url("community.DirectoryPage"), 8, True),
    # +2 since the demo's Ukrainian municipalities are in the Association of Ukrainian Cities:
    # its name in the visitor's language and the "verified by the association" badge.
    "profile": (profile, 13, True),
    "profile's contact form": (route_of(profile, "contact/"), 6, False),
    "partnerships": (page_url("community.PartnershipIndexPage"), 5, True),
    # +1 for the association facet's names since the demo has association members.
    "partner search": (route("portal_search.PartnerSearchPage", "?q=kyiv"), 12, True),
    # PostgreSQL's full-text backend: 6 more than SQLite's 13 (the word forms add one).
    "site search": (route("portal_search.SearchPage", "?q=bridge"), 19, True),
    # Profiles in every language are in the sitemap too (one query per language).
    "sitemap": (lambda language: "/sitemap.xml", 13, True),
    "partners API": (lambda language: f"/api/partners/?q=kyiv&lang={language}", 13, True),
}
CACHED = [name for name, (_url, _bound, cached) in PAGES.items() if cached]


@pytest.mark.parametrize("language", ["en", "uk"])
@pytest.mark.parametrize("name", CACHED)
def test_a_cached_page_is_served_without_a_query(
    client, demo_site, django_assert_num_queries, name, language
):
    url = PAGES[name][0](language)
    first = client.get(url)
    assert first.status_code == 200, url
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit", url
    assert second.content == first.content


@pytest.mark.parametrize("language", ["en", "uk"])
@pytest.mark.parametrize("name", list(PAGES))
def test_an_uncached_render_stays_within_its_query_bound(
    client, demo_site, settings, django_assert_max_num_queries, name, language
):
    # Rendered on every request (no page is cached), with what is read once per content
    # generation (navigation, site settings) shared as in production.
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_EXCLUDE = [r"^/"]
    url, bound, _cached = PAGES[name]
    url = url(language)
    assert client.get(url).status_code == 200, url  # warm the process (site root paths…)
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200
