"""Requests the portal refuses before they cost anything, and database errors that are not
passing states are never disguised as "busy"."""

import io
from unittest import mock

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, close_old_connections
from django.test import override_settings
from wagtail.models import Page

from portal.middleware import is_transient


class UnreadableBody(io.RawIOBase):
    """A request body that must never be read."""

    def readable(self):
        return True

    def read(self, *args):
        raise AssertionError("the body of a refused request was read")

    readline = readinto = read


def wsgi_post(path, length, **extra):
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "multipart/form-data; boundary=xyz",
        "CONTENT_LENGTH": str(length),
        "wsgi.input": UnreadableBody(),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        **extra,
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    # As Django's test client does: the test's database connection (and its transaction) must
    # outlive the request, which a WSGI server's request_finished would close.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, start_response)
        body = b"".join(response)
        response.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "uk"])
def test_a_declared_2_gb_body_is_refused_before_it_is_read(homes, language):
    status, headers, html = wsgi_post(f"/{language}/register/", 2 * 1024**3)
    assert status.startswith("413")
    assert headers["Cache-Control"] == "private, no-store"
    if language == "en":
        assert "The files are too large" in html
        assert "nothing was stored" in html
    else:
        assert "Файли завеликі" in html
    assert "portal.css" in html and 'class="site-header' in html  # the site's layout


@pytest.mark.django_db
def test_a_body_within_the_limit_goes_on_to_the_form(homes):
    with override_settings(MAX_REQUEST_BODY_SIZE=1000):
        # Declared under the limit: the request is handled (and its body read) as usual.
        environ_input = io.BytesIO(b"q=x")
        status, _headers, _html = wsgi_post(
            "/en/", 3, **{"wsgi.input": environ_input, "CONTENT_TYPE": "text/plain"}
        )
    assert not status.startswith("413")
    assert environ_input.tell() <= 3


@pytest.mark.django_db
def test_an_unparsable_content_length_is_refused(homes):
    status, _headers, _html = wsgi_post("/en/", "-5")
    assert status.startswith("413")


def test_the_limit_holds_every_upload_the_portal_accepts(settings):
    from portal.security import check_upload_limits

    assert check_upload_limits(None) == []
    settings.MAX_REQUEST_BODY_SIZE = 1024 * 1024
    assert [w.id for w in check_upload_limits(None)] == ["portal.W010"] * 4


@pytest.mark.parametrize(
    "message",
    ["database is locked", "database table is locked", "could not connect to server: refused"],
)
def test_passing_database_states_are_busy(message):
    assert is_transient(OperationalError(message))


def test_a_missing_column_is_not_busy():
    assert not is_transient(OperationalError("no such column: name"))


def test_a_real_database_error_is_a_500_not_busy(client, homes):
    client.raise_request_exception = False
    with mock.patch.object(Page, "route", side_effect=OperationalError("no such column: name")):
        response = client.get("/en/")
    assert response.status_code == 500
    assert "The portal is busy" not in response.content.decode()
