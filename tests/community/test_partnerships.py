"""The partnerships page and the computed figures on the home page."""

import pytest
from wagtail.models import Locale

from community.factories import (
    JointProjectFactory,
    MunicipalityFactory,
    PartnershipFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(directory, partnership_index):
    pilot = ProgrammeFactory(name="Bridges of Trust pilot", slug="bot-pilot")
    sun = ProgrammeFactory(name="SUN4Ukraine", slug="sun4ukraine")
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna")
    first = PartnershipFactory(
        ukrainian_municipality=dolyna,
        eu_municipality__name="Šiauliai district",
        eu_municipality__country="LT",
        programme=pilot,
        stage="funded",
    )
    JointProjectFactory(partnership=first, title="Summer school")
    JointProjectFactory(partnership=first, title="Humanitarian aid")
    PartnershipFactory(eu_municipality__country="PL", programme=sun, stage="first_contact")
    MunicipalityFactory(country="FR", live=False)  # a draft does not count
    return {"pilot": pilot, "first": first}


def test_partnerships_grouped_by_programme_with_counts(client, network):
    html = client.get("/en/partnerships/").content.decode()
    assert "2 partnerships" in html
    assert html.index("Bridges of Trust pilot") < html.index("Šiauliai district")
    assert "SUN4Ukraine" in html
    assert "<td>Lithuania</td><td>1</td>" in html and "<td>Poland</td><td>1</td>" in html
    assert "<td>Funded</td><td>1</td>" in html and "<td>First contact</td><td>1</td>" in html
    assert "<td>Completed</td><td>0</td>" in html
    assert 'href="/en/directory/dolyna/"' in html


def test_partnerships_in_ukrainian(client, network):
    uk = Locale.objects.get(language_code="uk")
    pilot_uk = network["pilot"].copy_for_translation(uk)
    pilot_uk.name = "Пілотна фаза «Мостів довіри»"
    pilot_uk.save()
    html = client.get("/uk/partnerships/").content.decode()
    assert "Пілотна фаза «Мостів довіри»" in html
    assert "<td>Литва</td><td>1</td>" in html
    assert "<td>Профінансовано</td><td>1</td>" in html
    assert "2 партнерства" in html
    # "since June 2026" in Ukrainian takes the genitive, lower case: "з червня 2026".
    from django.template.defaultfilters import date
    from django.utils import timezone
    from django.utils.translation import override

    with override("uk"):
        since = date(timezone.localdate(), "E Y")
    assert f"з {since}" in html and since[0].islower()


def test_home_page_figures_are_computed(client, network):
    html = client.get("/en/").content.decode()
    assert "In the member directory today" in html
    # 4 live municipalities (Dolyna, Šiauliai district, the SUN4Ukraine pair) in 3 countries.
    assert "<dt>registered municipalities</dt><dd>4</dd>" in html
    assert "<dt>countries</dt><dd>3</dd>" in html
    assert "<dt>partnerships</dt><dd>2</dd>" in html
    assert "<dt>joint projects</dt><dd>2</dd>" in html
    assert "Recent partnerships" in html and "Dolyna – Šiauliai district" in html


def test_home_page_without_directory_data_hides_the_sections(client, homes):
    html = client.get("/en/").content.decode()
    assert "In the member directory today" not in html
    assert "Recent partnerships" not in html
