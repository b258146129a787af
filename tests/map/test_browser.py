"""The map in a real browser, in both languages: clusters, a popup with the card, keyboard, a
phone's width, and nothing requested from any host but the portal."""

from decimal import Decimal

import pytest

from tests.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def crowded_demo(live_demo_site):
    """The demo site plus a crowd of towns around Lviv, so that markers must cluster."""
    from community.factories import MunicipalityFactory
    from community.models import Municipality

    if Municipality.objects.filter(slug="lviv-area-0").exists():
        return  # the live demo is kept between consecutive tests: already crowded
    for n in range(30):
        MunicipalityFactory(
            name=f"Lviv area {n:02}",
            slug=f"lviv-area-{n}",
            region="Lviv Oblast",
            latitude=Decimal("49.80") + Decimal(n % 6) / 50,
            longitude=Decimal("24.00") + Decimal(n // 6) / 50,
        )


@pytest.mark.parametrize(
    ("language", "profile_link", "region_name"),
    [
        ("en", "View profile", "Map of the municipalities"),
        ("uk", "Переглянути профіль", "Мапа громад"),
    ],
)
def test_map_clusters_and_popup_card(
    browser_page, crowded_demo, language, profile_link, region_name
):
    page = browser_page
    page.goto(f"{page.base_url}/{language}/map/")
    region = page.get_by_role("region", name=region_name)
    assert region.is_visible()
    page.wait_for_selector("#network-map[data-loaded]")
    # Zoomed out, the crowd near Lviv is one cluster with its count, operable by keyboard.
    cluster = page.locator("#network-map .marker-cluster").first
    cluster.wait_for()
    assert int(cluster.locator("span").first.inner_text()) >= 2
    assert cluster.get_attribute("role") == "button" and cluster.get_attribute("tabindex") == "0"
    assert page.locator("#network-map path.map-line").count() >= 1  # partnerships as lines
    screenshot(page, f"map-{language}-1280")

    # "Show on the map" in the list opens the municipality's card in a popup.
    page.locator('[data-map-show="dolyna-ua"]').click()
    popup = page.locator(".leaflet-popup-content .map-card")
    popup.wait_for()
    assert "Dolyna" in popup.inner_text()
    link = popup.get_by_role("link", name=profile_link)
    assert link.get_attribute("href").endswith(f"/{language}/directory/dolyna-ua/")
    marker = page.locator('#network-map .map-marker[aria-label^="Dolyna"]')
    assert marker.get_attribute("role") == "button"
    # Keyboard: the card's link has the focus; Escape closes the card and goes back to the
    # marker, Enter on the marker opens the card again.
    title = popup.get_by_role("heading").get_by_role("link")
    assert title.evaluate("element => element === document.activeElement")
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert marker.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    popup.wait_for()
    screenshot(page, f"map-{language}-popup")
    assert page.external_requests == []


def test_map_at_320_px_and_profile_map(browser_page, live_demo_site):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(page.base_url + "/en/map/")
    page.wait_for_selector("#network-map[data-loaded]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    screenshot(page, "map-en-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + "/en/directory/dolyna-ua/")
    page.locator("#profile-map .map-marker").first.wait_for()
    assert page.locator("#profile-map .map-marker").count() >= 2  # itself and a partner
    page.goto(page.base_url + "/en/directory/")
    switch = page.get_by_role("navigation", name="Show the results as")
    switch.get_by_role("link", name="Map", exact=True).click()
    page.wait_for_url("**/en/map/")
    assert page.external_requests == []
