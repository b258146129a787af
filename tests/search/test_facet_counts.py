"""Facet counts of the partner search: one statement over the matched set, the same answer as
the plain ORM on a few hundred generated municipalities, and (PostgreSQL) plans that follow the
filters instead of walking every sector offer."""

import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from community.factories import PartnershipFactory, ProgrammeFactory
from community.models import Municipality, Partnership
from search.facets import _facet_statement, facet_counts
from search.partners import (
    Vocabulary,
    apply_filters,
    live_municipalities,
    matching,
    parse_filters,
)

pytestmark = pytest.mark.django_db

CASES = [
    "",
    "country=PL",
    "country=UA&offers=water",
    "q=ber",
    "q=kyiv&country=UA&open=1",
    "language=uk&needs=energy&needs=culture",
    "programme=bridges-of-trust",
    "country=DE&country=FR&population=small&population=medium",
    "kind=city&association=auc",
]


@pytest.fixture
def generated(directory):
    """The small directory plus 300 municipalities from ``seed_directory`` and partnerships
    between some of them under two programmes."""
    call_command("seed_directory", count=300, stdout=open("/dev/null", "w"))  # noqa: SIM115
    seeded = Municipality.objects.filter(slug__startswith="geo-").order_by("pk")
    ukrainian = list(seeded.filter(country="UA")[:12])
    european = list(seeded.exclude(country="UA")[:12])
    programmes = [
        Partnership.objects.filter(programme__isnull=False).first().programme,
        ProgrammeFactory(name="Twin towns", slug="twin-towns"),
    ]
    for i, (ua, eu) in enumerate(zip(ukrainian, european, strict=True)):
        PartnershipFactory(
            ukrainian_municipality=ua, eu_municipality=eu, programme=programmes[i % 2]
        )
    # One more partner for a Ukrainian town: it still counts once per programme.
    PartnershipFactory(
        ukrainian_municipality=ukrainian[0], eu_municipality=european[3], programme=programmes[0]
    )
    return seeded


def orm_counts(ids, vocabulary):
    """The facet counts of the municipalities ``ids`` read the plain way: objects and their
    related rows, counted in Python."""
    towns = list(
        Municipality.objects.filter(pk__in=ids).prefetch_related(
            "offers__sector", "needs__sector", "working_languages", "national_association"
        )
    )
    slugs = vocabulary.association_slugs()
    counts = {
        "country": Counter(t.country for t in towns),
        "region": Counter(t.region for t in towns if t.region),
        "kind": Counter(t.kind for t in towns),
        "population": Counter(t.population_band for t in towns if t.population_band),
        "association": Counter(
            slugs[t.national_association_id] for t in towns if t.national_association_id
        ),
        "open": Counter("1" for t in towns if t.open_to_partners),
        "offers": Counter(s for t in towns for s in {o.sector.slug for o in t.offers.all()}),
        "needs": Counter(s for t in towns for s in {n.sector.slug for n in t.needs.all()}),
        "language": Counter(lang.code for t in towns for lang in t.working_languages.all()),
    }
    keys = {t.translation_key for t in towns}
    programmes = Counter()
    for side in ("ukrainian_municipality", "eu_municipality"):
        pairs = {
            (p.programme.slug, getattr(p, side).translation_key)
            for p in Partnership.objects.select_related("programme", side)
            if p.programme and getattr(p, side) and getattr(p, side).translation_key in keys
        }
        programmes.update(slug for slug, _key in pairs)
    counts["programme"] = programmes
    return {name: dict(counter) for name, counter in counts.items()}


def test_each_count_equals_the_plain_orm_answer(generated):
    """Every case on one generated directory (seeding it is most of the cost)."""
    locale = Locale.get_default()
    vocabulary = Vocabulary(locale)
    vocabulary.association_slugs()  # read once per request, with the filters
    for query in CASES:
        filters = parse_filters(QueryDict(query), locale, vocabulary)
        assert not filters.ignored, query
        results = matching(filters, locale, vocabulary)
        ids = [town.pk for town in results]
        with CaptureQueriesContext(connection) as queries:
            counts = facet_counts(results, vocabulary)
        # Every facet, single- and multi-valued, in one statement over the materialised matches.
        assert len(queries) == 1, query
        expected = orm_counts(ids, vocabulary)
        assert {name: counts[name] for name in expected} == expected, query
        if query == "":
            assert len(ids) > 300
            assert expected["programme"] == {"bridges-of-trust": 15, "twin-towns": 12}


