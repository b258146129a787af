"""A page cache for anonymous visitors, and the HTTP caching headers of every response.

``PageCacheMiddleware`` stores what an anonymous GET of a public address answered (a page,
a feed, the sitemap, an ``.ics`` file, the partners API) in the configured Django cache — local
memory by default, Redis when ``REDIS_URL`` is set — and answers the next request for the same
address from there without touching the database. It sits before the session middleware, so a
hit runs no session, CSRF, authentication or view code at all.

Key: scheme, host, path, sorted query string and language, under the current *generation*
(portal/cache_generation.py), which any change to what a page may show replaces.
A time-based limit (``PAGE_CACHE_SECONDS``) bounds what depends on the clock alone (a call that
closes, an event that becomes past); search pages, whose index is updated by a background task
after the change, keep ``PAGE_CACHE_SHORT_SECONDS``.

Never stored, and answered ``Cache-Control: private, no-store`` unless the view chose its own
header:

- requests other than GET/HEAD, with a session or messages cookie (a signed-in editor, a
  visitor with a draft or a password-protected page open), with ``Authorization``;
- the admin, documents (their privacy is checked per request), the member space;
- responses that set a cookie, used a CSRF token (a form), carry queued messages, are
  ``private``/``no-store``/``no-cache`` already, are previews, are streamed, carry a CSP nonce,
  or have a status other than 200, 301 and 404.

Cacheable answers get ``Cache-Control: public, max-age, s-maxage, stale-while-revalidate``, a
weak ``ETag`` (a hash of the content, so it survives a generation change when the page did not
change) and ``Last-Modified``, with 304 for a matching ``If-None-Match``/``If-Modified-Since``;
they are gzip-compressed once, when stored. Only these are compressed: a page with a CSRF token
or other secret never is (BREACH).
"""

import gzip
import hashlib
import logging
import re
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.checks import Warning as CheckWarning
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.translation import get_language_from_path, get_language_from_request

from portal import cache_generation as generation

logger = logging.getLogger("portal")

DEFAULT_EXCLUDE = [
    r"^/admin/",
    r"^/django-admin/",
    r"^/documents/",
    r"^/healthz",
    r"^/[a-z]{2}(?:-[a-z]+)?/account/",
]

CACHEABLE_STATUS = {200, 301, 404}
COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|rss\+xml|atom\+xml|ld\+json))")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Headers recomputed on every answer from the cache, never stored.
NOT_STORED = {
    "set-cookie",
    "content-length",
    "content-encoding",
    "vary",
    "cache-control",
    "etag",
    "last-modified",
    "expires",
    "date",
    "age",
}
MAX_QUERY_LENGTH = 1000


def option(name, default):
    return getattr(settings, name, default)


def _setting_changed(setting, **kwargs):
    global _exclude
    if setting == "PAGE_CACHE_EXCLUDE":
        _exclude = None


def connect_signals():
    """Called from PortalConfig.ready(): the generation's receivers (by model labels only, so
    portal imports no feature app) and this module's own setting reset."""
    from django.core.signals import setting_changed

    generation.connect_signals()
    setting_changed.connect(_setting_changed, dispatch_uid="pagecache-settings")


def check_models(app_configs=None, **kwargs):
    """A model renamed or moved by a refactoring must not silently stop invalidating pages."""
    problems = []
    labels = [
        *option("PAGE_CACHE_MODELS", generation.DEFAULT_MODELS),
        *option("PAGE_CACHE_SHORT_PAGE_TYPES", SHORT_PAGE_TYPES),
    ]
    for label in labels:
        try:
            apps.get_model(label)
        except (LookupError, ValueError):
            problems.append(
                CheckWarning(
                    f"The page cache names {label!r}, which is not an installed model: "
                    "what replaced it would not refresh (or shorten) cached pages.",
                    id="portal.W101",
                )
            )
    return problems


# Requests and responses -------------------------------------------------------------------------

_exclude = None


def excluded(path):
    global _exclude
    if _exclude is None:
        _exclude = re.compile("|".join(option("PAGE_CACHE_EXCLUDE", DEFAULT_EXCLUDE)))
    return bool(_exclude.search(path))


def request_is_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies:
        return False
    if option("MESSAGE_COOKIE_NAME", "messages") in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    return not excluded(request.path)


