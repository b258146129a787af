"""The portal's search backend (portal/search_backend/): on SQLite the relevance of every
result comes from one full-text query instead of one per row, with the library's own scores
and order; on other databases it is the library's backend itself."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends.database import SearchBackend as library_backend
from wagtail.search.backends import get_search_backend

from community.models import Municipality
from portal import search_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(directory):
    call_command("seed_directory", count=300, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_portal_uses_it_and_it_is_the_library_elsewhere():
    backend = get_search_backend()
    library = library_backend({})
    if connection.vendor == "sqlite":
        from portal.search_backend import sqlite

        assert type(backend) is sqlite.SQLiteSearchBackend
        assert isinstance(backend, type(library))
    else:
        assert type(backend) is type(library)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the change is SQLite's only")
@pytest.mark.parametrize("words", ["b", "ber", "kyiv", "dol", "a"])
def test_same_results_scores_and_order_as_the_library(generated, words):
    ours, library = search_backend.SearchBackend({}), library_backend({})
    queryset = Municipality.objects.filter(live=True)
    for kind in ("autocomplete", "search"):
        mine = getattr(ours, kind)(words, queryset, operator="and").annotate_score("s")
        theirs = getattr(library, kind)(words, queryset, operator="and").annotate_score("s")
        expected = [(m.pk, m.s) for m in theirs[:500]]
        assert [(m.pk, m.s) for m in mine[:500]] == expected
        assert mine.count() == theirs.count()
        # Narrowed by filters, paged, and as a subquery of another query.
        narrowed = queryset.filter(country="DE", open_to_partners=True)
        mine = getattr(ours, kind)(words, narrowed, operator="and")
        theirs = getattr(library, kind)(words, narrowed, operator="and")
        assert [m.pk for m in mine[5:25]] == [m.pk for m in theirs[5:25]]
        within = Municipality.objects.filter(pk__in=mine.get_queryset().values("pk"))
        assert within.count() == theirs.count()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the change is SQLite's only")
def test_the_full_text_query_runs_once_per_search_not_once_per_row(generated):
    """The library's score subquery names the FTS table once per row it scores; ours keeps
    it in a materialised CTE. SQLite's plan says so: one MATERIALIZE, no correlated scan of
    the FTS table per result."""
    results = search_backend.SearchBackend({}).autocomplete(
        "b", Municipality.objects.filter(live=True)
    )
    sql, params = results.get_queryset().query.sql_with_params()
    assert "AS MATERIALIZED" in sql
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)  # noqa: S608
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "MATERIALIZE scores" in plan
    with CaptureQueriesContext(connection) as queries:
        list(results[:20])
    assert len(queries) == 1
