"""A database that refuses for a moment answers 503 "busy, send again", never a 500."""

import logging

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

logger = logging.getLogger("portal")


class DatabaseBusyMiddleware:
    """Turns an OperationalError raised anywhere in a view (Wagtail's page routing included)
    into a 503 page rendered without the database, with Retry-After.

    SQLite under concurrent writers ("database is locked", "table is locked") and a
    lost PostgreSQL connection are passing states: the request's transaction was rolled back,
    so nothing half-stored remains and the visitor can simply send again. Views with their own,
    more specific message (the application form) catch the error first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError):
            return None
        logger.warning("Request refused by the database: %s", request.path, exc_info=exception)
        html = render_to_string("busy.html", {"LANGUAGE_CODE": get_language()})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "5"
        response["Cache-Control"] = "private, no-store"
        return response
