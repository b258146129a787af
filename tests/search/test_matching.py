"""Explained suggestions: every reason, its weight, exclusion of existing partners."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from community.factories import MunicipalityFactory
from search.matching import WEIGHTS, suggestions

pytestmark = pytest.mark.django_db


def ranked(municipality):
    page = suggestions(municipality, municipality.locale, RequestFactory().get("/"))
    return {candidate.slug: candidate for candidate in page}


def codes(candidate):
    return {reason.code: reason.points for reason in candidate.reasons}


def test_each_reason_of_a_ukrainian_candidate(directory):
    found = ranked(directory["siauliai"])
    dolyna = found["dolyna"]
    assert codes(dolyna) == {
        # Šiauliai needs culture, Dolyna offers it.
        "offers_what_it_needs": WEIGHTS["offers_what_it_needs"],
        # Dolyna needs social and water, Šiauliai offers both.
        "needs_what_it_offers": 2 * WEIGHTS["needs_what_it_offers"],
        "shared_language": WEIGHTS["shared_language"],  # English
        "comparable_size": WEIGHTS["comparable_size"],  # 20,000 and 38,000
        "open_to_partners": WEIGHTS["open_to_partners"],
        "ukrainian_without_partner": WEIGHTS["ukrainian_without_partner"],
    }
    assert dolyna.score == sum(codes(dolyna).values()) == dolyna.match_score
    assert list(found)[0] == "dolyna"
    texts = " ".join(reason.text for reason in dolyna.reasons)
    assert "Culture and youth" in texts and "Water supply and sanitation" in texts


def test_ukrainian_municipalities_only_for_an_eu_one_and_partners_excluded(directory):
    found = ranked(directory["siauliai"])
    assert set(found) <= {"kyiv", "chernivtsi", "dolyna", "kalush"}
    assert "ukrainian_without_partner" not in codes(found["kalush"])  # works with Gdańsk


def test_existing_partners_are_excluded(directory):
    assert "gdansk" not in ranked(directory["kalush"])
    assert "kalush" not in ranked(directory["gdansk"])


def test_eu_candidates_for_a_ukrainian_municipality(directory):
    found = ranked(directory["kyiv"])
    assert set(found) == {"siauliai", "gdansk"}
    assert codes(found["gdansk"]) == {"offers_what_it_needs": WEIGHTS["offers_what_it_needs"]}
    assert "open_to_partners" not in codes(found["gdansk"])  # Gdańsk is not open
    assert codes(found["siauliai"]) == {
        "shared_language": WEIGHTS["shared_language"],
        "open_to_partners": WEIGHTS["open_to_partners"],
    }


def test_match_page_explains_and_is_linked_from_the_profile(client, directory):
    profile = client.get("/en/directory/siauliai/").content.decode()
    assert 'href="/en/partners/match/siauliai/"' in profile
    assert "Find partners for Šiauliai district" in profile
    html = client.get("/en/partners/match/siauliai/").content.decode()
    assert "Dolyna" in html and "A Ukrainian municipality that has no partner yet" in html
    assert client.get("/en/partners/match/nowhere/").status_code == 404


def test_match_queries_do_not_grow_with_candidates(
    client, directory, django_assert_max_num_queries
):
    with django_assert_max_num_queries(60) as few:
        client.get("/en/partners/match/siauliai/")
    for n in range(10):
        MunicipalityFactory(name=f"Extra {n}", slug=f"extra-{n}", sectors={"offers": ["culture"]})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/en/partners/match/siauliai/")


def test_pages_and_count_equal_scoring_every_candidate(rf, directory):
    """The page reads only the ids of one page and counts without scoring: the same
    candidates, order and number as ranking every candidate by ``match_score``."""
    from django.core.management import call_command

    from community.models import Municipality
    from search.matching import Profile, candidates

    call_command("seed_directory", count=200, stdout=open("/dev/null", "w"))  # noqa: SIM115
    # No reason at all (closed, no sector, no language, no population): never a candidate.
    MunicipalityFactory(
        name="Silent", slug="silent", country="PL", open_to_partners=False, population=None
    )
    for subject in (directory["kyiv"], directory["siauliai"]):
        subject = Municipality.objects.get(pk=subject.pk)
        everyone = list(candidates(Profile.of(subject), subject.locale))
        assert "silent" not in {c.slug for c in everyone}
        pages = -(-len(everyone) // 20)
        assert pages >= 2
        for number in sorted({1, 2, pages}):
            page = suggestions(subject, subject.locale, rf.get("/", {"page": number}))
            assert page.paginator.count == len(everyone)
            expected = everyone[(number - 1) * 20 : number * 20]
            assert [(c.pk, c.score) for c in page] == [(c.pk, c.match_score) for c in expected]


def test_the_list_stops_at_the_best_suggestions_and_says_so(client, rf, directory, monkeypatch):
    """Counting every one of 50,000 candidates cost a second scan; the count stops at
    ``MAX_SUGGESTIONS`` (here 30), the pages end there, in ranking order, and the page says the
    list holds the best-suited only."""
    from django.core.management import call_command

    from community.models import Municipality
    from search import matching

    call_command("seed_directory", count=120, stdout=open("/dev/null", "w"))  # noqa: SIM115
    monkeypatch.setattr(matching, "MAX_SUGGESTIONS", 30)
    subject = Municipality.objects.get(pk=directory["kyiv"].pk)
    everyone = list(matching.candidates(matching.Profile.of(subject), subject.locale))
    assert len(everyone) > 30
    first = suggestions(subject, subject.locale, rf.get("/"))
    assert first.paginator.count == 30 and first.paginator.capped
    assert first.paginator.num_pages == 2
    last = suggestions(subject, subject.locale, rf.get("/", {"page": 9}))
    assert last.number == 2
    assert [(c.pk, c.score) for c in last] == [(c.pk, c.match_score) for c in everyone[20:30]]
    html = client.get(f"/en/partners/match/{subject.slug}/").content.decode()
    assert "These are the 30 best-suited municipalities" in html and "Page 1 of 2" in html
    with translation.override("uk"):
        note = translation.ngettext(
            "These are the %(counter)s best-suited municipality; the others share fewer reasons.",
            "These are the %(counter)s best-suited municipalities; the others share fewer reasons.",
            30,
        )
    assert note % {"counter": 30} == (
        "Показано 30 громад, що підходять найкраще; решта мають менше спільних причин."
    )
    # Under the cap nothing is said.
    monkeypatch.setattr(matching, "MAX_SUGGESTIONS", 1000)
    html = client.get(f"/en/partners/match/{subject.slug}/").content.decode()
    assert "best-suited municipalities" not in html
