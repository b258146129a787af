"""Finding 2 of the walk (issue 15): every routed sub-page is a page of its own for search
engines and the language switcher."""

import re

import pytest
from wagtail.models import Locale

from community.factories import MunicipalityFactory, NationalAssociationFactory

pytestmark = pytest.mark.django_db


def head_links(html):
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    og_url = re.search(r'<meta property="og:url" content="([^"]+)">', html).group(1)
    og_title = re.search(r'<meta property="og:title" content="([^"]*)">', html).group(1)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    hreflang = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    return canonical, og_url, og_title, title, hreflang


def test_profile_has_its_own_canonical_title_and_hreflang(client, directory):
    source = MunicipalityFactory(name="Dolyna", slug="dolyna")
    uk = source.copy_for_translation(Locale.objects.get(language_code="uk"))
    uk.save()
    html = client.get("/en/directory/dolyna/").content.decode()
    canonical, og_url, og_title, title, hreflang = head_links(html)
    assert canonical == "http://localhost/en/directory/dolyna/"
    assert og_url == canonical
    assert og_title == "Dolyna" and title.startswith("Dolyna ·")
    assert hreflang["en"] == "http://testserver/en/directory/dolyna/"
    assert hreflang["uk"] == "http://testserver/uk/directory/dolyna/"
    assert hreflang["x-default"] == hreflang["en"]


def test_associations_and_organisations_are_pages_of_their_own(client, directory):
    NationalAssociationFactory(name="Association of Ukrainian Cities", slug="auc")
    html = client.get("/en/directory/associations/").content.decode()
    canonical, og_url, og_title, title, hreflang = head_links(html)
    assert canonical == og_url == "http://localhost/en/directory/associations/"
    assert og_title == "National associations" and title.startswith("National associations")
    assert hreflang["uk"] == "http://testserver/uk/directory/associations/"
    html = client.get("/en/directory/organisations/").content.decode()
    assert head_links(html)[0] == "http://localhost/en/directory/organisations/"
    # The index itself keeps the page's address.
    html = client.get("/en/directory/?country=UA").content.decode()
    assert head_links(html)[0] == "http://localhost/en/directory/"


def test_language_switcher_leads_to_the_same_object_and_keeps_the_query(client, directory):
    MunicipalityFactory(name="Dolyna", slug="dolyna")
    html = client.get("/en/directory/dolyna/").content.decode()
    assert 'href="http://testserver/uk/directory/dolyna/" hreflang="uk"' in html
    html = client.get("/en/directory/?country=UA&amp;page=1".replace("&amp;", "&")).content.decode()
    assert 'href="http://testserver/uk/directory/?country=UA&amp;page=1" hreflang="uk"' in html


def test_profiles_of_every_language_are_in_the_sitemap_with_lastmod(client, directory):
    source = MunicipalityFactory(name="Dolyna", slug="dolyna")
    source.save_revision().publish()
    MunicipalityFactory(name="Hidden", slug="hidden", live=False)
    xml = client.get("/sitemap.xml").content.decode()
    for language in ("en", "uk"):
        entry = re.search(
            rf"<url><loc>http://localhost/{language}/directory/dolyna/</loc>(.*?)</url>",
            xml.replace("\n", "").replace("  ", ""),
        )
        assert entry, language
        assert "<lastmod>" in entry.group(1)
    assert "/directory/hidden/" not in xml