def cache_key(request, generation) -> str:
    language = get_language_from_path(request.path_info)
    if not language:
        language = get_language_from_request(request)
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    raw = "\n".join((request.scheme, request.get_host(), request.path, query, language))
    digest = hashlib.blake2b(raw.encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()
    return f"pagecache:{generation}:{digest}"


def mark_short(request):
    """Give this request's answer the short lifetime (search results: their index is updated
    by a background task after the change)."""
    request._page_cache_short = True


def short_cache(view):
    """View decorator: cache this view's answers only ``PAGE_CACHE_SHORT_SECONDS``."""
    from functools import wraps

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        mark_short(request)
        return view(request, *args, **kwargs)

    return wrapper


SHORT_PAGE_TYPES = ["portal_search.SearchPage", "portal_search.PartnerSearchPage"]
SHORT_URL_NAMES = ["partners_api"]


def before_serve_page(page, request, serve_args, serve_kwargs):
    """Wagtail hook: search pages (and their routes) keep the short lifetime."""
    if page.specific_class._meta.label in option("PAGE_CACHE_SHORT_PAGE_TYPES", SHORT_PAGE_TYPES):
        mark_short(request)


def response_ttl(request, response):
    """Seconds to keep this answer, or None when it must not be stored."""
    if response.status_code not in CACHEABLE_STATUS or response.streaming:
        return None
    if response.cookies or response.has_header("Set-Cookie"):
        return None
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return None  # a form with a CSRF token was rendered: one visitor's secret
    if getattr(request, "is_preview", False):
        return None
    storage = getattr(request, "_messages", None)
    if storage is not None and getattr(storage, "_queued_messages", None):
        return None
    control = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part
    }
    if control & {"private", "no-store", "no-cache"}:
        return None
    for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
        if "'nonce-" in response.get(header, ""):
            logger.warning("Not cached: %s carries a CSP nonce", request.path)
            return None
    if getattr(request, "_page_cache_short", False) or response.status_code != 200:
        return option("PAGE_CACHE_SHORT_SECONDS", 60)
    return option("PAGE_CACHE_SECONDS", 600)


def make_entry(response, ttl) -> dict:
    body = response.content
    content_type = response.get("Content-Type", "")
    vary = [
        value
        for value in cc_delim_re.split(response.get("Vary", ""))
        if value and value.lower() not in ("cookie", "accept-encoding")
    ]
    compressed = None
    if response.status_code == 200 and len(body) >= 200 and COMPRESSIBLE.match(content_type):
        candidate = gzip.compress(body, compresslevel=6, mtime=0)
        if len(candidate) < len(body):
            compressed = candidate
            vary.append("Accept-Encoding")
    return {
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED],
        "vary": vary,
        "body": body,
        "gzip": compressed,
        "etag": f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"',
        "stored": time.time(),
        "ttl": ttl,
    }


def _cache_control(entry) -> str:
    ttl = entry["ttl"]
    browser = min(option("PAGE_CACHE_BROWSER_SECONDS", 60), ttl)
    stale = option("PAGE_CACHE_STALE_SECONDS", 60)
    return f"public, max-age={browser}, s-maxage={ttl}, stale-while-revalidate={stale}"


def _not_modified(request, entry) -> bool:
    if entry["status"] != 200:
        return False
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        if if_none_match.strip() == "*":
            return True
        ours = entry["etag"].removeprefix("W/")
        return any(tag.removeprefix("W/") == ours for tag in parse_etags(if_none_match))
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and int(entry["stored"]) <= since


def answer_from_entry(request, entry, hit) -> HttpResponse:
    if _not_modified(request, entry):
        response = HttpResponseNotModified()
    else:
        body = entry["body"]
        accepts = ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        response = HttpResponse(status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        if entry["gzip"] is not None and accepts:
            body = entry["gzip"]
            response["Content-Encoding"] = "gzip"
        response.content = body
        response["Content-Length"] = str(len(body))
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["stored"])
    response["Cache-Control"] = _cache_control(entry)
    if entry["vary"]:
        response["Vary"] = ", ".join(entry["vary"])
    age = max(0, int(time.time() - entry["stored"]))
    if age:
        response["Age"] = str(age)
    response["X-Page-Cache"] = "hit" if hit else "miss"
    return response


def finish_uncached(request, response):
    """Everything not answered from or stored in the page cache is private, unless the view
    said otherwise (public media files keep what the file server gives them)."""
    if response.has_header("Cache-Control"):
        return response
    if request.path.startswith(settings.MEDIA_URL):
        return response
    patch_cache_control(response, private=True, no_store=True)
    return response


class PageCacheMiddleware:
    """Place it after WhiteNoise and before SessionMiddleware (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not generation.enabled() or not request_is_cacheable(request):
            return finish_uncached(request, self.get_response(request))
        request.get_host()  # an unknown host is refused (400) before the cache is asked
        try:
            key = cache_key(request, generation.current_generation())
            entry = cache.get(key)
        except Exception:  # the cache server is down: render, as without a cache
            logger.exception("Page cache unavailable")
            key, entry = None, None
        if entry is not None:
            return answer_from_entry(request, entry, hit=True)
        response = self.get_response(request)
        ttl = response_ttl(request, response)
        if ttl is None:
            return finish_uncached(request, response)
        entry = make_entry(response, ttl)
        if request.method == "GET" and key is not None:
            try:
                cache.set(key, entry, ttl)
            except Exception:
                logger.exception("Page cache unavailable")
        return answer_from_entry(request, entry, hit=False)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Views named in PAGE_CACHE_SHORT_URL_NAMES (the partners API) keep the short
        lifetime, like the search pages."""
        match = request.resolver_match
        if match and match.url_name in option("PAGE_CACHE_SHORT_URL_NAMES", SHORT_URL_NAMES):
            mark_short(request)
