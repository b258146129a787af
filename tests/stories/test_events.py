"""Event pages and the event index: both languages, upcoming before past, filters and bad input,
iCalendar files that calendar apps accept, JSON-LD, the sitemap, moderation."""

import datetime
import json
import re
import zoneinfo

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.factories import translate
from stories.factories import EventPageFactory, StoryIndexPageFactory, StoryPageFactory
from stories.models import EventPage

from .helpers import ignored_notice

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def brussels(*args):
    return datetime.datetime(*args, tzinfo=BRUSSELS)


@pytest.fixture
def gathering(event_indexes):
    """The Annual Gathering: 16 October 2025, 09:00–18:00 in Brussels (07:00–16:00 UTC)."""
    return EventPageFactory(
        parent=event_indexes["en"],
        title="Community Annual Gathering",
        slug="annual-gathering",
        starts_at=brussels(2025, 10, 16, 9),
        ends_at=brussels(2025, 10, 16, 18),
        organisers="CEMR",
        languages="English, Ukrainian",
        interpretation="Simultaneous English–Ukrainian",
    )


@pytest.mark.parametrize("language", ["en", "uk"])
def test_event_and_index_render_in_both_languages(client, event_indexes, gathering, language):
    page = gathering if language == "en" else translate(gathering, "uk", title="Щорічна зустріч")
    html = client.get(page.url).content.decode()
    assert f"<h1>{page.title}</h1>" in html
    assert "This event has taken place." in html or "Ця подія вже відбулася." in html
    assert "Simultaneous English–Ukrainian" in html
    index_html = client.get(event_indexes[language].url).content.decode()
    assert page.title in index_html


def test_upcoming_first_then_the_archive_of_past_events(client, event_indexes):
    index = event_indexes["en"]
    EventPageFactory(parent=index, title="Later", days=40)
    EventPageFactory(parent=index, title="Sooner", days=5)
    EventPageFactory(parent=index, title="Long ago", days=-400)
    EventPageFactory(parent=index, title="Last month", days=-30)
    html = client.get(index.url).content.decode()
    upcoming, past = html.split('id="events-past"')
    assert upcoming.index("Sooner") < upcoming.index("Later")
    assert past.index("Last month") < past.index("Long ago")
    assert "Long ago" not in upcoming


def test_event_in_progress_counts_as_upcoming_and_past_state_after_it_ends(event_indexes):
    now = timezone.now()
    event = EventPageFactory(
        parent=event_indexes["en"],
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=1),
    )
    assert list(EventPage.objects.upcoming(now)) == [event]
    assert not event.is_past(now)
    assert event.is_past(now + datetime.timedelta(hours=2))


