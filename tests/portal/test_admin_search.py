"""The admin's snippet searches work on every database backend (they used to fail on SQLite
with "no such column: name", shown as "The portal is busy")."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from community.factories import (
    MunicipalityFactory,
    NationalAssociationFactory,
    PartnershipFactory,
    ProgrammeFactory,
    build_sectors,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client, homes):
    user = User.objects.create_user("moderator", "m@bot.example", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return client


@pytest.mark.parametrize("query", ["Kyiv", "Київ", "kiev", "Kyi"])
def test_municipality_search_as_moderator(moderator_client, query):
    MunicipalityFactory(name="Kyiv", local_name="Київ", alternate_names="Kiev", slug="kyiv")
    MunicipalityFactory(name="Dolyna", local_name="Долина", slug="dolyna")
    url = reverse("wagtailsnippets_community_municipality:list")
    response = moderator_client.get(url, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kyiv" in html
    assert "Dolyna" not in html


@pytest.mark.parametrize(
    "model, make, query, found",
    [
        ("sector", build_sectors, "Water", "Water"),
        (
            "nationalassociation",
            lambda: NationalAssociationFactory(name="Association of Ukrainian Cities", slug="auc"),
            "Ukrainian",
            "Association of Ukrainian Cities",
        ),
        (
            "programme",
            lambda: ProgrammeFactory(name="Bridges", slug="bridges"),
            "Bridges",
            "Bridges",
        ),
        (
            "partnership",
            lambda: PartnershipFactory(
                ukrainian_municipality=MunicipalityFactory(name="Kalush", slug="kalush"),
                eu_municipality=MunicipalityFactory(name="Gdańsk", slug="gdansk", country="PL"),
            ),
            "Kalush",
            "Kalush",
        ),
    ],
)
def test_every_community_snippet_search_answers(moderator_client, model, make, query, found):
    make()
    response = moderator_client.get(
        reverse(f"wagtailsnippets_community_{model}:list"), {"q": query}
    )
    assert response.status_code == 200
    assert found in response.content.decode()
