"""In headless Chromium, in Ukrainian: a demo member signs in with the password and edits the
municipality's profile; the demo association member proposes an edit of a member
municipality and confirms it. Both see "waiting for review" in Ukrainian."""

import pytest

from community.demo_associations import seed_association_members
from community.demo_members import seed_members
from community.models import AssociationVerification, Municipality
from tests.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAITING = "ваші зміни очікують на перевірку модераторами"


@pytest.fixture
def demo_accounts(live_demo_site):
    seed_members()
    seed_association_members()


def sign_in(page, email, password):
    page.goto(page.base_url + "/uk/account/login/")
    page.fill("[name=login]", email)
    page.fill("[name=password]", password)
    page.locator("form").get_by_role("button", name="Увійти", exact=True).click()


def test_a_member_signs_in_and_edits_the_profile_in_ukrainian(browser_page, demo_accounts):
    page = browser_page
    sign_in(page, "olena@dolyna.example", "bridges-dolyna")
    page.wait_for_url("**/uk/account/municipality/*/")
    page.get_by_role("link", name="Редагувати профіль").click()
    page.wait_for_url("**/edit/")
    page.fill("[name=population]", "20500")
    page.get_by_role("button", name="Надіслати на перевірку").click()
    page.wait_for_url("**/uk/account/municipality/*/")
    assert WAITING in page.locator("body").inner_text()
    screenshot(page, "member-edit-waiting-uk")
    dolyna = Municipality.objects.get(slug="dolyna-ua", locale__language_code="en")
    assert dolyna.has_unpublished_changes and dolyna.population == 20_000
    assert dolyna.get_latest_revision_as_object().population == 20_500
    assert page.external_requests == []


def test_the_association_member_proposes_an_edit_and_confirms_in_ukrainian(
    browser_page, demo_accounts
):
    page = browser_page
    sign_in(page, "mariia@auc.example", "bridges-auc")
    page.wait_for_url("**/uk/account/")
    page.get_by_role("link", name="Асоціація міст України").click()
    page.wait_for_url("**/uk/account/association/*/")
    screenshot(page, "association-list-uk")
    page.get_by_role("link", name="Долина").click()
    page.get_by_role("link", name="Запропонувати зміни").click()
    page.wait_for_url("**/edit/")
    page.fill("[name=contact_role]", "Відділ міжнародної співпраці")
    page.get_by_role("button", name="Надіслати на перевірку").click()
    page.wait_for_url("**/uk/account/association/*/municipality/*/")
    assert WAITING in page.locator("body").inner_text()
    page.get_by_role("button", name="Підтвердити цю громаду").click()
    page.wait_for_url("**/uk/account/association/*/municipality/*/")
    assert "підтверджено асоціацією" in page.locator("body").inner_text()
    assert AssociationVerification.objects.get().municipality.slug == "dolyna-ua"
    # The public profile (the link on the page names BASE_URL, not the live server).
    page.goto(page.base_url + "/uk/directory/dolyna-ua/")
    assert "Підтверджено асоціацією" in page.locator(".profile__verified").inner_text()
    screenshot(page, "association-verified-profile-uk")
    assert page.external_requests == []
