"""Partner search: any script and spelling, facets with counts, bad input, the JSON API."""

import json

import pytest
from django.http import QueryDict

from search.filters import PartnerFilters

pytestmark = pytest.mark.django_db


def names(client, **params):
    data = client.get("/api/partners/", params).json()
    return sorted(result["slug"] for result in data["results"])


@pytest.mark.parametrize("query", ["Київ", "Kyiv", "Kiev", "kyiv", "KYIV", "київ", "Kiew"])
def test_any_spelling_of_kyiv_finds_kyiv(client, directory, query):
    assert names(client, q=query) == ["kyiv"]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Siauliai", "siauliai"),
        ("šiauliai", "siauliai"),
        ("Шяуляй", None),  # not a spelling the data carries: nothing, no error
        ("Чернівці", "chernivtsi"),
        ("chernivtsi", "chernivtsi"),
        ("Gdansk", "gdansk"),
        ("Калуш", "kalush"),
    ],
)
def test_transliterations_and_accents(client, directory, query, slug):
    assert names(client, q=query) == ([slug] if slug else [])


def test_page_shows_cards_linking_to_profiles(client, directory):
    response = client.get("/en/partners/", {"q": "Київ"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "/en/directory/kyiv/" in html
    assert response["X-Robots-Tag"] == "noindex"


def test_facet_counts_follow_the_result_set(client, directory):
    data = client.get("/api/partners/").json()
    facets = {f["name"]: {o["value"]: o["count"] for o in f["options"]} for f in data["facets"]}
    assert data["count"] == 6
    assert facets["country"] == {"UA": 4, "LT": 1, "PL": 1}
    assert facets["needs"]["energy"] == 2
    assert facets["needs"]["water"] == 2
    assert facets["offers"]["water"] == 1
    assert facets["language"]["en"] == 4
    assert facets["association"] == {"auc": 1}
    assert facets["programme"] == {"bridges-of-trust": 2}
    assert facets["population"] == {"medium": 2, "large": 1, "xlarge": 3}
    assert facets["open"] == {"1": 5}

    data = client.get("/api/partners/", {"country": "UA", "needs": "energy"}).json()
    facets = {f["name"]: {o["value"]: o["count"] for o in f["options"]} for f in data["facets"]}
    assert data["count"] == 2
    assert facets["country"] == {"UA": 2}
    assert facets["needs"] == {"energy": 2, "climate": 1}


def test_several_values_of_one_facet_match_any(client, directory):
    assert names(client, country=["LT", "PL"]) == ["gdansk", "siauliai"]
    assert names(client, offers=["water", "energy"]) == ["gdansk", "siauliai"]
    assert names(client, programme="bridges-of-trust") == ["gdansk", "kalush"]
    assert names(client, language="lt") == ["siauliai"]
    assert names(client, open="1", country="PL") == []


def test_sort_by_population(client, directory):
    data = client.get("/api/partners/", {"sort": "population"}).json()
    assert [r["slug"] for r in data["results"]][:2] == ["kyiv", "gdansk"]


def test_zero_results_suggest_which_filter_to_drop(client, directory):
    data = client.get("/api/partners/", {"q": "Kyiv", "country": "LT"}).json()
    assert data["count"] == 0
    assert {s["drop"] for s in data["suggestions"]} == {"q", "country"}
    html = client.get("/en/partners/", {"q": "Kyiv", "country": "LT"}).content.decode()
    assert "Results appear if you drop one filter" in html


def test_page_and_api_give_the_same_results(client, directory):
    params = {"country": "UA", "sort": "name"}
    api = [r["name"] for r in client.get("/api/partners/", params).json()["results"]]
    html = client.get("/en/partners/", params).content.decode()
    html = html.split('class="partner-search__results"')[1]  # facets name regions too
    positions = [html.index(f">{name}</a>") for name in api]
    assert api and positions == sorted(positions)
    assert f"{len(api)} municipalities" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"q": "Kyiv\x00"},
        {"q": '"'},
        {"q": "-Data"},
        {"q": "foo-"},
        {"q": "<script>alert(1)</script>"},
        {"q": "'; DROP TABLE community_municipality; --"},
        {"page": "abc"},
        {"page": "999999"},
        {"page": "-1"},
        {"country": "XX"},
        {"country": "UA\x00"},
        {"sort": "pk; drop"},
        {"region": "' OR 1=1 --"},
        {"_connector": "OR"},
        {"country__in": "UA"},
        {"population": "huge"},
        {"open": "yes"},
    ],
)
def test_bad_input_answers_200_and_is_escaped(client, directory, params):
    response = client.get("/en/partners/", params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    api = client.get("/api/partners/", params)
    assert api.status_code == 200
    json.loads(api.content)


def test_repeated_parameters_and_unknown_values_are_reported(client, directory):
    data = client.get("/api/partners/?country=UA&country=XX&country=UA&sort=x").json()
    assert data["ignored"] == ["country", "sort"]
    assert data["count"] == 4
    html = client.get("/en/partners/?country=XX").content.decode()
    assert "were ignored" in html


def test_long_query_is_cut_and_the_page_says_so(client, directory):
    html = client.get("/en/partners/", {"q": "Kyiv " * 100}).content.decode()
    assert "Your search was shortened" in html
    assert client.get("/api/partners/", {"q": "Kyiv " * 100}).json()["query_truncated"]


def test_unknown_api_language_is_a_400_with_a_message(client, directory):
    response = client.get("/api/partners/", {"lang": "<b>xx</b>"})
    assert response.status_code == 400
    assert "<b>" not in response.content.decode()


def test_query_count_does_not_grow_with_results(client, directory, django_assert_max_num_queries):
    from community.factories import MunicipalityFactory

    with django_assert_max_num_queries(60) as few:
        client.get("/en/partners/", {"country": "UA"})
    for n in range(12):
        MunicipalityFactory(name=f"Extra {n}", slug=f"extra-{n}", sectors={"offers": ["water"]})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/en/partners/", {"country": "UA"})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/partners/", {"country": "UA"})


