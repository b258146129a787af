"""An event index in English and Ukrainian under the two home pages (imported by the event
tests rather than a conftest.py, which the directory's tests may want for their own)."""

import pytest

from community.factories_events import EventIndexPageFactory
from portal.factories import translate


@pytest.fixture
def event_indexes(homes):
    """{"en": EventIndexPage, "uk": its translation}."""
    index = EventIndexPageFactory(parent=homes["en"])
    return {"en": index, "uk": translate(index, "uk", title="Події")}
