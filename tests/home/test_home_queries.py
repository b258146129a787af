"""The home page costs the same number of queries however much content the site holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from calls.factories import CallPageFactory
from calls.models import CallIndexPage
from stories.factories import EventPageFactory, StoryPageFactory
from stories.models import EventIndexPage, StoryIndexPage

pytestmark = pytest.mark.usefixtures("db")


def render_queries(client, path):
    client.get(path)  # warm the process (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_two_hundred_more_stories_events_and_calls_cost_no_query(
    client, demo_site, settings, language
):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_EXCLUDE = [r"^/"]  # rendered on every request
    before, _html = render_queries(client, f"/{language}/")

    def index(model):
        return model.objects.live().filter(locale__language_code=language).first()

    stories, events, calls = index(StoryIndexPage), index(EventIndexPage), index(CallIndexPage)
    today = timezone.localdate()
    for n in range(70):
        StoryPageFactory(
            parent=stories, title=f"Bulk story {n}", slug=f"bulk-story-{n}", date=today
        )
        EventPageFactory(parent=events, title=f"Bulk event {n}", slug=f"bulk-event-{n}")
        CallPageFactory(parent=calls, title=f"Bulk call {n}", slug=f"bulk-call-{n}")
    after, html = render_queries(client, f"/{language}/")
    assert "Bulk story 69" in html  # the newest story is shown: the page did change
    assert after <= before, f"{before} queries before, {after} with 210 more pages"
    assert after <= 25
