"""Settings of the HTTP benchmark (bench/http_bench.py): the production settings with a
bench-only URLconf that adds a bare view as the ceiling. Never used by the product."""

from portal.pagecache import DEFAULT_EXCLUDE
from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# The bare view is the ceiling: it must never be answered by the page cache.
PAGE_CACHE_EXCLUDE = [*DEFAULT_EXCLUDE, r"^/bench/"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
