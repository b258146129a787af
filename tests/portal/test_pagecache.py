"""The page cache for anonymous visitors (portal/pagecache.py) and the HTTP caching headers.

Correct first: every kind of change a visitor can see (publish, unpublish, move, delete, a shown
snippet saved) reaches the next anonymous request in both languages; a signed-in editor, a form
with a CSRF token, a preview and a message are never served from or stored in the cache."""

import gzip
import http.server
import re
import threading

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Page, Site

from portal import cache_generation, pagecache

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The test settings switch the page cache off for the other tests."""
    settings.PAGE_CACHE_ENABLED = True


LANGUAGES = ["en", "uk"]


def model(label):
    return apps.get_model(label)


def live(label, language):
    return (
        model(label).objects.live().filter(locale__language_code=language).order_by("path").first()
    )


def get(client, path, **headers):
    response = client.get(path, **headers)
    return response, response.content.decode()


def warm(client, path):
    """Fetch twice; the second answer must come from the cache."""
    first, _html = get(client, path)
    assert first.status_code == 200, path
    second, html = get(client, path)
    assert second["X-Page-Cache"] == "hit", path
    return html


def publish(page, **values):
    for name, value in values.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# Served from the cache --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/", "/uk/", "/en/stories/", "/uk/events/", "/sitemap.xml"])
def test_the_second_anonymous_request_is_served_without_the_database(
    client, demo_site, django_assert_num_queries, path
):
    first = client.get(path)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_one_entry_per_address_language_and_query(client, demo_site):
    warm(client, "/en/stories/")
    assert client.get("/uk/stories/")["X-Page-Cache"] == "miss"
    assert client.get("/en/stories/?kind=news")["X-Page-Cache"] == "miss"
    assert client.get("/en/stories/?kind=news")["X-Page-Cache"] == "hit"
    assert client.get("/en/stories/?kind=news&page=1")["X-Page-Cache"] == "miss"
    # The same parameters in another order are the same address.
    assert client.get("/en/stories/?page=1&kind=news")["X-Page-Cache"] == "hit"


# Each kind of change reaches the next anonymous request -----------------------------------------


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
    home = Page.objects.get(depth=2, locale__language_code=language)
    about = live("portal.ContentPage", language)
    target = model("portal.ContentPage")(title="Network", slug="network-" + language)
    home.add_child(instance=target)
    target.save_revision().publish()
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
    municipality = (
        model("community.Municipality")
        .objects.filter(live=True, locale__language_code=language)
        .order_by("name")
        .first()
    )
    warm(client, directory.get_url())
    new_name = {"en": "Aaa-renamed town", "uk": "Ааа-перейменована громада"}[language]
    municipality.name = new_name
    municipality.save_revision().publish()
    assert new_name in get(client, directory.get_url())[1]


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


# Never served from or stored in the cache -------------------------------------------------------


def test_a_signed_in_editor_is_never_served_the_anonymous_page(client, demo_site):
    warm(client, "/en/")
    editor = get_user_model().objects.create_superuser("cache-editor", "e@example.org", "pw")
    client.force_login(editor)
    for _ in range(2):
        response, html = get(client, "/en/")
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "w-userbar" in html or "wagtail-userbar" in html  # the editor's own bar
    client.logout()
    client.cookies.clear()
    anonymous, html = get(client, "/en/")
    assert anonymous["X-Page-Cache"] == "hit"
    assert "userbar" not in html


def test_a_draft_and_its_preview_never_reach_visitors(client, demo_site):
    story = live("stories.StoryPage", "en")
    url = story.get_url()
    warm(client, url)
    story.title = "Unpublished draft headline"
    story.save_revision()  # a draft: nothing public changes
    editor = get_user_model().objects.create_superuser("cache-prev", "p@example.org", "pw")
    client.force_login(editor)
    preview = client.get(f"/admin/pages/{story.pk}/edit/preview/")
    assert "X-Page-Cache" not in preview
    client.logout()
    client.cookies.clear()
    response, html = get(client, url)
    assert "Unpublished draft headline" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_pages_with_a_csrf_token_are_private_and_never_cached(client, demo_site, language):
    """Every form page: registration, a profile with its contact form, each application step.
    Two visitors get two different tokens, and nothing is compressed (BREACH)."""
    registration = live("community.RegistrationPage", language).get_url()
    directory = live("community.DirectoryPage", language)
    municipality = (
        model("community.Municipality")
        .objects.filter(live=True, locale__language_code=language)
        .first()
    )
    profile = directory.get_url() + municipality.slug + "/"
    call = model("calls.CallPage").objects.live().open().filter(locale__language_code=language)
    call = call.first()
    apply_start = call.get_url() + "apply/"
    paths = [registration, profile]
    start = client.get(apply_start, follow=True)
    assert start.status_code == 200
    paths.append(start.redirect_chain[-1][0] if start.redirect_chain else apply_start)
    for path in paths:
        tokens = set()
        for _ in range(2):
            client.cookies.clear()
            response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
            html = response.content.decode()
            assert response.status_code == 200, path
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            assert token, path
            tokens.add(token.group(1))
            assert "no-store" in response["Cache-Control"], path
            assert "public" not in response["Cache-Control"], path
            assert "X-Page-Cache" not in response, path
            assert not response.has_header("Content-Encoding"), path
        assert len(tokens) == 2, path


def test_no_crawled_page_with_a_csrf_token_is_public(client, demo_site):
    """Whatever page a later change gives a form: a CSRF token never goes out as public."""
    seen, queue, checked = set(), ["/en/", "/uk/"], 0
    while queue and checked < 120:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        client.cookies.clear()
        response = client.get(path)
        checked += 1
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if "csrfmiddlewaretoken" in html:
            assert "no-store" in response["Cache-Control"], path
        else:
            assert response["Cache-Control"].startswith("public"), path
        for link in re.findall(r'href="(/(?:en|uk)/[^"#?]*)"', html):
            if link not in seen and not link.endswith((".ics", "/feed/", "/atom/")):
                queue.append(link)
    assert checked > 30


def test_a_page_showing_a_message_is_neither_stored_nor_served_from_the_cache(client, demo_site):
    warm(client, "/en/")
    request = RequestFactory().get("/en/")
    storage = CookieStorage(request)
    encoded = storage._encode([Message(constants.SUCCESS, "Your message was sent.")])
    client.cookies["messages"] = encoded
    response, html = get(client, "/en/")
    assert "Your message was sent." in html
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]
    client.cookies.clear()
    response, html = get(client, "/en/")
    assert response["X-Page-Cache"] == "hit"
    assert "Your message was sent." not in html


def test_posts_and_the_admin_are_not_cached(client, demo_site):
    response = client.post("/en/")
    assert "X-Page-Cache" not in response
    response = client.get("/admin/login/")
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def middleware_for(response_factory):
    return pagecache.PageCacheMiddleware(lambda request: response_factory(request))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda request, response: response.set_cookie("tracking", "1"),
        lambda request, response: request.META.__setitem__("CSRF_COOKIE_NEEDS_UPDATE", True),
        lambda request, response: response.__setitem__(
            "Content-Security-Policy", "script-src 'nonce-abc123'"
        ),
        lambda request, response: response.__setitem__("Cache-Control", "private"),
        lambda request, response: setattr(request, "is_preview", True),
        lambda request, response: setattr(response, "status_code", 500),
    ],
    ids=["cookie", "csrf", "csp-nonce", "private", "preview", "error"],
)
def test_responses_that_are_not_for_everyone_are_not_stored(spoil):
    calls = []

    def view(request):
        calls.append(request)
        response = HttpResponse("<p>secret for one visitor</p>" * 20)
        spoil(request, response)
        return response

    middleware = middleware_for(view)
    for _ in range(2):
        response = middleware(RequestFactory().get("/en/unit-test/"))
        assert "X-Page-Cache" not in response
        assert "public" not in response["Cache-Control"]
    assert len(calls) == 2


def test_a_view_that_queued_a_message_is_not_stored():
    def view(request):
        request._messages = CookieStorage(request)
        request._messages.add(constants.INFO, "Saved.")
        return HttpResponse("<p>Saved.</p>")

    response = middleware_for(view)(RequestFactory().get("/en/unit-message/"))
    assert "X-Page-Cache" not in response


# HTTP caching -----------------------------------------------------------------------------------


def test_cacheable_pages_say_so_with_validators(client, demo_site):
    response = client.get("/en/stories/")
    control = response["Cache-Control"]
    assert control.startswith("public")
    assert re.search(r"max-age=\d+", control) and "s-maxage=" in control
    assert "stale-while-revalidate=" in control
    assert response["ETag"].startswith('W/"')
    assert response.has_header("Last-Modified")
    assert "Cookie" not in response.get("Vary", "")  # sessions are never cached instead


def test_a_matching_etag_or_date_answers_304(client, demo_site):
    first = client.get("/en/stories/")
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get("/en/stories/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get("/en/stories/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/en/stories/", HTTP_IF_NONE_MATCH='W/"other"').status_code == 200
    # After an unrelated change the page renders again but is the same: still 304.
    cache_generation.content_changed()
    assert client.get("/en/stories/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_cacheable_html_is_compressed_for_clients_that_accept_it(client, demo_site):
    plain = client.get("/en/")
    packed = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert "Accept-Encoding" in packed["Vary"]
    assert not plain.has_header("Content-Encoding")


def test_search_results_are_cached_a_short_time(client, demo_site, settings):
    settings.PAGE_CACHE_SHORT_SECONDS = 45
    response = client.get("/en/search/?q=bridge")
    assert "s-maxage=45" in response["Cache-Control"]
    assert client.get("/en/search/?q=bridge")["X-Page-Cache"] == "hit"
    assert "s-maxage=45" in client.get("/en/partners/?q=kyiv")["Cache-Control"]
    assert "s-maxage=45" in client.get("/api/partners/?q=kyiv")["Cache-Control"]
    assert "s-maxage=600" in client.get("/en/stories/")["Cache-Control"]


def test_the_cache_can_be_switched_off(client, demo_site, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/en/")
    response = client.get("/en/")
    assert "X-Page-Cache" not in response


def test_the_generation_is_shared_between_processes_through_its_file(settings, tmp_path):
    settings.PAGE_CACHE_GENERATION_FILE = tmp_path / "generation"
    first = cache_generation.current_generation()
    assert (tmp_path / "generation").read_text() == first
    (tmp_path / "generation").write_text("set-by-another-worker")
    assert cache_generation.current_generation() == "set-by-another-worker"
    cache_generation.bump_generation()
    assert cache_generation.current_generation() not in (first, "set-by-another-worker")


def test_every_listed_model_exists():
    assert pagecache.check_models() == []


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
