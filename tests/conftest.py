"""Shared fixtures: a two-language site tree that every page test builds on."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from portal.factories import build_language_tree, ensure_wagtail_root


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def homes(db):
    """{"en": HomePage, "uk": HomePage}: translations of each other, the default site's root."""
    ensure_wagtail_root()
    return build_language_tree()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The whole demo site (seed_demo), built once per test module inside a transaction that
    is rolled back afterwards; each test still runs in its own savepoint."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", "--no-accounts", verbosity=0)
        except BaseException:
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def live_demo_site(transactional_db):
    """The demo site committed for real, for tests that a live server (another thread and
    connection) must see."""
    ensure_wagtail_root()
    call_command("seed_demo", "--no-accounts", verbosity=0)


from tests.browser import browser_page, chromium  # noqa: E402,F401  (fixtures for browser tests)
