"""A story and an event on a 375 px phone screen: nothing wider than the screen, nothing loaded
from another host, screenshots saved under var/screenshots/."""

import datetime

import pytest
import wagtail_factories

from portal.factories import ensure_wagtail_root
from stories.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from tests.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def no_horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def tree_root(transactional_db):
    """Wagtail's root page and collection, which an earlier transactional test's flush removes."""
    ensure_wagtail_root()


def test_story_and_event_on_a_phone(tree_root, browser_page, request):
    homes = request.getfixturevalue("homes")
    image = wagtail_factories.ImageFactory(
        title="Aid", description="Trucks loaded with aid", width=1600, height=900
    )
    stories = StoryIndexPageFactory(parent=homes["en"])
    story = StoryPageFactory(
        parent=stories,
        title="Eleven tons of aid from Šiauliai district to Dolyna",
        hero_image=image,
        hero_caption="Loading the trucks",
        tags=["humanitarian aid", "a-rather-long-tag-that-must-wrap-on-a-narrow-screen"],
        countries=["LT", "UA"],
        contact_role="Partnerships team",
        contact_email="partnerships-and-communications@bridges-of-trust.example",
        body='[{"type": "key_figures", "value": {"heading": "In numbers", "figures": ['
        '{"figure": "11 t", "label": "of aid"}, {"figure": "€100,000", "label": "value"},'
        '{"figure": "36", "label": "children"}]}}]',
    )
    events = EventIndexPageFactory(parent=homes["en"])
    event = EventPageFactory(
        parent=events,
        title="SUN4Ukraine partnerships meet in Munich",
        days=20,
        all_day=True,
        city="Munich",
        country="DE",
        organisers="SUN4Ukraine partners",
        languages="English and Ukrainian",
        registration_url="https://forms.example/register",
        agenda='[{"type": "session", "value": {"start": "09:00:00", "end": "12:00:00", '
        '"title": "Twelve partnerships introduce themselves", "description": ""}}]',
    )
    event.ends_at = event.starts_at + datetime.timedelta(days=3)
    event.save()

    page = browser_page
    page.set_viewport_size(PHONE)

    page.goto(page.base_url + story.url)
    assert page.get_by_role("heading", level=1).inner_text() == story.title
    assert page.locator("picture img").first.get_attribute("alt") == "Trucks loaded with aid"
    page.wait_for_load_state("networkidle")
    assert no_horizontal_overflow(page)
    screenshot(page, "story-375")

    page.goto(page.base_url + stories.url)
    assert no_horizontal_overflow(page)
    screenshot(page, "story-index-375")

    page.goto(page.base_url + event.url)
    assert page.get_by_role("heading", level=1).inner_text() == event.title
    assert page.get_by_role("link", name="Register").is_visible()
    assert no_horizontal_overflow(page)
    screenshot(page, "event-375")

    page.goto(page.base_url + events.url)
    assert no_horizontal_overflow(page)
    screenshot(page, "event-index-375")

    assert page.external_requests == []
