"""The home page shows what exists and hides what doesn't."""

import datetime

import pytest
from django.utils import timezone

from calls.models import CallIndexPage, CallPage
from stories.models import EventIndexPage, EventPage, StoryIndexPage, StoryPage


@pytest.fixture
def sections(homes):
    home = homes["en"]
    indexes = {}
    for model, slug in [
        (StoryIndexPage, "stories"),
        (CallIndexPage, "calls"),
        (EventIndexPage, "events"),
    ]:
        page = model(title=slug.title(), slug=slug)
        home.add_child(instance=page)
        indexes[slug] = page
    return indexes


def test_empty_sections_are_hidden(client, homes, sections):
    html = client.get("/en/").content.decode()
    assert homes["en"].hero_title in html
    for heading in ["Latest stories", "Open calls for proposals", "Upcoming events"]:
        assert heading not in html


def test_sections_show_live_content_of_the_page_language(client, homes, sections):
    now = timezone.now()
    sections["stories"].add_child(
        instance=StoryPage(title="Aid reached Dolyna", slug="aid", date=datetime.date(2022, 11, 30))
    )
    draft = StoryPage(title="Unpublished draft", slug="draft", live=False)
    sections["stories"].add_child(instance=draft)
    sections["calls"].add_child(
        instance=CallPage(
            title="Projects Fund",
            slug="fund",
            summary="Grants",
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=9),
        )
    )
    sections["calls"].add_child(
        instance=CallPage(
            title="Past call",
            slug="past",
            summary="Over",
            opens_at=now - datetime.timedelta(days=90),
            closes_at=now - datetime.timedelta(days=9),
        )
    )
    sections["events"].add_child(
        instance=EventPage(
            title="Solidarity Forum",
            slug="forum",
            summary="Forum",
            city="Warsaw",
            country="PL",
            starts_at=now + datetime.timedelta(days=5),
            ends_at=now + datetime.timedelta(days=6),
        )
    )
    sections["events"].add_child(
        instance=EventPage(
            title="Finished gathering",
            slug="gone",
            summary="Gone",
            city="Brussels",
            country="BE",
            starts_at=now - datetime.timedelta(days=5),
            ends_at=now - datetime.timedelta(days=4),
        )
    )

    html = client.get("/en/").content.decode()
    assert "Latest stories" in html and "Aid reached Dolyna" in html
    assert "Unpublished draft" not in html
    assert "Open calls for proposals" in html and "Projects Fund" in html
    assert "Past call" not in html
    assert "Upcoming events" in html and "Solidarity Forum" in html
    assert "Finished gathering" not in html
    # The Ukrainian home page has none of these pages in its language.
    assert "Aid reached Dolyna" not in client.get("/uk/").content.decode()


def test_key_figures_are_shown(client, homes):
    home = homes["en"]
    home.key_figures = [("figure", {"figure": "500+", "label": "registered municipalities"})]
    home.save_revision().publish()
    html = client.get("/en/").content.decode()
    assert "500+" in html and "registered municipalities" in html
