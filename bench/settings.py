"""Settings for the benchmark's gunicorn: the dev settings, quiet, with no rate limit (every
request comes from 127.0.0.1), emails kept in memory instead of printed, and no page cache:
the benchmarks measure what a request costs when it is rendered (a cached answer costs no
query and well under a millisecond, which says nothing about the search)."""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
PAGE_CACHE_ENABLED = False
CALLS_RATE_LIMIT = (10**9, 60)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
