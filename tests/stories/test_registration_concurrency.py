"""The last seat taken by several people at the same moment (issue 16): PostgreSQL books
exactly one and puts the others on the waiting list; SQLite (one writer) books at most one and
answers the others with a registration on the waiting list or the retry page, never a 500."""

import threading

import pytest
from django.db import connection
from django.test import Client, override_settings

from stories.factories import EventIndexPageFactory
from stories.models import Registration

from .registration_helpers import open_event, person, register_url

pytestmark = [pytest.mark.django_db(transaction=True)]


def post_all_at_once(event, count):
    barrier = threading.Barrier(count)
    results = [None] * count

    def post(index):
        client = Client()
        try:
            barrier.wait(timeout=30)
            response = client.post(register_url(event), person(index + 10))
            results[index] = response.status_code
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[index] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def make_event(homes):
    index = EventIndexPageFactory(parent=homes["en"])
    event = open_event(index, capacity_on_site=3)
    Client().post(register_url(event), person(1))
    Client().post(register_url(event), person(2))
    return event


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
@override_settings(EVENTS_REGISTRATION_RATE_LIMIT=(1000, 60))
def test_concurrent_registrations_for_the_last_seat_book_exactly_one(homes):
    event = make_event(homes)
    results = post_all_at_once(event, 8)
    assert results == [303] * 8, results
    assert Registration.objects.filter(status="confirmed").count() == 3
    assert Registration.objects.filter(status="waiting").count() == 7


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite behaviour under load")
@override_settings(EVENTS_REGISTRATION_RATE_LIMIT=(1000, 60))
def test_concurrent_registrations_on_sqlite_never_over_book(homes):
    event = make_event(homes)
    results = post_all_at_once(event, 5)
    assert set(results) <= {303, 503}, results
    assert Registration.objects.filter(status="confirmed").count() <= 3
    assert Registration.objects.count() == 2 + results.count(303)
