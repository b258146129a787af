"""Settings for the benchmark's gunicorn: the dev settings, quiet, with no rate limit (every
request comes from 127.0.0.1) and emails kept in memory instead of printed."""

from portal.settings.dev import *  # noqa: F403

DEBUG = False
CALLS_RATE_LIMIT = (10**9, 60)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
