"""Requests the portal refuses before they cost anything, and database errors that are passing
states answered 503 "busy, send again" rather than a 500."""

import logging

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

logger = logging.getLogger("portal")

# Messages of OperationalError that mean "try again": SQLite's lock (concurrent writers) and a
# database that refused or lost the connection (PostgreSQL restarting, a full pool, a network
# cut). Everything else (a missing column, a syntax error) is a bug and must stay a 500.
TRANSIENT_MESSAGES = (
    "database is locked",
    "database table is locked",
    "table is locked",
    "unable to open database file",
    "disk i/o error",
    "could not connect",
    "connection refused",
    "connection to server",
    "server closed the connection",
    "terminating connection",
    "the database system is starting up",
    "the database system is shutting down",
    "the database system is in recovery mode",
    "too many clients",
    "remaining connection slots are reserved",
    "connection already closed",
    "ssl connection has been closed",
    "canceling statement due to lock timeout",
    "could not obtain lock",
    "deadlock detected",
    "could not serialize access",
    "timeout expired",
)
# SQLSTATE classes of PostgreSQL that are passing: 08 connection exception, 40 transaction
# rollback (serialization failure, deadlock), 53 insufficient resources, 55P03 lock not
# available, 57P01-57P03 shut down / cannot connect now.
TRANSIENT_SQLSTATES = ("08", "40", "53", "55P03", "57P01", "57P02", "57P03")


def is_transient(error):
    """True when an OperationalError means the database is busy or away for a moment."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate and sqlstate.startswith(TRANSIENT_SQLSTATES):
        return True
    message = str(error).lower()
    return any(text in message for text in TRANSIENT_MESSAGES)


class DatabaseBusyMiddleware:
    """Turns a passing OperationalError raised anywhere in a view (Wagtail's page routing
    included) into a 503 page rendered without the database, with Retry-After.

    SQLite under concurrent writers ("database is locked") and a lost PostgreSQL connection are
    passing states: the request's transaction was rolled back, so nothing half-stored remains
    and the visitor can simply send again. Any other OperationalError ("no such column") is a
    bug: it is left to Django's 500 handling and logged, never disguised as "busy". Views with
    their own, more specific message (the application form) catch the error first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_transient(exception):
            return None
        logger.warning("Request refused by the database: %s", request.path, exc_info=exception)
        html = render_to_string("busy.html", {"LANGUAGE_CODE": get_language()})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "5"
        response["Cache-Control"] = "private, no-store"
        return response


class RequestSizeLimitMiddleware:
    """Answers 413 to a request whose declared Content-Length exceeds
    ``settings.MAX_REQUEST_BODY_SIZE``, without reading a byte of its body: nothing before it
    in MIDDLEWARE reads the body, and the CSRF check and the views that would run after it are
    never reached. Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE) only apply while the body
    is being parsed, after a large upload has already been received."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            length = -1
        limit = settings.MAX_REQUEST_BODY_SIZE
        if length < 0 or length > limit:
            return self.refuse(request, length, limit)
        return self.get_response(request)

    def refuse(self, request, length, limit):
        logger.warning(
            "Request body refused before reading: %s declared %s bytes", request.path, length
        )
        response = render(
            request,
            "413.html",
            {"limit": filesizeformat(limit), "back_url": _same_site(request)},
            status=413,
        )
        response["Cache-Control"] = "private, no-store"
        return response


def _same_site(request):
    """The page the refused form was on, if it is one of the portal's."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""
