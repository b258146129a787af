"""Shared fixtures: a two-language site tree that every page test builds on, the demo site,
and what keeps the suite fast as it grows without changing what a test sees.

- `homes` and `demo_site` are *layers*: each is built once inside a transaction that stays
  open while the tests asking for it run (each test in its own savepoint, rolled back after
  it), and is rolled back before any test that did not ask for it, which therefore never sees
  it. Tests are ordered so that those asking for the same layer run one after another, so a
  layer is built about once per run and worker. A transactional test (live server, threads)
  builds what it asks for itself and commits it, as before: the layers are closed for it.
- The test database is reused between runs where that is safe (tests/database.py).
- Under pytest-xdist (`make test`, `-n 2`), xdist's default `--dist load` hands each worker runs
  of consecutive tests, so this order also keeps the demo-site tests on one worker (one build of
  the demo) and the browser tests together (usually one Chromium). (`--dist loadgroup` would say
  so explicitly, but with pytest 9.2 it silently stops grouping: pytest-xdist issue #1386.)

The order of the whole run stays Django's (pytest-django's): tests in a transaction first,
transactional tests after them, tests without the database last."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from pytest_django.plugin import validate_django_db
from wagtail.models import Page

from portal.factories import build_language_tree, ensure_wagtail_root
from tests.database import ReusedDatabase

# Layers --------------------------------------------------------------------------------------

HOMES = "homes"
DEMO = "demo site"


def is_transactional(item):
    """True for tests that commit for real (pytest-django's rule)."""
    marker = item.get_closest_marker("django_db")
    if marker:
        transactional, reset_sequences, *_rest = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    names = getattr(item, "fixturenames", ())
    return any(
        name in names for name in ("transactional_db", "live_server", "django_db_reset_sequences")
    )


def layer_for(item):
    names = getattr(item, "fixturenames", ())
    if is_transactional(item):
        return None
    if "demo_site" in names:
        return DEMO
    if "homes" in names:
        return HOMES
    return None


class Layers:
    """The layer open on the test database (at most one), in a transaction of its own."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.current = None
        self.home_pks = {}
        self.builds = {HOMES: 0, DEMO: 0}
        self._atomic = None

    def switch_to(self, name):
        if name != self.current:
            self.close()
            if name is not None:
                self.open(name)

    def open(self, name):
        with self.blocker.unblock():
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            try:
                ensure_wagtail_root()  # an earlier transactional test's flush removes it
                if name == HOMES:
                    homes = build_language_tree()
                    self.home_pks = {code: page.pk for code, page in homes.items()}
                else:
                    call_command("seed_demo", "--no-accounts", verbosity=0)
            except BaseException:
                self._rollback()
                raise
        self.current = name
        self.builds[name] += 1

    def close(self):
        if self._atomic is not None:
            with self.blocker.unblock():
                self._rollback()
        self.current = None
        self.home_pks = {}

    def _rollback(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)
        self._atomic = None


_layers = None  # the session's Layers, once a test has asked for one
_wanted = None  # the layer the test being set up asks for


@pytest.fixture(scope="session")
def _db_layers(django_db_setup, django_db_blocker):
    """Session-scoped so that it is set up before the test's own transaction (pytest sets up
    wider scopes first); pytest_runtest_setup switches the layer for every later test."""
    global _layers
    _layers = Layers(django_db_blocker)
    try:
        _layers.switch_to(_wanted)
        yield _layers
    finally:
        _layers.close()
        _layers = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    global _wanted
    _wanted = layer_for(item)
    if _layers is not None:
        _layers.switch_to(_wanted)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Tests of the same layer one after another, the browser tests together at the start of the
    transactional ones; pytest-django's stable sort (after this hook) then puts the
    transactional tests after the others and those without the database last."""
    rank = {DEMO: 1, HOMES: 2, None: 3}

    def key(item):
        if item.get_closest_marker("browser"):
            return (0, 0 if uses_live_demo(item) else 1)  # those on the live demo together
        return (rank[layer_for(item)], 0)

    items.sort(key=key)


# Fixtures ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a test (or a view it calls without the
    middleware) that activates Ukrainian must not decide the language of the next test on the
    same worker."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def homes(db, _db_layers):
    """{"en": HomePage, "uk": HomePage}: translations of each other, the default site's root."""
    if _db_layers.current == HOMES:
        # Fresh instances: a test may change the ones it gets.
        return {code: Page.objects.get(pk=pk).specific for code, pk in _db_layers.home_pks.items()}
    ensure_wagtail_root()
    return build_language_tree()


@pytest.fixture
def demo_site(db, _db_layers):
    """The whole demo site (seed_demo, without the demo accounts), built once for the tests that
    ask for it; each test runs in its own savepoint, rolled back after it."""
    if _db_layers.current != DEMO:  # asked for late (request.getfixturevalue) or transactional
        ensure_wagtail_root()
        call_command("seed_demo", "--no-accounts", verbosity=0)


@pytest.fixture
def live_demo_site(transactional_db):
    """The demo site committed for real, for tests that a live server (another thread and
    connection) must see. Built once for a run of consecutive tests asking for it (they are
    ordered together): the flush after each transactional test is skipped while the next test
    also asks for it, so they read the same committed demo (they only read, or add rows no
    other test counts)."""
    if not _live_demo["built"]:
        ensure_wagtail_root()
        call_command("seed_demo", "--no-accounts", verbosity=0)
        _live_demo["built"] = True


_live_demo = {"built": False, "keep": False}


def uses_live_demo(item):
    return item is not None and "live_demo_site" in getattr(item, "fixturenames", ())


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    # Before the fixtures' teardown (pytest-django's flush) runs.
    _live_demo["keep"] = uses_live_demo(item) and uses_live_demo(nextitem)


@pytest.fixture(scope="session", autouse=True)
def _keep_the_live_demo_between_its_tests():
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown

    def teardown(self):
        if _live_demo["keep"]:
            return
        _live_demo["built"] = False
        flush(self)

    TransactionTestCase._fixture_teardown = teardown
    yield
    TransactionTestCase._fixture_teardown = flush


# The test database ---------------------------------------------------------------------------

_database = None


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, django_db_blocker, request
):
    """Before the test database is set up: reuse it, or decide to build it (tests/database.py)."""
    global _database
    _database = ReusedDatabase(
        reuse=request.config.getvalue("reuse_db"), create=request.config.getvalue("create_db")
    )
    with django_db_blocker.unblock():
        _database.prepare()


@pytest.fixture(scope="session")
def django_db_createdb(request, django_db_modify_db_settings):
    return request.config.getvalue("create_db") or bool(_database and _database.create)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _database.finish_setup()
    yield


from tests.browser import browser_page, chromium  # noqa: E402,F401  (fixtures for browser tests)
