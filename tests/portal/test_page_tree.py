"""Where each page type may be created, so editors cannot build a tree the site can't serve."""

import pytest
from wagtail.models import Page

from calls.models import CallIndexPage, CallPage
from community.models import DirectoryPage, PartnershipIndexPage, RegistrationPage
from home.models import HomePage
from portal.models import ContentPage
from search.models import PartnerSearchPage, SearchPage
from stories.models import EventIndexPage, EventPage, StoryIndexPage, StoryPage

SECTIONS = [
    CallIndexPage,
    StoryIndexPage,
    EventIndexPage,
    DirectoryPage,
    PartnershipIndexPage,
    RegistrationPage,
    SearchPage,
    PartnerSearchPage,
]


def test_home_pages_only_at_the_root(homes):
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root)
    assert not HomePage.can_create_at(homes["en"])
    assert not ContentPage.can_create_at(root)


@pytest.mark.parametrize("model", SECTIONS)
def test_each_section_once_under_a_home_page(homes, model):
    home = homes["en"]
    assert model.can_create_at(home)
    from wagtail_factories import PageFactory  # noqa: F401 - ensures factories import cleanly

    page = model(title="Section", slug=f"s-{model.__name__.lower()}")
    if hasattr(model, "introduction"):
        page.introduction = "Intro"
    home.add_child(instance=page)
    assert not model.can_create_at(home)
    assert model.can_create_at(homes["uk"])  # the other language's tree has its own


@pytest.mark.parametrize(
    ("child", "parent"),
    [(CallPage, CallIndexPage), (StoryPage, StoryIndexPage), (EventPage, EventIndexPage)],
)
def test_items_live_only_under_their_index(child, parent):
    assert child.allowed_parent_page_models() == [parent]
    assert parent.allowed_subpage_models() == [child]


def test_content_pages_nest_under_home_and_each_other():
    assert ContentPage in HomePage.allowed_subpage_models()
    assert ContentPage.allowed_subpage_models() == [ContentPage]
