"""Finding 5 of the walk (issue 15): a profile's contact role is words in the profile's
language, translated with the profile through wagtail-localize (not copied from English)."""

import pytest

from community.factories import MunicipalityFactory
from tests.localize import translate_with_localize

pytestmark = pytest.mark.django_db


def test_contact_role_in_ukrainian_on_the_ukrainian_profile(client, directory):
    source = MunicipalityFactory(
        name="Dolyna",
        slug="dolyna",
        contact_name="Olena Kovalenko",
        contact_role="Head of international cooperation",
        description="<p>A town in the Carpathians.</p>",
    )
    translate_with_localize(
        source,
        "uk",
        {
            "Head of international cooperation": "Начальниця відділу міжнародної співпраці",
            "A town in the Carpathians.": "Місто в Карпатах.",
        },
    )
    uk = client.get("/uk/directory/dolyna/").content.decode()
    assert "Olena Kovalenko, Начальниця відділу міжнародної співпраці" in uk
    assert "Head of international cooperation" not in uk
    en = client.get("/en/directory/dolyna/").content.decode()
    assert "Olena Kovalenko, Head of international cooperation" in en
