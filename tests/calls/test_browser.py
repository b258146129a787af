"""An applicant on a phone fills the four steps in headless Chromium and gets a reference."""

import re

import pytest

from calls.factories import CallIndexPageFactory, CallPageFactory, pdf_bytes
from tests.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_on_a_phone_and_get_a_reference(browser_page, homes, tmp_path):
    call = CallPageFactory(parent=CallIndexPageFactory(parent=homes["en"]), slug="fund")
    attachment = tmp_path / "budget.pdf"
    attachment.write_bytes(pdf_bytes())
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})

    page.goto(page.base_url + call.url)
    page.get_by_role("link", name="Apply now").click()
    page.fill("[name=applicant_name]", "Dolyna")
    page.select_option("[name=applicant_country]", "UA")
    page.select_option("[name=applicant_kind]", "town_hromada")
    page.fill("[name=applicant_population]", "20000")
    page.fill("[name=contact_name]", "Iryna Petrenko")
    page.fill("[name=contact_email]", "iryna@dolyna.example")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "apply-step-1-375")
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url("**/step-2/")
    page.fill("[name=partner_name]", "Šiauliai district")
    page.select_option("[name=partner_country]", "LT")
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url("**/step-3/")
    page.fill("[name=project_title]", "Clean water for Dolyna")
    page.fill("[name=project_summary]", "Renewing the pumping station together.")
    page.select_option("[name=sector]", "water")
    page.fill("[name=requested_amount]", "30000")
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url("**/step-4/")
    page.set_input_files("[name=attachments]", str(attachment))
    page.check("[name=consent]")
    screenshot(page, "apply-step-4-375")
    page.get_by_role("button", name="Submit the application").click()

    page.wait_for_url("**/submitted/")
    reference = page.locator("[data-reference]").inner_text()
    assert re.fullmatch(r"BOT-\d{4}-\d{5}", reference)
    screenshot(page, "apply-submitted-375")
    assert page.external_requests == []