def test_filter_object_without_database():
    params = QueryDict("q=Kyiv&country=UA&country=PL&open=1&sort=name&bad=1")
    filters = PartnerFilters.from_params(
        params, {name: {"UA", "PL"} for name in ("country", *["region"] * 0)} | _anything()
    )
    assert filters.country == ("UA", "PL")
    assert filters.toggle("country", "PL").country == ("UA",)
    assert "q=Kyiv" in filters.url() and "open=1" in filters.url()
    assert filters.without("q").q == ""
    assert filters == PartnerFilters.from_params(QueryDict(filters.urlencode()), _anything())


def _anything():
    class Any:
        def __contains__(self, value):
            return True

    from search.filters import FACETS

    return {name: Any() for name in FACETS if name != "country"} | {"country": {"UA", "PL"}}


def test_text_goes_through_the_search_index_which_follows_publishing(client, directory):
    from wagtail.search.backends import get_search_backend

    kyiv = directory["kyiv"]
    get_search_backend().delete(kyiv)
    # Out of the index, out of the text search; the facets alone still list it.
    assert names(client, q="Kyiv") == []
    assert "kyiv" in names(client, country="UA")

    # Publishing a new name puts it (back) in the index under every spelling.
    kyiv.alternate_names = "Kiev\nKiew\nKijów"
    kyiv.save_revision().publish()
    assert names(client, q="Kijow") == ["kyiv"]
    assert names(client, q="Київ") == ["kyiv"]


def test_facet_counts_come_with_the_text_query(client, directory):
    data = client.get("/api/partners/", {"q": "Ka"}).json()
    assert [result["slug"] for result in data["results"]] == ["kalush"]
    facets = {f["name"]: {o["value"]: o["count"] for o in f["options"]} for f in data["facets"]}
    assert facets["country"] == {"UA": 1}
    assert facets["needs"] == {"water": 1}
    assert facets["population"] == {"large": 1}
    assert facets["programme"] == {"bridges-of-trust": 1}


def test_other_languages_see_their_translations_and_the_untranslated_rest(client, directory):
    from wagtail.models import Locale

    uk = Locale.objects.get_or_create(language_code="uk")[0]
    dolyna = directory["dolyna"].copy_for_translation(uk)
    dolyna.description = "<p>Місто в Івано-Франківській області.</p>"
    dolyna.save()

    data = client.get("/api/partners/", {"lang": "uk", "q": "Долина"}).json()
    assert [r["slug"] for r in data["results"]] == ["dolyna"]
    assert data["count"] == 1  # the Ukrainian record replaces the English one, not beside it
    # Records not translated yet are found in English.
    assert [
        r["slug"]
        for r in client.get("/api/partners/", {"lang": "uk", "q": "Kyiv"}).json()["results"]
    ] == ["kyiv"]


def test_untranslated_associations_still_filter_in_other_languages(client, directory):
    # The association exists in English only; Ukrainian visitors see it and can filter by it.
    data = client.get("/api/partners/", {"lang": "uk", "association": "auc"}).json()
    assert data["ignored"] == []
    assert [r["slug"] for r in data["results"]] == ["kyiv"]
    facets = {f["name"]: {o["value"]: o["count"] for o in f["options"]} for f in data["facets"]}
    assert facets["association"] == {"auc": 1}
