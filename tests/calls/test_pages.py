"""The call listing and the call page as visitors see them."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from calls.factories import CallPageFactory, directory_programme
from calls.models import CallPage, call_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(call_index):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    return {
        "open": CallPageFactory(parent=call_index, title="Water call", sectors=["water"]),
        "open_energy": CallPageFactory(
            parent=call_index,
            title="Energy call",
            sectors=["energy"],
            programme=directory_programme("sun4ukraine", "SUN4Ukraine"),
        ),
        "upcoming": CallPageFactory(
            parent=call_index, title="Next year call", opens_at=now + day, closes_at=now + 60 * day
        ),
        "closed": CallPageFactory(
            parent=call_index, title="Old call", opens_at=now - 90 * day, closes_at=now - day
        ),
    }


def test_listing_groups_calls_by_state_with_counts(client, call_index, calls):
    page = client.get(call_index.url).content.decode()
    assert 'Open calls <span class="count">(2)</span>' in page
    assert 'Upcoming calls <span class="count">(1)</span>' in page
    assert 'Closed calls <span class="count">(1)</span>' in page


def test_listing_filters_by_programme_and_sector(client, call_index, calls):
    page = client.get(call_index.url + "?sector=energy").content.decode()
    assert "Energy call" in page and "Water call" not in page
    page = client.get(call_index.url + "?programme=sun4ukraine").content.decode()
    assert "Energy call" in page and "Water call" not in page and "Old call" not in page


def test_an_unknown_filter_value_is_ignored_and_named_on_the_page(client, call_index, calls):
    response = client.get(call_index.url + "?programme=nonsense&sector=energy")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Energy call" in page and "Water call" not in page  # the known filter still applies
    assert "This filter had a value we do not know and was ignored: Programme." in page
    response = client.get(call_index.url + "?programme=%00nonsense&sector=x%27+OR+1%3D1")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Energy call" in page and "Water call" in page
    assert "These filters had a value we do not know and were ignored: Programme, Sector." in page
    page = client.get(call_index.url + "?programme=&sector=%00").content.decode()
    assert "we do not know" not in page  # empty is no filter at all


def test_call_page_shows_brussels_time_and_the_facts(client, calls):
    call = calls["open"]
    call.closes_at = datetime.datetime(2031, 3, 31, 10, 0, tzinfo=datetime.UTC)
    call.save_revision().publish()
    page = client.get(call.url).content.decode()
    assert "31 March 2031, 12:00 (CEST, Brussels time)" in page
    assert 'datetime="2031-03-31T12:00:00+02:00"' in page
    assert "local-time.js" in page
    assert "€500,000" in page and "€5,000 – €50,000" in page
    assert "Olena Kovalenko" in page


def test_apply_button_only_while_open(client, calls):
    assert "Apply now" in client.get(calls["open"].url).content.decode()
    for state in ("upcoming", "closed"):
        page = client.get(calls[state].url).content.decode()
        assert "Apply now" not in page
        assert calls[state].reverse_subpage("apply") not in page


def test_queryset_and_page_agree_at_the_edges(calls):
    call = calls["open"]
    for moment, expected in [
        (call.closes_at - datetime.timedelta(seconds=1), "open"),
        (call.closes_at, "closed"),
        (call.opens_at - datetime.timedelta(seconds=1), "upcoming"),
        (call.opens_at, "open"),
    ]:
        with time_machine.travel(moment, tick=False):
            assert call.status() == expected
            in_state = getattr(CallPage.objects, expected)().filter(pk=call.pk).exists()
            assert in_state, (moment, expected)
        assert call_state(call.opens_at, call.closes_at, moment) == expected


def test_closed_calls_are_paged_twelve_at_a_time(client, call_index):
    now = timezone.now()
    for number in range(30):
        CallPageFactory(
            parent=call_index,
            opens_at=now - datetime.timedelta(days=100 + number),
            closes_at=now - datetime.timedelta(days=10 + number),
        )
    response = client.get(call_index.url + "?page=3")
    assert response.status_code == 200
    assert "Page 3 of 3" in response.content.decode()


def test_the_listing_pages_closed_calls_in_a_fixed_number_of_queries(client, call_index):
    now = timezone.now()

    def close_calls(count, start):
        for number in range(start, start + count):
            CallPageFactory(
                parent=call_index,
                title=f"Closed call {number:02d}",
                opens_at=now - datetime.timedelta(days=200 + number),
                closes_at=now - datetime.timedelta(days=10 + number),
            )

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    close_calls(3, 0)
    client.get(call_index.url)  # the site's caches (root paths, settings) filled once
    few = queries(call_index.url)
    close_calls(22, 3)
    assert queries(call_index.url) == few
    response = client.get(call_index.url + "?page=2")
    page = response.content.decode()
    assert "Page 2 of 3" in page and "Closed call 12" in page and "Closed call 11" not in page
    assert queries(call_index.url + "?page=2") == few
