"""The cache and the page cache (issue 13), imported at the end of base.py."""

from . import env
from .base import INSTALLED_APPS, VAR_DIR


# --- Security and reliability (issue 10): the cache degrades, it never fails a page ----------
# With REDIS_URL, django-redis with DJANGO_REDIS_IGNORE_EXCEPTIONS: a Redis that is down is a
# cache miss (logged on the "portal.cache" logger), so pages get slower, never broken. The rate
# limits count in this cache: with several workers it must be shared (Redis). Login lock-outs
# (django-axes) count in the database.
def redis_cache(url: str) -> dict:
    """The cache settings for a Redis at ``url`` (tests use it with their own redis-server)."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "bot",
        "OPTIONS": {
            # A stopped Redis answers "connection refused" at once; a hung one within 0.5 s.
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


if env.get_str("REDIS_URL"):
    CACHES = {"default": redis_cache(env.get_str("REDIS_URL"))}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "portal.cache"
# --- end security and reliability ---


# Page cache and HTTP caching (portal/pagecache.py) ---------------------------------------------
# Anonymous GETs of public pages are stored in CACHES["default"] and served until a page or a
# shown snippet changes; these bound what depends on the clock alone (a call closing).
PAGE_CACHE_ENABLED = env.get_bool("PAGE_CACHE")
PAGE_CACHE_SECONDS = 600  # stored pages; s-maxage for Varnish/CDN (purged on change anyway)
PAGE_CACHE_SHORT_SECONDS = 60  # search and partner search results, 301/404 answers
PAGE_CACHE_BROWSER_SECONDS = 60  # max-age: a browser cannot be purged
PAGE_CACHE_STALE_SECONDS = 60  # stale-while-revalidate
PAGE_CACHE_GENERATION_FILE = VAR_DIR / "pagecache-generation"  # shared by local-memory workers
# The header's navigation, the footer's settings, the language switcher's alternates and the
# hero's button are read once per content generation whether or not whole pages are cached
# (portal/templatetags/navigation_tags.py): a page rendered for a signed-in member or with
# PAGE_CACHE=false reads them from the cache too. None: follow PAGE_CACHE_ENABLED.
NAVIGATION_CACHE_ENABLED = True
# Varnish in front (deploy/varnish/default.vcl): Wagtail purges a published page's URLs and the
# page cache bans everything on any other change. Off when FRONTEND_CACHE_URL is empty.
FRONTEND_CACHE_URL = env.get_str("FRONTEND_CACHE_URL")
if FRONTEND_CACHE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
