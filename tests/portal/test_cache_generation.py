"""The page cache's generation (portal/cache_generation.py): every kind of change a visitor can
see (publish, unpublish, move, delete, a shown snippet or the site settings saved) reaches the
next anonymous request in both languages; after the commit Varnish is banned."""

import http.server
import threading

import pytest
from wagtail.models import Page, Site

from portal import cache_generation
from tests.portal.pagecache_support import (  # noqa: F401
    LANGUAGES,
    _page_cache_on,
    first_municipality,
    get,
    live,
    model,
    page_to_move,
    publish,
    warm,
)

pytestmark = pytest.mark.usefixtures("db")


@pytest.mark.parametrize("language", LANGUAGES)
def test_publishing_a_page_shows_the_change(client, demo_site, language):
    story = live("stories.StoryPage", language)
    index = story.get_parent()
    story_url, index_url = story.get_url(), index.get_url()
    warm(client, story_url)
    warm(client, index_url)
    new_title = {"en": "Bridges rebuilt in record time", "uk": "Мости відбудовано рекордно швидко"}
    publish(story, title=new_title[language], listing_title="")
    for url in (story_url, index_url):
        response, html = get(client, url)
        assert response["X-Page-Cache"] == "miss"
        assert new_title[language] in html, url


@pytest.mark.parametrize("language", LANGUAGES)
def test_unpublishing_a_page_removes_it(client, demo_site, language):
    story = live("stories.StoryPage", language)
    story_url, index_url = story.get_url(), story.get_parent().get_url()
    title = story.specific.card_title
    assert title in warm(client, index_url)
    warm(client, story_url)
    story.unpublish()
    assert client.get(story_url).status_code == 404
    assert title not in get(client, index_url)[1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_moving_a_page_changes_its_address(client, demo_site, language):
    about, target = page_to_move(language)
    home = target.get_parent()
    old_url = about.get_url()
    warm(client, old_url)
    warm(client, home.get_url())
    about.move(target, pos="last-child")
    about.refresh_from_db()
    assert about.get_url() != old_url
    # Wagtail keeps a redirect from the old address; the cached old page is gone.
    old = client.get(old_url)
    assert old.status_code == 301
    assert old["Location"].endswith(about.get_url())
    assert client.get(about.get_url()).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_deleting_a_page_removes_it(client, demo_site, language):
    story = live("stories.StoryPage", language)
    story_url, index_url = story.get_url(), story.get_parent().get_url()
    title = story.specific.card_title
    assert title in warm(client, index_url)
    warm(client, story_url)
    story.delete()
    assert client.get(story_url).status_code == 404
    assert title not in get(client, index_url)[1]


def test_saving_the_site_settings_changes_every_page_in_both_languages(client, demo_site):
    settings_model = model("portal.SiteSettings")
    for path in ("/en/", "/uk/", "/en/stories/"):
        warm(client, path)
    site_settings = settings_model.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_email = "hub@partnership.example"
    site_settings.save()
    for path in ("/en/", "/uk/", "/en/stories/"):
        assert "hub@partnership.example" in get(client, path)[1], path


@pytest.mark.parametrize("language", LANGUAGES)
def test_saving_a_shown_snippet_changes_the_directory(client, demo_site, language):
    directory = live("community.DirectoryPage", language)
    municipality = first_municipality(language)
    # Filtered to its country: the demo's directory has several pages, and a Cyrillic name
    # sorts after every Latin one.
    url = f"{directory.get_url()}?country={municipality.country}"
    warm(client, url)
    new_name = {"en": "Aaa-renamed town", "uk": "Ааа-перейменована громада"}[language]
    municipality.name = new_name
    municipality.save_revision().publish()
    assert new_name in get(client, url)[1]


def test_a_partnership_saved_changes_the_partnerships_page(client, demo_site):
    index = live("community.PartnershipIndexPage", "en")
    warm(client, index.get_url())
    partnership = model("community.Partnership").objects.filter(locale__language_code="en").first()
    partnership.delete()
    response, html = get(client, index.get_url())
    assert response["X-Page-Cache"] == "miss"


def test_after_commit_the_generation_changes_again_and_varnish_is_banned(
    client, demo_site, settings, django_capture_on_commit_callbacks
):
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_BAN(self):  # noqa: N802 - the HTTP method's name
            requests.append((self.command, self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FRONTEND_CACHE_URL = f"http://127.0.0.1:{server.server_port}"
    try:
        warm(client, "/en/")
        before = cache_generation.current_generation()
        with django_capture_on_commit_callbacks(execute=True):
            cache_generation.content_changed()
            during = cache_generation.current_generation()
        after = cache_generation.current_generation()
    finally:
        server.shutdown()
        server.server_close()
    assert len({before, during, after}) == 3
    assert requests == [("BAN", "/")]
    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_the_generation_is_shared_between_processes_through_its_file(settings, tmp_path):
    settings.PAGE_CACHE_GENERATION_FILE = tmp_path / "generation"
    first = cache_generation.current_generation()
    assert (tmp_path / "generation").read_text() == first
    (tmp_path / "generation").write_text("set-by-another-worker")
    assert cache_generation.current_generation() == "set-by-another-worker"
    cache_generation.bump_generation()
    assert cache_generation.current_generation() not in (first, "set-by-another-worker")


def test_with_a_shared_cache_the_generation_lives_in_the_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    settings.PAGE_CACHE_GENERATION_FILE = tmp_path / "generation"
    from django.core.cache import cache

    first = cache_generation.current_generation()
    assert cache.get(cache_generation.GENERATION_KEY) == first
    assert not (tmp_path / "generation").exists()
    cache_generation.bump_generation()
    assert cache_generation.current_generation() != first
    # Evicted: a new random generation, never an old one coming back.
    cache.delete(cache_generation.GENERATION_KEY)
    assert cache_generation.current_generation() not in (first, "0", None)


def test_navigation_is_shared_with_the_page_cache_off_and_follows_a_change(
    client, demo_site, settings, django_assert_max_num_queries
):
    """PAGE_CACHE=false renders every page, but the header's navigation and the footer's
    settings are still read once per content generation (NAVIGATION_CACHE_ENABLED), and a
    published change reaches the next request."""
    settings.PAGE_CACHE_ENABLED = False
    story = live("stories.StoryPage", "en")
    url = story.get_url()

    def queries_of_a_render():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"
        return len(queries)

    settings.NAVIGATION_CACHE_ENABLED = False
    alone = queries_of_a_render()
    settings.NAVIGATION_CACHE_ENABLED = True
    shared = queries_of_a_render()
    assert shared < alone

    home = Page.objects.get(depth=2, locale__language_code="en")
    section = model("portal.ContentPage")(
        title="Reconstruction toolkit", slug="reconstruction-toolkit", show_in_menus=True
    )
    home.add_child(instance=section)
    section.save_revision().publish()
    assert "Reconstruction toolkit" in client.get(url).content.decode()
