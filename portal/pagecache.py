"""A page cache for anonymous visitors, and the HTTP caching headers of every response.

``PageCacheMiddleware`` stores what an anonymous GET of a public address answered (a page,
a feed, the sitemap, an ``.ics`` file, the partners API) in the configured Django cache — local
memory by default, Redis when ``REDIS_URL`` is set — and answers the next request for the same
address from there without touching the database. It sits before the session middleware, so a
hit runs no session, CSRF, authentication or view code at all.

Key: scheme, host, path, sorted query string and language. Entries live under a *generation*:
any change to what a page may show (a page published, unpublished, moved or deleted; a shown
snippet, a site setting, a redirect, an image saved or deleted) replaces the generation, so the
next request renders again. The generation lives where every worker sees it: in the cache when
the cache is shared (Redis), in a small file when each process has its own local-memory cache.
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
import os
import re
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Warning as CheckWarning
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.translation import get_language_from_path, get_language_from_request

logger = logging.getLogger("portal")

GENERATION_KEY = "pagecache:generation"

# Models whose rows pages show, by label, besides every page type, every snippet and every
# site setting (found at run time). Child rows saved with their parent (sectors offered, joint
# projects) are listed so that a change saved without the parent still counts.
DEFAULT_MODELS = [
    "community.Municipality",
    "community.SectorOffer",
    "community.SectorNeed",
    "community.Partnership",
    "community.JointProject",
    "community.Sector",
    "community.Programme",
    "community.NationalAssociation",
    "community.PartnerOrganisation",
    "community.Language",
    "portal.SiteSettings",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailredirects.Redirect",
    "wagtailsearchpromotions.Query",
    "wagtailsearchpromotions.SearchPromotion",
    "taggit.Tag",
]

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


def enabled():
    return option("PAGE_CACHE_ENABLED", True)


# The generation ---------------------------------------------------------------------------------


def _cache_is_per_process():
    return isinstance(caches["default"], LocMemCache | DummyCache)


def _generation_file() -> Path:
    return Path(option("PAGE_CACHE_GENERATION_FILE", settings.BASE_DIR / "var" / "pagecache"))


def current_generation() -> str:
    """The token under which entries are valid now. Shared by every worker: in the cache when
    the cache is shared, else in a file (local memory is one per process)."""
    if not _cache_is_per_process():
        value = cache.get(GENERATION_KEY)
        if value is None:
            # Never fall back to a fixed value: entries of an evicted generation could be old.
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            value = cache.get(GENERATION_KEY)
        return value
    path = _generation_file()
    try:
        return path.read_text()
    except FileNotFoundError:
        return _write_generation(path)


def _write_generation(path: Path) -> str:
    value = uuid.uuid4().hex
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{value}")
    temporary.write_text(value)
    os.replace(temporary, path)  # atomic: a reader sees the old or the new value
    return value


def bump_generation():
    """Make every stored page stale (the next request renders it again). A cache server that
    cannot be reached must not stop an editor's publishing: it is logged, and stored pages
    expire with their lifetime at the latest."""
    try:
        if _cache_is_per_process():
            _write_generation(_generation_file())
        else:
            cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.exception("Could not start a new page cache generation")


def content_changed(**_kwargs):
    """Something a public page may show changed. Bump now (this process and every other stops
    serving what it stored) and again after the commit (a request that read the old rows
    between the two stored them under the first new generation), then ban the front-end cache
    (Varnish) when one is configured."""
    bump_generation()
    transaction.on_commit(_after_commit)


def _after_commit():
    bump_generation()
    ban_frontend_cache()


def ban_frontend_cache():
    """Ask the HTTP cache in front (``FRONTEND_CACHE_URL``, Varnish) to drop every object: a
    snippet shown on many pages changed, and Wagtail's own purge only names the page's URLs.
    deploy/varnish/default.vcl accepts BAN from the local machine only."""
    location = option("FRONTEND_CACHE_URL", "")
    if not location:
        return
    parts = urlsplit(location)
    if parts.scheme not in ("http", "https"):
        logger.error("FRONTEND_CACHE_URL must be an http(s) address, not %s", location)
        return
    request = Request(f"{parts.scheme}://{parts.netloc}/", method="BAN")  # noqa: S310
    try:
        with urlopen(request, timeout=3) as answer:  # noqa: S310 - our own configured address
            answer.read()
    except OSError as error:
        logger.error("Could not ban the front-end cache at %s: %s", location, error)


# What counts as a change ------------------------------------------------------------------------

_watched_labels = None


def watched_labels():
    """Labels of the models whose saves and deletes change public pages: the configured list,
    every snippet and every site setting. Computed once, when the first change arrives (all
    apps and their wagtail_hooks are loaded by then)."""
    global _watched_labels
    if _watched_labels is None:
        from wagtail.contrib.settings.registry import registry as settings_registry
        from wagtail.snippets.models import get_snippet_models

        labels = set(option("PAGE_CACHE_MODELS", DEFAULT_MODELS))
        labels.update(model._meta.label for model in get_snippet_models())
        labels.update(model._meta.label for model in settings_registry)
        _watched_labels = frozenset(labels)
    return _watched_labels


def _model_saved(sender, instance, **kwargs):
    from wagtail.models import Page

    if issubclass(sender, Page):
        # A page that is not live shows nothing (unpublishing sends page_unpublished); a live
        # page saved outside publishing (a script, a factory) may have changed.
        if instance.live:
            content_changed()
    elif sender._meta.label in watched_labels():
        content_changed()


def _model_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if issubclass(sender, Page) or sender._meta.label in watched_labels():
        content_changed()


def _setting_changed(setting, **kwargs):
    global _exclude, _watched_labels
    if setting == "PAGE_CACHE_EXCLUDE":
        _exclude = None
    elif setting == "PAGE_CACHE_MODELS":
        _watched_labels = None


def connect_signals():
    """Called from PortalConfig.ready(): by model labels only, so portal imports no feature
    app."""
    from django.core.signals import setting_changed
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    setting_changed.connect(_setting_changed, dispatch_uid="pagecache-settings")
    post_save.connect(_model_saved, dispatch_uid="pagecache-save")
    post_delete.connect(_model_deleted, dispatch_uid="pagecache-delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"pagecache-{id(signal)}")


def check_models(app_configs=None, **kwargs):
    """A model renamed or moved by a refactoring must not silently stop invalidating pages."""
    problems = []
    labels = [
        *option("PAGE_CACHE_MODELS", DEFAULT_MODELS),
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
        if not enabled() or not request_is_cacheable(request):
            return finish_uncached(request, self.get_response(request))
        request.get_host()  # an unknown host is refused (400) before the cache is asked
        try:
            key = cache_key(request, current_generation())
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
