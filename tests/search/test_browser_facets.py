"""Finding 6 of the walk (issue 15): on a phone the partner search's facets are collapsed under
a "Filters" summary, so the first result is on the first screen; on a wide screen they are
beside the results; without JavaScript the summary still opens them."""

import pytest

from tests.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def test_first_result_on_the_first_screen_of_a_phone(browser_page, live_demo_site):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/en/partners/")
    first = page.locator(".partner-search__results .card-grid > *").first
    box = first.bounding_box()
    screenshot(page, "partner-search-375")
    assert box["y"] < PHONE["height"], box
    facet_link = page.locator(".facet a").first
    assert not facet_link.is_visible()
    page.locator(".facets__toggle").click()
    assert facet_link.is_visible()


def test_facets_beside_the_results_on_a_wide_screen(browser_page, live_demo_site):
    page = browser_page
    page.goto(page.base_url + "/uk/partners/")
    assert page.locator(".facet a").first.is_visible()
    assert not page.locator(".facets__toggle").is_visible()
    facets = page.locator(".facets").bounding_box()
    results = page.locator(".partner-search__results").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"]  # beside, not above


def test_the_summary_opens_the_facets_without_javascript(chromium, live_server, live_demo_site):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/en/partners/?country=UA")
        toggle = page.locator(".facets__toggle")
        assert "(1 selected)" in toggle.inner_text()
        assert not page.locator(".facet a").first.is_visible()
        toggle.click()
        assert page.locator(".facet a").first.is_visible()
    finally:
        context.close()


def test_the_directory_filters_collapse_on_a_phone_too(browser_page, live_demo_site):
    """The walk found the directory's first card about 1,000 px down on a phone, below eight
    selects: they are under the same "Filters" summary, and open on a wide screen."""
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/uk/directory/")
    first = page.locator(".card-grid > *").first
    assert first.bounding_box()["y"] < PHONE["height"]
    country = page.locator("#filter-country")
    assert not country.is_visible()
    page.locator(".directory__filters .facets__toggle").click()
    assert country.is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + "/en/directory/")
    assert page.locator("#filter-country").is_visible()
    assert not page.locator(".directory__filters .facets__toggle").is_visible()
