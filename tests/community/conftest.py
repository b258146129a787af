"""The directory's pages under both home pages, and the sectors in both languages."""

import pytest

from community.factories import (
    DirectoryPageFactory,
    PartnershipIndexPageFactory,
    RegistrationPageFactory,
    build_sectors,
)
from portal.factories import translate


@pytest.fixture
def sectors(db):
    return build_sectors()


@pytest.fixture
def directory(homes, sectors):
    """{"en": DirectoryPage, "uk": its translation}."""
    page = DirectoryPageFactory(parent=homes["en"])
    return {"en": page, "uk": translate(page, "uk", title="Каталог учасників")}


@pytest.fixture
def partnership_index(homes):
    page = PartnershipIndexPageFactory(parent=homes["en"])
    return {"en": page, "uk": translate(page, "uk", title="Партнерства")}


@pytest.fixture
def registration(homes, sectors, directory):
    page = RegistrationPageFactory(parent=homes["en"])
    return {"en": page, "uk": translate(page, "uk", title="Зареєструвати громаду")}
