"""A per-address rate limit for the public forms (registration, contact relay, applications),
counted in Django's default cache, so that every worker process counts together when the cache
is shared: production with more than one worker needs REDIS_URL (the local-memory cache of the
default set-up counts per process). The address is the client's behind the configured number
of trusted proxies (portal.security.client_address, TRUSTED_PROXY_COUNT).

The count is approximate in a cache's edge cases (a key expiring between ``add`` and
``incr``); that is acceptable for slowing a script down, which is the point. With Redis down,
the cache ignores errors and the limit lets posts through rather than failing them."""

import hashlib

from django.core.cache import cache

from portal.security import client_address

__all__ = ["allow", "allow_key", "client_address", "cache_key"]


def cache_key(request, scope):
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def allow(request, scope, limit, period):
    """True while this address has made fewer than ``limit`` attempts in ``period`` seconds;
    each call counts as one attempt."""
    return allow_key(cache_key(request, scope), limit, period)


def allow_key(key, limit, period):
    """``allow`` for a key of the caller's (a signed-in member's account, say)."""
    if cache.add(key, 1, period):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, period)
        return True
    if count is None:  # the cache is down (django-redis ignores the error): let it through
        return True
    return count <= limit
