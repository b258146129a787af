"""The page cache for anonymous visitors (portal/pagecache.py) and the HTTP caching headers.

Correct first: every kind of change a visitor can see (publish, unpublish, move, delete, a shown
snippet saved) reaches the next anonymous request in both languages; a signed-in editor, a form
with a CSRF token, a preview and a message are never served from or stored in the cache."""

import gzip
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory

from portal import cache_generation, pagecache
from tests.portal.pagecache_support import (
    LANGUAGES,
    _page_cache_on,  # noqa: F401 (autouse fixture)
    get,
    live,
    model,
    warm,
)

pytestmark = pytest.mark.usefixtures("db")


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
    """Every form page: registration, a profile's contact form, each application step.
    Two visitors get two different tokens, and nothing is compressed (BREACH)."""
    registration = live("community.RegistrationPage", language).get_url()
    directory = live("community.DirectoryPage", language)
    municipality = (
        model("community.Municipality")
        .objects.filter(live=True, locale__language_code=language)
        .exclude(contact_email="")
        .first()
    )
    contact = directory.get_url() + municipality.slug + "/contact/"
    call = model("calls.CallPage").objects.live().open().filter(locale__language_code=language)
    call = call.first()
    apply_start = call.get_url() + "apply/"
    paths = [registration, contact]
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


def test_every_listed_model_exists():
    assert pagecache.check_models() == []
