"""The demo site in a real browser: both languages, desktop and phone, keyboard, no outside
requests. Screenshots are saved under var/screenshots/."""

import pytest

from tests.browser import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_home_page_in_both_languages_via_the_switcher(browser_page, live_demo_site):
    page = browser_page
    page.goto(page.base_url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "rebuilding together" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("heading", name="Latest stories").is_visible()
    screenshot(page, "home-en-1280")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Українська").click()
    page.wait_for_url("**/uk/")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert "відбудовують разом" in page.get_by_role("heading", level=1).inner_text()
    screenshot(page, "home-uk-1280")

    for width in (375, 320):
        page.set_viewport_size({"width": width, "height": 812})
        for path in ("/uk/", "/en/"):
            page.goto(page.base_url + path)
            # Nothing wider than the screen: no sideways scrolling on a phone.
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(page.base_url + "/uk/")
    screenshot(page, "home-uk-375")
    page.goto(page.base_url + "/en/")
    screenshot(page, "home-en-375")
    assert page.external_requests == []


def test_switcher_keeps_the_reader_on_the_same_story(browser_page, live_demo_site):
    page = browser_page
    page.goto(page.base_url + "/en/stories/siauliai-district-dolyna-aid/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Українська").click()
    page.wait_for_url("**/uk/stories/siauliai-district-dolyna-aid/")
    assert "Шяуляйського" in page.get_by_role("heading", level=1).inner_text()


def test_keyboard_skip_link_and_phone_menu(browser_page, live_demo_site):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(page.base_url + "/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    menu = page.locator("#main-menu")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible() and not menu.is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert menu.is_visible()
    assert page.evaluate("document.activeElement.textContent").strip() == "Member directory"
    page.keyboard.press("Escape")
    assert not menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"


def test_demo_pages_need_nothing_from_another_host(browser_page, live_demo_site):
    page = browser_page
    for path in [
        "/en/",
        "/uk/",
        "/en/stories/",
        "/en/stories/siauliai-district-dolyna-aid/",
        "/en/events/",
        "/en/calls/",
        "/en/about/",
        "/en/search/?q=Dolyna",
        "/uk/directory/",
        "/en/no-such-page/",
    ]:
        page.goto(page.base_url + path)
        for image in page.locator("img").all():
            assert image.get_attribute("alt") is not None, (path, image.get_attribute("src"))
    assert page.external_requests == []
