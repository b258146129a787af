"""Many applications posted at once to one call.

PostgreSQL: 50 threads store 50 applications with 50 distinct references and no error.
SQLite (one writer at a time): every post is either stored or answered with the retry
message, never a 500, and what is stored has distinct references."""

import threading

import pytest
from django.db import connection
from django.test import Client, override_settings

from calls.factories import CallIndexPageFactory, CallPageFactory, DraftFactory
from calls.models import Application
from tests.calls.helpers import step_url, submit_data

pytestmark = [pytest.mark.django_db(transaction=True)]


def post_all_at_once(call, drafts):
    barrier = threading.Barrier(len(drafts))
    results = [None] * len(drafts)

    def post(index, key, token):
        client = Client()
        try:
            barrier.wait(timeout=30)
            response = client.post(step_url(call, key, 4), submit_data(str(token)))
            results[index] = (response.status_code, response.content.decode())
        except Exception as error:  # noqa: BLE001 - the test reports it below
            results[index] = (None, repr(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(index, key, draft.submission_token))
        for index, (key, draft) in enumerate(drafts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def make_drafts(homes, count):
    call = CallPageFactory(parent=CallIndexPageFactory(parent=homes["en"]))
    drafts = []
    for number in range(count):
        key = f"concurrency-key-{number:03d}-" + "x" * 20
        drafts.append((key, DraftFactory(call=call, key=key)))
    return call, drafts


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's row locks; SQLite has one writer (see the SQLite test)",
)
@override_settings(CALLS_RATE_LIMIT=(1000, 60))
def test_fifty_simultaneous_submissions_on_postgresql(homes):
    call, drafts = make_drafts(homes, 50)
    results = post_all_at_once(call, drafts)
    assert [status for status, _body in results] == [303] * 50, results
    references = list(Application.objects.submitted().values_list("reference", flat=True))
    assert len(references) == 50
    assert len(set(references)) == 50


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite behaviour under load")
@override_settings(CALLS_RATE_LIMIT=(1000, 60))
def test_simultaneous_submissions_on_sqlite_are_stored_or_asked_to_retry(homes):
    call, drafts = make_drafts(homes, 10)
    results = post_all_at_once(call, drafts)
    statuses = [status for status, _body in results]
    assert set(statuses) <= {303, 503}, results
    for status, body in results:
        if status == 503:
            assert "please send the form again" in body
    stored = list(Application.objects.submitted().values_list("reference", flat=True))
    assert len(stored) == statuses.count(303)
    assert len(set(stored)) == len(stored)
