"""A story index in English and Ukrainian under the two home pages."""

import pytest

from portal.factories import translate
from stories.factories import StoryIndexPageFactory


@pytest.fixture
def story_indexes(homes):
    """{"en": StoryIndexPage, "uk": its translation}."""
    index = StoryIndexPageFactory(parent=homes["en"])
    return {"en": index, "uk": translate(index, "uk", title="Історії")}
