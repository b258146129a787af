"""Finding 4 of the walk (issue 15): registering on a phone takes few Tab stops (optional parts
behind summaries, the rarer working languages behind one), no label is said twice, and the
browser can fill in the contact's details (autocomplete, a telephone field)."""

import pytest

from community.models import RegistrationPage
from tests.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TAB_STOPS = 30

FOCUSED = """
() => {
  const el = document.activeElement;
  return {tag: el.tagName, type: el.type || "", name: el.name || "", text: el.innerText || ""};
}
"""

# The accessible name's visible part of every focusable control of the form.
LABELS = """
() => [...document.querySelectorAll("form.registration :is(input, select, textarea)")]
  .filter(el => el.type !== "hidden" && !el.closest("[aria-hidden=true]"))
  .filter(el => el.labels && el.labels[0])
  .map(el => {
    const label = el.labels[0].cloneNode(true);
    label.querySelectorAll(".field__required").forEach(span => span.remove());
    return label.textContent.trim();
  })
"""


@pytest.mark.parametrize("language", ["en", "uk"])
def test_registration_on_a_phone_takes_few_tab_stops(browser_page, live_demo_site, language):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(page.base_url + RegistrationPage.objects.get(locale__language_code=language).url)
    page.focus("#id_name")
    stops = 1
    for _press in range(100):
        page.keyboard.press("Tab")
        stops += 1
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "BUTTON" and focused["type"] == "submit":
            break
    else:
        pytest.fail("Tab never reached the submit button")
    screenshot(page, f"registration-375-{language}")
    assert stops < MAX_TAB_STOPS, stops

    labels = [label for label in page.evaluate(LABELS) if label]
    repeated = {label for label in labels if labels.count(label) > 1}
    assert not repeated, repeated

    assert page.get_attribute("#id_contact_phone", "type") == "tel"
    assert page.get_attribute("#id_contact_phone", "autocomplete") == "tel"
    assert page.get_attribute("#id_contact_email", "autocomplete") == "email"
    assert page.get_attribute("#id_contact_name", "autocomplete") == "name"


def test_a_chosen_rare_language_and_a_second_row_stay_open_after_an_error(
    browser_page, live_demo_site
):
    page = browser_page
    page.goto(page.base_url + RegistrationPage.objects.get(locale__language_code="en").url)
    page.locator("summary", has_text="other languages").click()
    page.locator("label", has_text="Lithuanian").click()
    page.locator("summary", has_text="More sectors you offer").click()
    page.select_option("#id_offer_2_sector", index=1)
    page.locator("form.registration [type=submit]").click()
    page.locator("[data-error-summary]:focus").wait_for()
    assert page.locator("label", has_text="Lithuanian").is_visible()
    assert page.is_checked("label:has-text('Lithuanian') input")
    assert page.locator("#id_offer_2_sector").is_visible()
