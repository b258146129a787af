"""A per-address rate limit for the public forms (registration, contact relay, applications),
counted in Django's cache. With several workers the cache must be shared (REDIS_URL).

The count is approximate in a cache's edge cases (a key expiring between ``add`` and
``incr``); that is acceptable for slowing a script down, which is the point."""

import hashlib

from django.core.cache import cache


def client_address(request):
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites
    # it, and trusting it would let a spammer pick a new address for every post.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, scope, limit, period):
    """True while this address has made fewer than ``limit`` attempts in ``period`` seconds;
    each call counts as one attempt."""
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}"
    if cache.add(key, 1, period):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, period)
        return True
    return count <= limit
