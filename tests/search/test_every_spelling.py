"""Finding 3 of the walk (issue 15): the site search finds places in every spelling and words in
every form, counts what it shows, and is reachable from every page."""

import re

import pytest
from django.core.management import call_command

from community.text import exonyms
from portal.lemmas import lemmas

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def indexed(demo_site):
    call_command("update_index", verbosity=0)


def shown(html):
    """(the count the page states, the number of results it lists)."""
    stated = re.search(r'class="search-summary" role="status">(\d+) ', html)
    listed = html.count('<p class="card__type">')
    return (int(stated.group(1)) if stated else None), listed


@pytest.mark.parametrize("query", ["Kyiv", "Kiev", "Kiew", "Kijów", "Киев", "Ky\u200biv"])
def test_every_spelling_of_kyiv_finds_its_profile_and_the_count_agrees(client, indexed, query):
    html = client.get("/en/search/", {"q": query}).content.decode()
    assert "/en/directory/kyiv-ua/" in html
    stated, listed = shown(html)
    assert stated == listed and stated >= 1
    assert "Nothing matches" not in html


@pytest.mark.parametrize("query", ["Kiev", "Киев", "Kijów"])
def test_partner_search_and_its_api_find_exonyms(client, indexed, query):
    answer = client.get("/api/partners/", {"q": query}).json()
    assert "kyiv-ua" in [result["slug"] for result in answer["results"]]
    html = client.get("/en/partners/", {"q": query}).content.decode()
    assert "/en/directory/kyiv-ua/" in html


def test_exonyms_come_from_geonames():
    assert {"Kiev", "Kiew", "Kijów", "Киев"} <= set(exonyms("UA", "Kyiv"))
    assert {"Lvov", "Lwów", "Lemberg"} <= set(exonyms("UA", "Lviv"))
    assert "Charkow" in exonyms("UA", "Kharkiv")
    assert exonyms("PL", "Kyiv") == []  # not a Polish town


@pytest.mark.parametrize(
    "query, title",
    [
        ("допомога", "Одинадцять тонн допомоги"),
        ("форум", "Форуми солідарності"),
        ("Форуми", "Форуми солідарності"),
    ],
)
def test_ukrainian_word_forms_find_the_story(client, indexed, query, title):
    html = client.get("/uk/search/", {"q": query}).content.decode()
    assert title in html
    stated, listed = shown(html)
    assert stated == listed


def test_english_word_forms_are_stemmed():
    assert lemmas("partnerships") == lemmas("partnership")
    assert lemmas("допомоги") == lemmas("допомога") == "допомога"


def test_nothing_matches_only_when_nothing_is_shown(client, indexed):
    html = client.get("/en/search/", {"q": "qwxzvbnm"}).content.decode()
    assert "0 results" in html and "Nothing matches" in html


@pytest.mark.parametrize("path", ["/en/", "/en/stories/", "/en/directory/kyiv-ua/", "/uk/"])
def test_every_page_has_a_search_box_in_the_header(client, indexed, path):
    html = client.get(path).content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    language = path.split("/")[1]
    assert f'action="/{language}/search/"' in header and 'name="q"' in header
