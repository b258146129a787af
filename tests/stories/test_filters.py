"""The story filter object, without a database: parsing, round trips and bad input."""

from django.http import QueryDict

from stories.filters import StoryFilters, parse_tag


def test_parses_known_values_and_round_trips_through_the_url():
    filters = StoryFilters.from_query(QueryDict("kind=news&country=lt&tag=Humanitarian+Aid"))
    assert (filters.kind, filters.country, filters.tag) == ("news", "LT", "humanitarian-aid")
    assert filters.ignored == ()
    assert filters.urlencode() == "kind=news&tag=humanitarian-aid&country=LT"
    assert StoryFilters.from_query(QueryDict(filters.urlencode())) == filters


def test_without_drops_one_filter_and_is_immutable():
    filters = StoryFilters(kind="news", country="UA")
    assert filters.without("kind") == StoryFilters(country="UA")
    assert filters.kind == "news"
    assert StoryFilters().is_active is False


def test_unknown_names_are_dropped_and_impossible_values_ignored():
    filters = StoryFilters.from_query(
        QueryDict("kind=poem&country=XX&_connector=OR&tag=" + "x" * 101)
    )
    assert set(filters.ignored) == {"kind", "country", "tag"}
    assert filters.is_active is False


def test_tags_fold_cyrillic_in_python():
    assert parse_tag("Літня Школа") == "літня-школа"
    assert parse_tag("  ") is None
    assert parse_tag("a\x00b") is None
    assert parse_tag("!!!") is None


def test_sector_and_programme_are_checked_against_the_slugs_that_exist():
    known = {"sectors": {"social", "water"}, "programmes": {"bot-pilot"}}
    filters = StoryFilters.from_query(QueryDict("sector=social&programme=bot-pilot"), **known)
    assert (filters.sector, filters.programme, filters.ignored) == ("social", "bot-pilot", ())
    assert StoryFilters.from_query(QueryDict(filters.urlencode()), **known) == filters
    filters = StoryFilters.from_query(QueryDict("sector=Social&programme=x%00"), **known)
    assert set(filters.ignored) == {"sector", "programme"}
    assert filters.is_active is False
    # Without the slugs that exist, no value can be accepted.
    assert StoryFilters.from_query(QueryDict("sector=social")).ignored == ("sector",)
