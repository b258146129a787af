"""Pure functions and the filter object, without a database."""

import pytest
from django.test import RequestFactory

from community.filters import DirectoryFilters
from community.text import fold_name
from portal.export import neutralise

ACCEPTED = {"countries": ["UA", "LT"], "regions": ["Sumy Oblast"], "sectors": ["water"]}


def filters_for(query):
    return DirectoryFilters.from_request(RequestFactory().get("/" + query), **ACCEPTED)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Київ", "Kyiv"), ("Šiauliai", "Siauliai"), ("Чернівці", "Chernivtsi"), ("Долина", "DOLYNA")],
)
def test_spellings_fold_together(a, b):
    assert fold_name(a) == fold_name(b) != ""


def test_different_names_stay_apart():
    assert fold_name("Kalush") != fold_name("Konotop")


@pytest.mark.parametrize("value", ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx"])
def test_formulas_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_plain_values_are_kept():
    assert neutralise("Dolyna") == "Dolyna" and neutralise(5) == 5


def test_filters_parse_known_values_and_note_unknown_ones():
    filters = filters_for("?country=UA&needs=water&population=<script>&kind=x&open=1&page=2&evil=1")
    assert filters.active == [("country", "UA"), ("needs", "water"), ("open", "1")]
    assert filters.ignored == ("kind", "population")
    assert filters.urlencode() == "country=UA&needs=water&open=1"
    assert filters.without("needs").urlencode() == "country=UA&open=1"


def test_filters_strip_nul_and_cap_length():
    assert filters_for("?country=U%00A").country == "UA"
    assert filters_for("?region=" + "x" * 5000).ignored == ("region",)
