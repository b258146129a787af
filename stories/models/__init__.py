"""Editorial content of the network: success stories and news, events, and their indexes.

One module per page type; ``stories.models`` is the public name of each (migrations name
``stories.models.default_language_only``)."""

from .event_index import EventIndexPage
from .events import EventPage, EventQuerySet, EventRelatedStory
from .registrations import ATTENDANCE_CHOICES, Registration
from .stories import (
    StoryCountry,
    StoryPage,
    StoryPageForm,
    StoryQuerySet,
    StoryTag,
    default_language_only,
)
from .story_index import StoryIndexPage
from .tag_names import TagName, name_tags

__all__ = [
    "ATTENDANCE_CHOICES",
    "Registration",
    "EventIndexPage",
    "EventPage",
    "EventQuerySet",
    "EventRelatedStory",
    "StoryCountry",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageForm",
    "StoryQuerySet",
    "StoryTag",
    "TagName",
    "name_tags",
    "default_language_only",
]
