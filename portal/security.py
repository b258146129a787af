"""Who is asking and how hard: the client's address behind trusted proxies, the login lock-out
page (django-axes), the Permissions-Policy header and a start-up check of the upload limits."""

import ipaddress

from django.conf import settings
from django.core import checks
from django.shortcuts import render
from django.utils.translation import gettext as _


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request):
    """The visitor's address. With ``TRUSTED_PROXY_COUNT`` = n > 0, the n-th entry from the
    right of X-Forwarded-For: every trusted proxy appends the address it was reached from, so
    entries further left were written by the client and prove nothing. With 0 (no proxy), or
    when the header has fewer entries than there are proxies (the request bypassed one), the
    connection's own address."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "unknown"
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [e for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if len(entries) < count:
        return remote
    return _valid(entries[-count]) or remote


def lockout_response(request, credentials=None, *args, **kwargs):
    """django-axes' answer once an account is locked for this address: a page in the site's
    layout that says what happened and when to try again (429)."""
    minutes = round(float(settings.AXES_COOLOFF_TIME or 0) * 60)
    response = render(
        request,
        "lockout.html",
        {"minutes": minutes, "title": _("Too many failed logins")},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "private, no-store"
    return response


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` (settings.PERMISSIONS_POLICY) on every response: the portal uses no
    camera, microphone, location, payment or sensor, and neither may anything it embeds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


@checks.register(checks.Tags.security)
def check_upload_limits(app_configs, **kwargs):
    """The request limit must let through every upload the portal accepts."""
    limit = settings.MAX_REQUEST_BODY_SIZE
    needed = {
        "DATA_UPLOAD_MAX_MEMORY_SIZE": settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0,
        "FILE_UPLOAD_MAX_MEMORY_SIZE": settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
        "CALLS_MAX_ATTACHMENTS × CALLS_MAX_ATTACHMENT_SIZE": settings.CALLS_MAX_ATTACHMENTS
        * settings.CALLS_MAX_ATTACHMENT_SIZE,
        "WAGTAILIMAGES_MAX_UPLOAD_SIZE": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
    }
    return [
        checks.Warning(
            f"MAX_REQUEST_BODY_SIZE ({limit} bytes, UPLOAD_MAX_REQUEST_MB) is smaller than "
            f"{name} ({value} bytes): such uploads would be refused with 413.",
            id="portal.W010",
        )
        for name, value in needed.items()
        if value > limit
    ]
