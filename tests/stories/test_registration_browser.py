"""A visitor registers for an event in Ukrainian on a phone (issue 16): the event page's button,
the form in Ukrainian, the answer on the same screen width, the registration stored."""

import pytest

from portal.factories import ensure_wagtail_root, translate
from stories.factories import EventIndexPageFactory
from stories.models import Registration
from tests.browser import screenshot

from .registration_helpers import open_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def tree_root(transactional_db):
    ensure_wagtail_root()


def test_register_for_an_event_in_ukrainian(tree_root, browser_page, request):
    homes = request.getfixturevalue("homes")
    index = EventIndexPageFactory(parent=homes["en"])
    translate(index, "uk", title="Події")
    event = open_event(index, capacity_on_site=40)
    ukrainian = translate(event, "uk", title="Форум солідарності у Львові")

    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + ukrainian.url)
    assert "На місці: залишилося 40 місць." in page.content()
    page.get_by_role("link", name="Зареєструватися").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Форум солідарності у Львові"
    page.fill("input[name=name]", "Олена Коваль")
    page.fill("input[name=email]", "olena@dolyna.example")
    page.fill("input[name=organisation]", "Долинська міська рада")
    page.fill("input[name=role]", "Секретарка ради")
    page.select_option("select[name=country]", "UA")
    page.select_option("select[name=interpretation]", "en")
    page.check("input[name=consent]")
    screenshot(page, "event-registration-uk-375")
    page.get_by_role("button", name="Зареєструватися").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Вас зареєстровано"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    registration = Registration.objects.get()
    assert registration.language == "uk"
    assert registration.name == "Олена Коваль"
    assert registration.interpretation == "en"
    assert page.external_requests == []
