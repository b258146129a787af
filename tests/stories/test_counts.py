"""Counts in a sentence use the plural forms of the visitor's language (Ukrainian has three
for whole numbers: 1 подія, 2 події, 5 подій)."""

import pytest

from portal.factories import translate
from stories.factories import EventPageFactory, StoryPageFactory


@pytest.mark.parametrize(
    ("count", "english", "ukrainian"),
    [
        (1, "1 upcoming event", "1 майбутня подія"),
        (2, "2 upcoming events", "2 майбутні події"),
        (5, "5 upcoming events", "5 майбутніх подій"),
    ],
)
def test_upcoming_events_are_counted_in_each_language(
    client, event_indexes, count, english, ukrainian
):
    for day in range(count):
        event = EventPageFactory(parent=event_indexes["en"], days=day + 1)
        translate(event, "uk", title=f"Подія {day}")
    assert english in client.get(event_indexes["en"].url).content.decode()
    assert ukrainian in client.get(event_indexes["uk"].url).content.decode()


def test_past_events_are_counted(client, event_indexes):
    for day in range(2):
        EventPageFactory(parent=event_indexes["en"], days=-10 - day)
    html = client.get(event_indexes["en"].url).content.decode()
    assert "2 past events" in html and "upcoming event<" not in html


@pytest.mark.parametrize(
    ("count", "english", "ukrainian"),
    [
        (1, "1 story matches these filters.", "1 історія відповідає цим фільтрам."),
        (3, "3 stories match these filters.", "3 історії відповідають цим фільтрам."),
        (11, "11 stories match these filters.", "11 історій відповідають цим фільтрам."),
    ],
)
def test_filtered_stories_are_counted_in_each_language(
    client, story_indexes, count, english, ukrainian
):
    StoryPageFactory(parent=story_indexes["en"], kind="success", title="Not news")
    for _n in range(count):
        story = StoryPageFactory(parent=story_indexes["en"], kind="news")
        translate(story, "uk", title=f"Новина {story.pk}")
    assert english in client.get(story_indexes["en"].url, {"kind": "news"}).content.decode()
    html = client.get(story_indexes["uk"].url, {"kind": "news"}).content.decode()
    assert ukrainian in html