def test_counts_without_the_backend_equal_the_backend_ones(generated):
    locale = Locale.get_default()
    vocabulary = Vocabulary(locale)
    filters = parse_filters(QueryDict("country=PL&offers=water"), locale, vocabulary)
    queryset = apply_filters(filters, live_municipalities(locale), vocabulary)
    results = matching(filters, locale, vocabulary)
    assert facet_counts(None, vocabulary, queryset=queryset) == facet_counts(results, vocabulary)


def test_a_request_counts_its_facets_in_one_query(client, generated):
    params = {"country": "PL", "offers": "water"}
    with CaptureQueriesContext(connection) as queries:
        data = client.get("/api/partners/", params).json()
    counting = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    # The facets in one statement and the paginator's count; before, eleven facet queries.
    assert len(counting) == 2
    assert sum("UNION ALL" in sql for sql in counting) == 1
    water = Municipality.objects.filter(live=True, country="PL", offers__sector__slug="water")
    assert data["count"] == water.distinct().count() > 0
    offers = next(facet for facet in data["facets"] if facet["name"] == "offers")
    shown = {option["value"]: option["count"] for option in offers["options"]}
    assert shown["water"] == data["count"]
    countries = next(facet for facet in data["facets"] if facet["name"] == "country")
    assert [(o["value"], o["count"]) for o in countries["options"]] == [("PL", data["count"])]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
def test_facet_plans_do_not_walk_every_sector_offer(directory):
    call_command("seed_directory", count=3000, stdout=open("/dev/null", "w"))  # noqa: SIM115
    for country in ("PL", "LU"):
        check_plans(country)


def check_plans(country):
    locale = Locale.get_default()
    vocabulary = Vocabulary(locale)

    def plan(query):
        filters = parse_filters(QueryDict(query), locale, vocabulary)
        results = matching(filters, locale, vocabulary)
        sql, params = _facet_statement(results.get_queryset(), connection)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())

    # A country filter: the counts read the matched rows only, never the sector or language
    # link tables.
    found = plan(f"country={country}")
    for table in (
        "community_sectoroffer",
        "community_sectorneed",
        "community_municipality_working_languages",
    ):
        assert table not in found, found
    # With a sector filter too, sector offers are read once (one scan node, whatever index it
    # uses), for the matched set, and not again by any of the eleven counts.
    found = plan(f"country={country}&offers=water")
    assert len(re.findall(r"on community_sectoroffer\b", found)) == 1, found
    assert "Seq Scan on community_sectoroffer" not in found or country == "PL", found
    assert "community_sectorneed" not in found, found


class _Hits:
    """Results as Elasticsearch / OpenSearch give them: hits to iterate and ``facet()``
    (booleans as 1 and 0), no queryset."""

    def __init__(self, queryset):
        self._queryset = queryset

    def __iter__(self):
        return iter(self._queryset)

    def facet(self, field_name):
        counts = Counter(self._queryset.values_list(field_name, flat=True))
        if field_name == "open_to_partners":
            return {int(value): n for value, n in counts.items()}
        return dict(counts)


def test_counts_from_a_search_cluster_equal_the_database_ones(generated):
    locale = Locale.get_default()
    vocabulary = Vocabulary(locale)
    filters = parse_filters(QueryDict("country=UA&needs=water"), locale, vocabulary)
    queryset = apply_filters(filters, live_municipalities(locale), vocabulary)
    results = matching(filters, locale, vocabulary)
    expected = facet_counts(results, vocabulary)
    assert expected["needs"]["water"] == queryset.count() > 0
    assert facet_counts(_Hits(queryset), vocabulary) == expected
