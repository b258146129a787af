"""The event filter object, without a database."""

import datetime
import zoneinfo

import pytest
from django.http import QueryDict

from stories.filters import EventFilters, month_bounds, parse_month


def test_parses_round_trips_and_drops_one():
    filters = EventFilters.from_query(QueryDict("country=de&format=hybrid&month=2025-11"))
    assert (filters.country, filters.format, filters.month) == ("DE", "hybrid", "2025-11")
    assert EventFilters.from_query(QueryDict(filters.urlencode())) == filters
    assert filters.without("month") == EventFilters(country="DE", format="hybrid")


@pytest.mark.parametrize(
    "month", ["2025-13", "2025-00", "25-11", "2025/11", "1899-01", "99999-01", "2025-1", "x"]
)
def test_malformed_months_are_ignored(month):
    assert parse_month(month) is None
    assert EventFilters.from_query({"month": month}).ignored == ("month",)


def test_unknown_country_and_format_are_ignored():
    assert EventFilters.from_query({"country": "XX", "format": "pigeon"}).ignored == (
        "country",
        "format",
    )


def test_month_bounds_cover_the_whole_month_including_december():
    tz = zoneinfo.ZoneInfo("Europe/Brussels")
    start, end = month_bounds("2025-12", tz)
    assert start == datetime.datetime(2025, 12, 1, tzinfo=tz)
    assert end == datetime.datetime(2026, 1, 1, tzinfo=tz)


def test_programme_is_checked_against_the_slugs_that_exist():
    known = {"programmes": {"sun4ukraine"}}
    filters = EventFilters.from_query(QueryDict("programme=sun4ukraine&format=online"), **known)
    assert (filters.programme, filters.ignored) == ("sun4ukraine", ())
    assert EventFilters.from_query(QueryDict(filters.urlencode()), **known) == filters
    assert EventFilters.from_query({"programme": "nope"}, **known).ignored == ("programme",)
    assert EventFilters.from_query({"programme": "sun4ukraine"}).ignored == ("programme",)
