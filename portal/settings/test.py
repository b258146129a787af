"""Fast, deterministic settings for the test suite."""

import os
import tempfile

os.environ.setdefault("PORTAL_IGNORE_DOTENV", "1")

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-9f8e7d6c5b4a39281706f5e4d3c2b1a0")
os.environ["DEBUG"] = "false"

from .base import *  # noqa: E402,F403

# Weak hashing makes creating test users fast; never used outside tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests assert on mail.outbox: the outbox (EMAIL_BACKEND from base) delivers to locmem after
# the commit; wrap a request in django_capture_on_commit_callbacks(execute=True) to see it.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, in the test's process, when enqueued (after the commit).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Forms are posted at once by tests; tests of the minimum fill time override this.
PUBLIC_FORM_MIN_FILL_SECONDS = 0
# Each test run has its own cache so nothing leaks between runs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# No manifest: tests must not depend on collectstatic having run.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Uploaded files go to a throw-away folder, never into var/media of the developer.
MEDIA_ROOT = tempfile.mkdtemp(prefix="bot-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="bot-private-")
# Tests request a page, change something and request it again, often to count queries: the
# page cache is off here and on in the tests of the cache (tests/portal/test_pagecache.py,
# test_query_counts.py), which set PAGE_CACHE_ENABLED themselves.
PAGE_CACHE_ENABLED = False
# Shared navigation follows the page cache here: a test's rolled-back pages must not be read
# by the next test from a generation nobody bumped.
NAVIGATION_CACHE_ENABLED = None
# The page cache's generation file of this run (each test worker has its own).
PAGE_CACHE_GENERATION_FILE = os.path.join(tempfile.mkdtemp(prefix="bot-pagecache-"), "generation")
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = BASE_URL
# Static files come from the finders, so tests need no collectstatic (and whitenoise does not
# warn about a missing STATIC_ROOT).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# --- Security and reliability (issue 10) -----------------------------------------------------
# django-axes needs the request in authenticate(), which the test client's login() does not
# pass: the lock-out is off in tests except where a test turns it on (tests/portal/test_abuse.py).
AXES_ENABLED = False
# --- end security and reliability ---
