"""A database that refuses for a moment gives a 503 asking to send again, never a 500."""

from unittest import mock

from django.db import OperationalError
from wagtail.models import Page


def test_a_locked_database_answers_503_with_a_retry_message(client, homes):
    with mock.patch.object(Page, "route", side_effect=OperationalError("database table is locked")):
        response = client.get("/en/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    html = response.content.decode()
    assert "please send the form again" in html
    assert "portal.css" in html


def test_other_errors_are_not_hidden(client, homes):
    client.raise_request_exception = True
    with mock.patch.object(Page, "route", side_effect=ValueError("a bug")):
        try:
            client.get("/en/")
        except ValueError:
            return
    raise AssertionError("a programming error must not be turned into a 503")
