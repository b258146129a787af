"""A call index under the English home page, and an open call under it."""

import pytest

from calls.factories import CallIndexPageFactory, CallPageFactory


@pytest.fixture
def call_index(homes):
    return CallIndexPageFactory(parent=homes["en"])


@pytest.fixture
def call(call_index):
    return CallPageFactory(parent=call_index, slug="projects-fund")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test its own private folder, so a test can assert that no file was left behind."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT
