"""A story index and an event index, each in English and Ukrainian under the two home pages."""

import pytest

from portal.factories import translate
from stories.factories import EventIndexPageFactory, StoryIndexPageFactory


@pytest.fixture
def story_indexes(homes):
    """{"en": StoryIndexPage, "uk": its translation}."""
    index = StoryIndexPageFactory(parent=homes["en"])
    return {"en": index, "uk": translate(index, "uk", title="Історії")}


@pytest.fixture
def event_indexes(homes):
    """{"en": EventIndexPage, "uk": its translation}."""
    index = EventIndexPageFactory(parent=homes["en"])
    return {"en": index, "uk": translate(index, "uk", title="Події")}