def test_filters_by_country_format_and_month(client, event_indexes):
    index = event_indexes["en"]
    EventPageFactory(
        parent=index,
        title="Munich meeting",
        city="Munich",
        country="DE",
        starts_at=brussels(2025, 11, 17, 9),
        ends_at=brussels(2025, 11, 20, 17),
    )
    EventPageFactory(
        parent=index,
        title="Online session",
        format="online",
        online_url="https://meet.example/room",
        city="",
        country="",
        starts_at=brussels(2025, 11, 3, 10),
        ends_at=brussels(2025, 11, 3, 11),
    )
    EventPageFactory(parent=index, title="Gathering", starts_at=brussels(2025, 10, 16, 9),
                     ends_at=brussels(2025, 10, 16, 18))  # fmt: skip
    # An event spanning the turn of the month appears in both months.
    EventPageFactory(parent=index, title="Turn of month", starts_at=brussels(2025, 10, 31, 9),
                     ends_at=brussels(2025, 11, 1, 18))  # fmt: skip

    def titles(**query):
        html = client.get(index.url, query).content.decode()
        return {t for t in ("Munich meeting", "Online session", "Gathering", "Turn of month")
                if t in html}  # fmt: skip

    assert titles(country="de") == {"Munich meeting"}
    assert titles(format="online") == {"Online session"}
    assert titles(month="2025-11") == {"Munich meeting", "Online session", "Turn of month"}
    assert titles(month="2025-10", country="BE") == {"Gathering", "Turn of month"}
    assert titles(month="2024-01") == set()


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ({"month": "2025-13"}, "Month"),
        ({"month": "abc"}, "Month"),
        ({"country": "Narnia"}, "Country"),
        ({"format": "x"}, "Format"),
    ],
)
def test_bad_filter_values_are_ignored_and_said_never_an_error(
    client, event_indexes, gathering, query, label
):
    response = client.get(event_indexes["en"].url, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Community Annual Gathering" in html
    assert label in ignored_notice(html)


def test_bogus_country_and_kind_list_every_event_with_a_notice(client, event_indexes, gathering):
    """The shared rule of every listing: 200, the values ignored, and the page says so (kind
    is no filter of events: it is not read at all)."""
    EventPageFactory(parent=event_indexes["en"], title="Online session", format="online",
                     online_url="https://meet.example/room", city="", country="")  # fmt: skip
    EventPageFactory(parent=event_indexes["en"], title="Munich meeting", city="Munich",
                     country="DE")  # fmt: skip
    response = client.get(event_indexes["en"].url, {"country": "ZZ", "kind": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Community Annual Gathering", "Online session", "Munich meeting"):
        assert title in html
    notice = ignored_notice(html)
    assert "Country" in notice and "Kind" not in notice and "Month" not in notice
    assert "No upcoming events match" not in html


@pytest.mark.parametrize("query", [{"page": "abc"}, {"upcoming_page": "-3"}, {"page": "10**9"}])
def test_odd_page_numbers_are_not_errors(client, event_indexes, gathering, query):
    assert client.get(event_indexes["en"].url, query).status_code == 200


def test_event_ics_parses_with_utc_times(client, gathering):
    response = client.get(gathering.url + "event.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="annual-gathering.ics"' in response["Content-Disposition"]
    assert b"DTSTART:20251016T070000Z" in response.content  # 09:00 in Brussels = 07:00 UTC
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].dt == datetime.datetime(2025, 10, 16, 7, tzinfo=datetime.UTC)
    assert event["DTEND"].dt == datetime.datetime(2025, 10, 16, 16, tzinfo=datetime.UTC)
    assert event["UID"] == f"event-{gathering.translation_key}@testserver"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert str(event["SUMMARY"]) == "Community Annual Gathering"
    assert str(event["URL"]).endswith("/en/events/annual-gathering/")
    assert "Brussels, Belgium" in str(event["LOCATION"])


def test_all_day_events_are_date_values_with_exclusive_end(client, event_indexes):
    event = EventPageFactory(
        parent=event_indexes["en"],
        slug="munich",
        all_day=True,
        starts_at=brussels(2025, 11, 17, 0),
        ends_at=brussels(2025, 11, 20, 23, 59),
    )
    content = client.get(event.url + "event.ics").content
    assert b"DTSTART;VALUE=DATE:20251117" in content
    (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert vevent["DTSTART"].dt == datetime.date(2025, 11, 17)
    assert vevent["DTEND"].dt == datetime.date(2025, 11, 21)
    html = client.get(event.url).content.decode()
    assert "17 November 2025" in html and "20 November 2025" in html and "00:00" not in html


def test_calendar_feed_lists_upcoming_events_of_its_language(client, event_indexes, gathering):
    index = event_indexes["en"]
    soon = EventPageFactory(parent=index, title="Soon", days=3)
    EventPageFactory(parent=index, title="Unpublished", days=4, live=False)
    translate(soon, "uk", title="Незабаром")
    response = client.get(index.url + "calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Soon"]
    uk = icalendar.Calendar.from_ical(client.get(event_indexes["uk"].url + "calendar.ics").content)
    (uk_event,) = uk.walk("VEVENT")
    assert str(uk_event["SUMMARY"]) == "Незабаром"
    # Same event, same UID in every language.
    assert uk_event["UID"] == calendar.walk("VEVENT")[0]["UID"]
    for event in calendar.walk("VEVENT"):
        assert event["DTSTART"].dt.utcoffset() == datetime.timedelta(0)


def test_registration_link_until_the_deadline(client, event_indexes):
    now = timezone.now()
    event = EventPageFactory(
        parent=event_indexes["en"],
        registration_url="https://forms.example/register",
        registration_deadline=now + datetime.timedelta(days=2),
    )
    assert event.registration_open(now)
    assert not event.registration_open(now + datetime.timedelta(days=3))
    assert 'href="https://forms.example/register"' in client.get(event.url).content.decode()
    event.registration_deadline = now - datetime.timedelta(minutes=1)
    event.save_revision().publish()
    html = client.get(event.url).content.decode()
    assert "Registration is closed." in html and 'href="https://forms.example' not in html


def test_format_rules_are_checked(event_indexes):
    from django.core.exceptions import ValidationError

    event = EventPageFactory.build(format="online", online_url="", city="")
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "online_url" in error.value.message_dict
    event = EventPageFactory.build(format="hybrid", online_url="https://x.example", city="")
    with pytest.raises(ValidationError):
        event.clean()


def test_event_structured_data_and_social_tags(client, gathering):
    html = client.get(gathering.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])
    assert data["@type"] == "Event"
    assert data["startDate"] == "2025-10-16T09:00:00+02:00"
    assert data["location"]["address"]["addressCountry"] == "BE"
    assert data["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")
    assert '<meta property="og:title" content="Community Annual Gathering">' in html


def test_related_stories_show_in_the_events_language(client, homes, gathering):
    stories = StoryIndexPageFactory(parent=homes["en"])
    translate(stories, "uk", title="Історії")
    story = StoryPageFactory(parent=stories, title="Report from Brussels")
    translate(story, "uk", title="Звіт із Брюсселя")
    gathering.related_stories.create(story=story)
    gathering.save_revision().publish()
    uk_event = translate(EventPage.objects.get(pk=gathering.pk), "uk", title="Зустріч")
    assert "Report from Brussels" in client.get(gathering.url).content.decode()
    assert "Звіт із Брюсселя" in client.get(uk_event.url).content.decode()


def test_events_of_both_languages_are_in_the_sitemap(client, gathering):
    translate(gathering, "uk", title="Щорічна зустріч")
    xml = client.get("/sitemap.xml").content.decode()
    assert "/en/events/annual-gathering/</loc>" in xml
    assert "/uk/events/annual-gathering/</loc>" in xml


def test_event_previews_render(event_indexes, gathering):
    assert gathering.make_preview_request().status_code == 200
    assert event_indexes["en"].make_preview_request().status_code == 200


def test_editor_submits_an_event_and_a_moderator_publishes_it(client, event_indexes):
    from wagtail.models import Workflow

    def user_in(group):
        user = get_user_model().objects.create_user(group.lower(), password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        return user

    editor, moderator = user_in("Editors"), user_in("Moderators")
    event = EventPageFactory(parent=event_indexes["en"], live=False)
    assert not event.permissions_for_user(editor).can_publish()
    workflow = event.get_workflow()
    assert isinstance(workflow, Workflow)
    event.save_revision(user=editor)
    workflow.start(event, editor)  # what "Submit to Moderators approval" does
    state = event.current_workflow_state
    assert not EventPage.objects.get(pk=event.pk).live
    client.force_login(moderator)
    from django.urls import reverse

    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[event.pk, "approve", state.current_task_state.pk],
    )
    client.post(url, {})
    assert EventPage.objects.get(pk=event.pk).live
