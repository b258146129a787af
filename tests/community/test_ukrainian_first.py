"""Finding 5 of the walk (issue 15): on /uk/ the Ukrainian name comes first, and the hero has the
same button in every language."""

import pytest

from community.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_names_in_the_page_language_first(client, directory):
    MunicipalityFactory(name="Chernivtsi", local_name="Чернівці", slug="chernivtsi")
    MunicipalityFactory(
        name="Šiauliai district", local_name="Šiaulių rajonas", slug="siauliai", country="LT"
    )
    uk = client.get("/uk/directory/").content.decode()
    assert "Чернівці</a> <span>(Chernivtsi)</span>" in uk
    # An EU municipality's local name is not Ukrainian: its Latin name stays first.
    assert "Šiauliai district</a> <span>(Šiaulių rajonas)</span>" in uk
    en = client.get("/en/directory/").content.decode()
    assert "Chernivtsi</a> <span>(Чернівці)</span>" in en
    profile = client.get("/uk/directory/chernivtsi/").content.decode()
    assert "<title>Чернівці (Chernivtsi) ·" in profile
    assert '<h1>Чернівці <span class="profile__local-name">(Chernivtsi)</span></h1>' in profile


def test_the_ukrainian_hero_has_the_same_button(client, homes, directory):
    homes["en"].hero_link = directory["en"]
    homes["en"].hero_link_text = "Find a partner"
    homes["en"].save_revision().publish()
    en = client.get("/en/").content.decode()
    assert 'class="button button--light" href="/en/directory/">Find a partner</a>' in en
    uk = client.get("/uk/").content.decode()
    assert 'class="button button--light" href="/uk/directory/">Каталог учасників</a>' in uk


def test_regions_are_named_in_the_page_language(client, directory):
    MunicipalityFactory(
        name="Chernivtsi", local_name="Чернівці", slug="chernivtsi", region="Chernivtsi Oblast"
    )
    MunicipalityFactory(name="Somewhere", slug="somewhere", country="LT", region="Utena County")
    uk = client.get("/uk/directory/").content.decode()
    assert ">Чернівецька область<" in uk and ">Chernivtsi Oblast<" not in uk
    assert "· Чернівецька область<" in uk  # the card
    assert "Utena County" in uk  # a region without a Ukrainian name is shown as typed
    profile = client.get("/uk/directory/chernivtsi/").content.decode()
    assert "Чернівецька область, " in profile
    en = client.get("/en/directory/chernivtsi/").content.decode()
    assert "Chernivtsi Oblast, " in en and "Чернівецька область" not in en


def test_partnership_names_in_the_page_language(client, homes, directory):
    from community.factories import PartnershipFactory

    PartnershipFactory(
        ukrainian_municipality=MunicipalityFactory(
            name="Dolyna", local_name="Долина", slug="dolyna", country="UA"
        ),
        eu_municipality=MunicipalityFactory(
            name="Šiauliai district", slug="siauliai", country="LT"
        ),
    )
    uk = client.get("/uk/").content.decode()
    assert "<li>Долина – Šiauliai district (" in uk
    en = client.get("/en/").content.decode()
    assert "<li>Dolyna – Šiauliai district (" in en


def test_the_partner_search_facets_name_regions_in_the_page_language(db):
    from django.utils import translation

    from search.partners import Vocabulary

    vocabulary = Vocabulary.__new__(Vocabulary)  # the region label needs nothing loaded
    with translation.override("uk"):
        assert vocabulary.label("region", "Chernivtsi Oblast") == "Чернівецька область"
        assert vocabulary.label("region", "Utena County") == "Utena County"
    with translation.override("en"):
        assert vocabulary.label("region", "Chernivtsi Oblast") == "Chernivtsi Oblast"
