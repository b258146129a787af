"""Forms that speak (issue 15, finding 4), in headless Chromium: each public form sent empty, in
both languages, comes back with the focus on its error summary, and every field with an error
names its message through aria-describedby (the element exists and holds the message)."""

import pytest

from calls.models import CallPage
from community.models import RegistrationPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "uk"]

# For every field marked invalid: the texts of the elements its aria-describedby names (null
# where an id names nothing), and the summary's text.
READ_ERRORS = """
() => {
  const fields = [...document.querySelectorAll('[aria-invalid="true"], fieldset.field--error')];
  return {
    active: document.activeElement.hasAttribute("data-error-summary"),
    summary: (document.querySelector("[data-error-summary]") || {}).innerText || "",
    fields: fields.map(field => ({
      name: field.name || field.id,
      described: (field.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean)
        .map(id => document.getElementById(id))
        .map(el => el ? el.innerText.trim() : null),
    })),
  };
}
"""


def registration_url(language):
    return RegistrationPage.objects.get(locale__language_code=language).url


def contact_url(language):
    return f"/{language}/directory/dolyna-ua/contact/"


def apply_url(language):
    call = CallPage.objects.get(locale__language_code=language, slug="projects-fund-2026")
    return call.url + "apply/"


def login_url(language):
    return f"/{language}/account/login/"


FORMS = {
    "registration": registration_url,
    "contact": contact_url,
    "application step 1": apply_url,
    "sign-in": login_url,
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("form", list(FORMS))
def test_an_empty_form_focuses_its_summary_and_each_message_is_announced(
    browser_page, live_demo_site, form, language
):
    page = browser_page
    page.goto(page.base_url + FORMS[form](language))
    page.locator("form:has([name=csrfmiddlewaretoken]) [type=submit]").first.click()
    page.wait_for_selector("[data-error-summary]")
    # A selector, not wait_for_function: polling a string predicate is an eval, which the
    # pages' Content-Security-Policy refuses.
    page.locator("[data-error-summary]:focus").wait_for()
    found = page.evaluate(READ_ERRORS)
    assert found["active"], "the focus is not on the error summary"
    assert found["fields"], "no field is marked invalid"
    for field in found["fields"]:
        messages = [text for text in field["described"] if text]
        assert None not in field["described"], f"{field['name']}: aria-describedby names no element"
        assert messages, f"{field['name']} has no message connected"
        # The message the field announces is the one listed in the summary.
        assert any(line in found["summary"] for text in messages for line in text.splitlines())
    assert page.locator("html").get_attribute("lang").startswith(language)
    assert page.external_requests == []
