"""Small answers every app gives the same way: 303 after a successful post, no-store for pages
with personal data or a form token, and "busy, nothing was saved" when the database refuses."""

import logging

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse

logger = logging.getLogger("portal")


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def redirect_303(url):
    """After a successful POST: the browser GETs ``url``, and a reload does not post again."""
    return HttpResponseSeeOther(url)


def no_store(response):
    """Neither the browser nor any cache in between keeps this response (forms with a CSRF
    token, private links, personal data)."""
    response["Cache-Control"] = "private, no-store"
    return response


BUSY_MESSAGE_TEMPLATE = "components/busy_notice.html"


def busy_response(request, template, context, *, retry_after=5):
    """The database refused a write for a moment (SQLite locked by another writer, a lost
    connection): nothing was stored, so the form is shown again with what was typed, a notice
    saying so, status 503 and ``Retry-After``. ``template`` is the page that shows the form and
    includes ``components/busy_notice.html`` where ``busy`` is true."""
    logger.warning("Write refused by the database: %s", request.path, exc_info=True)
    response = TemplateResponse(request, template, {**context, "busy": True}, status=503)
    response["Retry-After"] = str(retry_after)
    return no_store(response)
