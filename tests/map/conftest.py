"""A small network for the map: pages in English and Ukrainian, municipalities on both sides,
one with an approximate location, one without coordinates, one draft, and partnerships."""

from decimal import Decimal

import pytest

from community.factories import (
    DirectoryPageFactory,
    MunicipalityFactory,
    PartnershipFactory,
    ProgrammeFactory,
    build_sectors,
)
from portal.factories import translate
from search.models import MapPage


def place(lat, lon):
    return {"latitude": Decimal(lat), "longitude": Decimal(lon)}


@pytest.fixture
def map_pages(homes):
    """{"en": MapPage, "uk": its translation}, with a directory in both languages."""
    build_sectors()
    directory = DirectoryPageFactory(parent=homes["en"])
    translate(directory, "uk", title="Каталог учасників")
    page = MapPage(title="Map", slug="map", introduction="Who works with whom.")
    homes["en"].add_child(instance=page)
    page.save_revision().publish()
    return {"en": page, "uk": translate(page, "uk", title="Мапа")}


@pytest.fixture
def network(map_pages):
    """{name: Municipality} of the default language."""
    towns = {
        "kalush": MunicipalityFactory(
            name="Kalush", local_name="Калуш", slug="kalush", **place("49.011234", "24.373456"),
            sectors={"needs": ["water"], "offers": ["culture"]},
        ),
        "dolyna": MunicipalityFactory(
            name="Dolyna", local_name="Долина", slug="dolyna", **place("48.971111", "24.011111"),
            open_to_partners=False, sectors={"offers": ["energy"]},
        ),
        # A frontline community: only its rounded location may be public.
        "kupiansk": MunicipalityFactory(
            name="Kupiansk", local_name="Куп'янськ", slug="kupiansk", region="Kharkiv Oblast",
            approximate_location=True, **place("49.712345", "37.614321"),
        ),
        "novyi": MunicipalityFactory(name="Novyi Rozdil", slug="novyi-rozdil"),  # no coordinates
        "gdansk": MunicipalityFactory(
            name="Gdańsk", slug="gdansk", country="PL", region="Pomerania",
            **place("54.352025", "18.646638"), sectors={"offers": ["water"]},
        ),
        "siauliai": MunicipalityFactory(
            name="Šiauliai", slug="siauliai", country="LT", region="Šiauliai County",
            **place("55.933333", "23.316667"),
        ),
        "draft": MunicipalityFactory(
            name="Draft town", slug="draft-town", live=False, **place("50.45", "30.52")
        ),
    }  # fmt: skip
    bridges = ProgrammeFactory(name="Bridges of Trust", slug="bridges-of-trust")
    other = ProgrammeFactory(name="Twinning", slug="twinning")
    PartnershipFactory(
        ukrainian_municipality=towns["kalush"],
        eu_municipality=towns["gdansk"],
        programme=bridges,
        stage="agreement",
    )
    PartnershipFactory(
        ukrainian_municipality=towns["kupiansk"],
        eu_municipality=towns["siauliai"],
        programme=other,
        stage="funded",
    )
    # A partner that is a draft draws no line.
    PartnershipFactory(
        ukrainian_municipality=towns["draft"], eu_municipality=towns["siauliai"], programme=other
    )
    return towns
