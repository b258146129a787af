"""/<lang>/map/ without JavaScript: the filters, the list of the same results (municipalities
without coordinates included), the directory's "Map" switch and the profile's small map."""

import json
import re

import pytest

from community.factories import MunicipalityFactory
from search.models import MapPage

pytestmark = pytest.mark.django_db


def listed(html):
    return re.findall(r'id="map-item-([\w-]+)"', html)


def test_lists_every_published_match_including_those_without_coordinates(client, network):
    html = client.get("/en/map/").content.decode()
    assert listed(html) == ["dolyna", "gdansk", "kalush", "kupiansk", "novyi-rozdil", "siauliai"]
    assert "6 municipalities" in html
    assert "(1 without a location: listed below, not on the map)" in html
    item = html.split('id="map-item-novyi-rozdil"')[1].split("</li>")[0]
    assert "No location given: not on the map." in item
    assert 'href="/en/directory/novyi-rozdil/"' in item
    assert "Draft town" not in html


def test_the_list_gives_only_the_public_position(client, network):
    html = client.get("/en/map/").content.decode()
    item = html.split('id="map-item-kupiansk"')[1].split("</li>")[0]
    assert 'data-lat="49.8" data-lon="37.5"' in item
    assert "Approximate location (about 20 km)" in item
    assert "49.712345" not in html


def test_filters_work_without_javascript_and_stay_in_the_url(client, network):
    html = client.get("/en/map/", {"country": "UA", "open": "1"}).content.decode()
    assert listed(html) == ["kalush", "kupiansk", "novyi-rozdil"]
    assert '<option value="UA" selected>' in html
    assert 'id="map-filter-open" name="open" value="1" checked' in html
    # The map asks the API for the same filters.
    assert 'data-query="country=UA&amp;open=1"' in html
    # "List" leads to the directory with the same filters.
    assert 'href="/en/directory/?country=UA&amp;open=1"' in html
    html = client.get("/en/map/", {"programme": "twinning"}).content.decode()
    assert listed(html) == ["kupiansk", "siauliai"]


def test_unknown_filter_values_are_ignored_and_said(client, network):
    response = client.get("/en/map/", {"country": "XX", "programme": "nope", "kind": "district"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "These filters had a value we do not know and were ignored: Country, Programme." in html
    assert listed(html) == []  # kind=district is known and applies


def test_paginated_with_a_constant_number_of_queries(
    client, network, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40) as few:
        client.get("/en/map/")
    for n in range(30):
        MunicipalityFactory(
            name=f"Zelena {n:02}", slug=f"zelena-{n}", sectors={"offers": ["water"]}
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/en/map/").content.decode()
    assert len(listed(html)) == 24
    page_two = client.get("/en/map/", {"page": "2"}).content.decode()
    assert len(listed(page_two)) == 12 and "zelena-29" in listed(page_two)
    assert "Page 2 of 2" in page_two


def test_ukrainian_map(client, network):
    html = client.get("/uk/map/").content.decode()
    assert '<html lang="uk">' in html
    assert 'data-language="uk"' in html
    assert 'href="/uk/directory/kalush/"' in html
    assert "Показати результати як" in html and ">Мапа</a>" in html
    assert "Мапа громад мережі та їхніх партнерств" in html


def test_the_page_has_no_inline_script_or_style(client, network):
    html = client.get("/en/map/").content.decode()
    assert " style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert 'src="/static/vendor/leaflet/leaflet.js"' in html
    assert 'role="region"' in html and 'aria-label="Map of the municipalities' in html
    assert "unpkg" not in html and "cdn" not in html.lower()


def test_directory_has_a_map_switch_keeping_the_filters(client, network):
    html = client.get("/en/directory/", {"country": "PL", "page": "1"}).content.decode()
    assert 'href="/en/map/?country=PL">Map</a>' in html
    assert 'aria-current="page">List</a>' in html


def test_profile_shows_a_small_map_of_the_municipality_and_its_partners(client, network):
    html = client.get("/en/directory/kupiansk/").content.decode()
    data = json.loads(
        re.search(r'<script id="profile-map-data"[^>]*>(.*?)</script>', html, re.S)[1]
    )
    kinds = [(f["properties"]["kind"], f["properties"].get("name")) for f in data["features"]]
    assert kinds == [
        ("municipality", "Kupiansk"),
        ("municipality", "Šiauliai"),
        ("partnership", None),
    ]
    assert data["features"][0]["geometry"]["coordinates"] == [37.5, 49.8]
    assert "The location is shown approximately (about 20 km)." in html
    assert 'href="/en/map/"' in html
    # A municipality without coordinates has no map.
    html = client.get("/en/directory/novyi-rozdil/").content.decode()
    assert "profile-map-data" not in html


def test_seed_demo_puts_the_map_in_every_menu(demo_site):
    pages = MapPage.objects.live()
    assert sorted(p.locale.language_code for p in pages) == ["en", "uk"]
    assert all(p.show_in_menus for p in pages)
    assert [p.url for p in pages.order_by("locale__language_code")] == ["/en/map/", "/uk/map/"]


def test_a_profile_never_prints_exact_coordinates(client, network):
    """The profile's small map says where the town is; its exact position is not printed as
    numbers, and an approximate-location profile does not leak it anywhere in the page."""
    kupiansk = network["kupiansk"]
    response = client.get(f"/en/directory/{kupiansk.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kupiansk" in html
    assert f"{kupiansk.latitude:.4f}" not in html
    assert f"{kupiansk.longitude:.4f}" not in html
    assert str(kupiansk.latitude) not in html
