"""Events belong to a programme of the directory: shown in the visitor's language on the event
page, and the event index filters by it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from community.factories import ProgrammeFactory
from portal.factories import translate
from stories.factories import EventPageFactory

from .helpers import ignored_notice


@pytest.fixture
def indexes(event_indexes):
    return event_indexes


@pytest.fixture
def programmes(db):
    """SUN4Ukraine and the European Partnership Hub, each with a Ukrainian translation."""
    uk = Locale.objects.get_or_create(language_code="uk")[0]
    found = {}
    for slug, en_name, uk_name in (
        ("sun4ukraine", "SUN4Ukraine", "SUN4Ukraine (укр.)"),
        ("european-partnership-hub", "European Partnership Hub", "Європейський хаб партнерств"),
    ):
        programme = ProgrammeFactory(slug=slug, name=en_name)
        copy = programme.copy_for_translation(uk)
        copy.name = uk_name
        copy.save()
        found[slug] = programme
    return found


@pytest.mark.parametrize(
    ("language", "name", "other"),
    [("en", "European Partnership Hub", "Європейський"), ("uk", "Європейський хаб", "Hub<")],
)
def test_event_page_shows_its_programme_in_the_visitors_language(
    client, indexes, programmes, language, name, other
):
    event = EventPageFactory(parent=indexes["en"], programme=programmes["european-partnership-hub"])
    page = event if language == "en" else translate(event, "uk", title="Щорічна зустріч")
    html = client.get(page.url).content.decode()
    assert name in html and other not in html
    assert f"{indexes[language].url}?programme=european-partnership-hub" in html


def test_event_index_filters_by_programme(client, indexes, programmes):
    index = indexes["en"]
    EventPageFactory(parent=index, title="Munich meeting", programme=programmes["sun4ukraine"])
    EventPageFactory(
        parent=index, title="Annual Gathering", programme=programmes["european-partnership-hub"]
    )
    EventPageFactory(parent=index, title="Unrelated forum")
    response = client.get(index.url, {"programme": "sun4ukraine"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Munich meeting" in html and "Annual Gathering" not in html
    assert "Unrelated forum" not in html
    assert '<option value="sun4ukraine" selected>' in html
    html = client.get(index.url, {"programme": "sun4ukraine", "format": "online"}).content
    assert "Munich meeting" not in html.decode()


def test_ukrainian_index_filters_events_related_to_english_programmes(client, indexes, programmes):
    event = EventPageFactory(parent=indexes["en"], programme=programmes["sun4ukraine"])
    translate(event, "uk", title="Зустріч у Мюнхені")
    html = client.get(indexes["uk"].url, {"programme": "sun4ukraine"}).content.decode()
    assert "Зустріч у Мюнхені" in html and "Європейський хаб партнерств" in html


@pytest.mark.parametrize("value", ["no-such-programme", "<script>", "sun4ukraine\x00x"])
def test_unknown_programme_is_ignored_and_said(client, indexes, programmes, value):
    EventPageFactory(parent=indexes["en"], title="Unrelated forum")
    response = client.get(indexes["en"].url, {"programme": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unrelated forum" in html and "<script>" not in html
    assert "Programme" in ignored_notice(html)


def test_event_index_queries_do_not_grow_with_programmes(client, indexes, programmes):
    index = indexes["en"]

    def queries():
        client.get(index.url)
        with CaptureQueriesContext(connection) as context:
            client.get(index.url)
        return len(context)

    EventPageFactory(parent=index, programme=programmes["sun4ukraine"])
    one = queries()
    for slug in ("sun4ukraine", "european-partnership-hub") * 3:
        EventPageFactory(parent=index, programme=programmes[slug])
    assert queries() == one
