"""A small directory for the partner search: pages in English, municipalities on both sides."""

import pytest
from django.core.management import call_command

from community.factories import (
    DirectoryPageFactory,
    MunicipalityFactory,
    NationalAssociationFactory,
    PartnershipFactory,
    ProgrammeFactory,
    build_sectors,
)
from community.models import Language
from search.models import PartnerSearchPage


@pytest.fixture
def directory(homes):
    """{name: Municipality} plus the directory and partner search pages under /en/."""
    build_sectors()
    DirectoryPageFactory(parent=homes["en"])
    homes["en"].add_child(instance=PartnerSearchPage(title="Find a partner", slug="partners"))
    languages = {
        code: Language.objects.get_or_create(code=code)[0] for code in ("uk", "en", "lt", "de")
    }
    association = NationalAssociationFactory(name="Association of Ukrainian Cities", slug="auc")
    towns = {
        "kyiv": MunicipalityFactory(
            name="Kyiv", local_name="Київ", alternate_names="Kiev\nKiew", slug="kyiv",
            region="Kyiv", kind="city", population=2_950_000,
            national_association=association, sectors={"offers": ["digital"], "needs": ["energy"]},
        ),
        "chernivtsi": MunicipalityFactory(
            name="Chernivtsi", local_name="Чернівці", slug="chernivtsi",
            region="Chernivtsi Oblast", population=264_000,
            sectors={"needs": ["climate", "energy"]},
        ),
        "dolyna": MunicipalityFactory(
            name="Dolyna", local_name="Долина", slug="dolyna", population=20_000,
            sectors={"offers": ["culture"], "needs": ["social", "water"]},
        ),
        "siauliai": MunicipalityFactory(
            name="Šiauliai district", local_name="Šiaulių rajonas", slug="siauliai",
            country="LT", region="Šiauliai County", kind="district", population=38_000,
            sectors={"offers": ["social", "water"], "needs": ["culture"]},
        ),
        "gdansk": MunicipalityFactory(
            name="Gdańsk", slug="gdansk", country="PL", region="Pomerania", population=470_000,
            open_to_partners=False, sectors={"offers": ["energy"]},
        ),
        "kalush": MunicipalityFactory(
            name="Kalush", local_name="Калуш", slug="kalush", population=63_000,
            sectors={"needs": ["water"]},
        ),
    }  # fmt: skip
    towns["kyiv"].working_languages.set([languages["uk"], languages["en"]])
    towns["dolyna"].working_languages.set([languages["uk"], languages["en"]])
    towns["siauliai"].working_languages.set([languages["lt"], languages["en"]])
    towns["kalush"].working_languages.set([languages["uk"], languages["en"]])
    for town in towns.values():
        town.save()  # a ParentalManyToManyField is written on save
    # Kalush already works with Gdańsk under a programme.
    programme = ProgrammeFactory(name="Bridges of Trust", slug="bridges-of-trust")
    PartnershipFactory(
        ukrainian_municipality=towns["kalush"], eu_municipality=towns["gdansk"], programme=programme
    )
    call_command("update_index", verbosity=0)
    return towns
