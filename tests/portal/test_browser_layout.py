"""Phones: nothing jumps while a page loads (cumulative layout shift under 0.1, Google's limit
for "good", measured by Chromium itself at 375 px), and the skip link stays on one line."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLS_SCRIPT = """
() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) total += entry.value;
    }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})
"""

PAGES = [
    "/en/",
    "/uk/",
    "/en/stories/",
    "/uk/stories/siauliai-district-dolyna-aid/",
    "/en/events/",
    "/en/calls/",
    "/uk/directory/",
    "/en/partners/",
    "/en/search/?q=Dolyna",
]


def test_no_layout_shift_on_a_phone(browser_page, live_demo_site):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    shifts = {}
    for path in PAGES:
        page.goto(page.base_url + path, wait_until="load")
        shifts[path] = page.evaluate(CLS_SCRIPT)
    assert all(value < 0.1 for value in shifts.values()), shifts


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_skip_link_is_one_line_and_hidden_until_focused(browser_page, live_demo_site, language):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 700})  # the narrowest phone WCAG names
    page.goto(f"{page.base_url}/{language}/")
    skip = page.locator(".skip-link")
    box = skip.bounding_box()
    assert box["y"] + box["height"] <= 0, "the skip link shows before it is focused"
    page.keyboard.press("Tab")
    box = skip.bounding_box()
    line_height = skip.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 24")
    assert box["y"] >= 0 and box["height"] < 2 * line_height + 24, box  # one line plus padding
