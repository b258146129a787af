"""The whole demo site as a visitor meets it: every page in both languages, the language
switcher, hreflang, the root redirect, error pages, robots and the sitemap."""

import re

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.models import Page, Revision

from portal.views import server_error

pytestmark = pytest.mark.usefixtures("db")


def live_pages(language):
    return [
        page
        for page in Page.objects.live()
        .filter(depth__gte=2, locale__language_code=language)
        .specific()
    ]


@pytest.mark.parametrize("language", ["en", "uk"])
def test_every_page_of_the_demo_site_renders(client, demo_site, language):
    pages = live_pages(language)
    types = {type(page).__name__ for page in pages}
    assert {
        "HomePage",
        "ContentPage",
        "StoryIndexPage",
        "StoryPage",
        "CallIndexPage",
        "CallPage",
        "EventIndexPage",
        "EventPage",
        "DirectoryPage",
        "PartnershipIndexPage",
        "RegistrationPage",
        "SearchPage",
        "PartnerSearchPage",
    } <= types
    for page in pages:
        url = page.get_url()
        assert url.startswith(f"/{language}/"), url
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        # The title is plain text: no markup leaked into it from a template block.
        assert re.search(r"<title>[^<]+</title>", html), url
        assert page.title in html or getattr(page, "hero_title", "") in html


def test_demo_tree_has_the_documented_addresses(client, demo_site):
    for path in [
        "/en/",
        "/en/calls/",
        "/en/stories/",
        "/en/events/",
        "/en/directory/",
        "/en/partnerships/",
        "/en/register/",
        "/en/search/",
        "/en/partners/",
        "/en/about/",
        "/uk/",
        "/uk/stories/",
        "/uk/directory/",
    ]:
        assert client.get(path).status_code == 200, path


def test_seed_demo_is_idempotent(demo_site):
    pages, revisions = Page.objects.count(), Revision.objects.count()
    titles = sorted(Page.objects.values_list("title", flat=True))
    call_command("seed_demo", "--no-accounts", verbosity=0)
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert sorted(Page.objects.values_list("title", flat=True)) == titles


def test_seed_demo_creates_the_demo_accounts(demo_site):
    from django.contrib.auth import authenticate

    # On the demo layer (its content, no accounts): the run adds the accounts.
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    admin = authenticate(username="admin", password="bridges-admin")
    editor = authenticate(username="editor", password="bridges-editor")
    moderator = authenticate(username="moderator", password="bridges-moderator")
    assert admin.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert list(moderator.groups.values_list("name", flat=True)) == ["Moderators"]
    assert not editor.has_perm("wagtailcore.publish_page") or editor.is_superuser is False


def test_header_navigation_comes_from_the_page_tree(client, demo_site):
    html = client.get("/uk/").content.decode()
    menu = html[html.index('id="main-menu"') : html.index("</nav>", html.index('id="main-menu"'))]
    assert 'href="/uk/stories/"' in menu and "Історії" in menu
    assert 'href="/uk/register/"' not in menu  # not in menus, reached from its own buttons


def test_language_switcher_and_hreflang_lead_to_the_same_page(client, demo_site):
    html = client.get("/en/stories/siauliai-district-dolyna-aid/").content.decode()
    assert (
        '<link rel="alternate" hreflang="uk" '
        'href="http://testserver/uk/stories/siauliai-district-dolyna-aid/">'
    ) in html
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="http://testserver/en/stories/siauliai-district-dolyna-aid/">'
    ) in html
    assert 'hreflang="x-default" href="http://testserver/en/stories/' in html
    switcher = html[html.index('class="language-switcher"') :]
    assert re.search(
        r'href="http://testserver/uk/stories/siauliai-district-dolyna-aid/"'
        r'[^>]*lang="uk"',
        switcher,
    )


def test_switcher_falls_back_to_the_home_page_for_an_untranslated_page(client, demo_site):
    from portal.factories import ContentPageFactory

    home = Page.objects.get(locale__language_code="en", depth=2)
    ContentPageFactory(parent=home, title="Only in English", slug="only-english")
    html = client.get("/en/only-english/").content.decode()
    assert 'hreflang="uk"' not in html.split("</head>")[0]
    assert 'href="http://testserver/uk/" hreflang="uk"' in html
    assert "This page is not translated yet" in html


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("uk-UA,uk;q=0.9,en;q=0.8", "/uk/"),
        ("de-DE,de;q=0.9,uk;q=0.7", "/uk/"),  # no German home page yet: the next choice
        ("fr-FR", "/en/"),
        ("", "/en/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("*", "/en/"),
        ("garbage;;q=zz,,", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, demo_site, accept_language, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Page not found"), ("uk", "Сторінку не знайдено")]
)
def test_404_is_in_the_site_layout_and_language(client, demo_site, language, text):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert 'class="skip-link"' in html and 'id="main-menu"' in html
    assert f'<html lang="{language}">' in html


def test_500_page_needs_no_database():
    request = RequestFactory().get("/en/")
    response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and "Щось пішло не так" in html
    assert "portal.css" in html


def test_robots_and_sitemap(client, demo_site):
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    xml = sitemap.content.decode()
    assert "/en/stories/siauliai-district-dolyna-aid/" in xml
    assert "/uk/stories/siauliai-district-dolyna-aid/" in xml


def test_pages_reference_no_other_host(client, demo_site):
    """No CDN, remote font or script: every src/href of assets points at the portal."""
    for path in ["/en/", "/uk/stories/siauliai-district-dolyna-aid/", "/en/events/"]:
        html = client.get(path).content.decode()
        for attribute in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            assert attribute.startswith("http://testserver/"), (path, attribute)
