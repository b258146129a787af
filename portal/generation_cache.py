"""Values read once per *content generation* (portal/cache_generation.py) and shared by every
request and worker through the cache: the header's navigation, the footer's settings, the
routes of pages (portal/routing.py). Any change to what a page may show starts a new generation,
so a shared value is never older than the content it was read from. Within a request each value
is computed at most once (kept on the request)."""

from django.conf import settings
from django.core.cache import cache

_MISSING = object()
# An upper bound only: a change of pages or settings starts a new generation at once.
SHARED_SECONDS = 3600


def memo(request):
    """What this request has read already (a dict kept on the request)."""
    values = getattr(request, "_portal_navigation", None)
    if values is None:
        values = request._portal_navigation = {}
    return values


def sharing_enabled():
    """NAVIGATION_CACHE_ENABLED, or the page cache's switch when it is None (the tests, where
    rolled-back pages bump no generation)."""
    from portal import cache_generation

    sharing = getattr(settings, "NAVIGATION_CACHE_ENABLED", True)
    return cache_generation.enabled() if sharing is None else sharing


def generation(request):
    """The content generation this request reads under (read once per request)."""
    from portal import cache_generation

    values = memo(request)
    if "generation" not in values:
        values["generation"] = cache_generation.current_generation()
    return values["generation"]


def shared_key(request, name, key):
    return f"portal:nav:{generation(request)}:{name}:{key}"


def live_ancestors(request, page):
    """Live ancestors of the page below the tree's root, the language's home page first (the
    breadcrumbs and a page's own context share them)."""
    return shared(
        request,
        "ancestors",
        page.pk,
        lambda: list(page.get_ancestors().live().filter(depth__gte=2).order_by("depth")),
    )


def shared(request, name, key, compute):
    """``compute()`` once per request and once per content generation for all requests."""
    values = memo(request)
    if (name, key) in values:
        return values[(name, key)]
    if not sharing_enabled():
        values[(name, key)] = compute()
        return values[(name, key)]
    cache_key = shared_key(request, name, key)
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(cache_key, value, SHARED_SECONDS)
    values[(name, key)] = value
    return value
