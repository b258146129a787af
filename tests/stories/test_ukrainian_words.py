"""Finding 5 of the walk (issue 15): on /uk/ a story's image alt texts and tags and an event's
organisers are Ukrainian, translated where editors translate everything else (wagtail-localize),
with the image's own description only as a fallback."""

import pytest
import wagtail_factories
from wagtail.models import Locale

from stories.factories import EventPageFactory, StoryPageFactory
from stories.models import TagName
from tests.localize import translate_with_localize

pytestmark = pytest.mark.django_db


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(title="Trucks", description="Trucks loaded with aid")


def body_with_image(image, alt_text):
    """A body with one image block, as the editor saves it (Wagtail's ImageBlock keeps the
    alternative text in the block, so it is translated with the page)."""
    return [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": alt_text, "decorative": False},
                "caption": "",
                "credit": "",
            },
        }
    ]


def test_a_story_on_uk_shows_its_ukrainian_alt_texts(client, story_indexes, image):
    story = StoryPageFactory(
        parent=story_indexes["en"],
        slug="aid",
        hero_image=image,
        hero_alt_text="A lorry with aid at the depot",
        body=body_with_image(image, "Children at the summer school"),
    )
    translate_with_localize(
        story,
        "uk",
        {
            story.title: "Допомога для Долини",
            "A lorry with aid at the depot": "Вантажівка з допомогою на складі",
            "Children at the summer school": "Діти в літній школі",
        },
    )
    html = client.get("/uk/stories/aid/").content.decode()
    assert 'alt="Вантажівка з допомогою на складі"' in html
    assert 'alt="Діти в літній школі"' in html
    assert '<meta property="og:image:alt" content="Вантажівка з допомогою на складі">' in html
    for english in ("A lorry with aid", "Children at the summer school", "Trucks loaded"):
        assert english not in html
    # English keeps its own.
    html = client.get("/en/stories/aid/").content.decode()
    assert 'alt="A lorry with aid at the depot"' in html
    assert 'alt="Children at the summer school"' in html


def test_the_home_hero_alt_text_is_the_page_language(client, homes, image):
    home = homes["en"]
    home.hero_image = image
    home.hero_alt_text = "A yellow bridge over a blue river"
    home.save_revision().publish()
    translate_with_localize(
        home, "uk", {"A yellow bridge over a blue river": "Жовтий міст над синьою річкою"}
    )
    assert 'alt="Жовтий міст над синьою річкою"' in client.get("/uk/").content.decode()
    assert 'alt="A yellow bridge over a blue river"' in client.get("/en/").content.decode()


def test_story_tags_are_named_in_ukrainian(client, story_indexes):
    story = StoryPageFactory(
        parent=story_indexes["en"], slug="aid", tags=["humanitarian aid", "summer school"]
    )
    # wagtail-localize copies the English story's tags to its translation.
    translate_with_localize(story, "uk", {story.title: "Допомога для Долини"})
    uk = Locale.objects.get(language_code="uk")
    for tag in story.tags.all():
        name = {"humanitarian aid": "гуманітарна допомога", "summer school": "літня школа"}
        TagName.objects.create(tag=tag, locale=uk, name=name[tag.name])

    html = client.get("/uk/stories/aid/").content.decode()
    assert ">гуманітарна допомога</a>" in html and ">літня школа</a>" in html
    assert '<meta property="article:tag" content="гуманітарна допомога">' in html
    assert "humanitarian aid" not in html and "summer school" not in html
    assert 'href="/uk/stories/?tag=humanitarian-aid"' in html  # one slug in every language
    index = client.get("/uk/stories/").content.decode()
    assert '<option value="humanitarian-aid">гуманітарна допомога</option>' in index
    assert "humanitarian aid" not in index
    feed = client.get("/uk/stories/feed/").content.decode()
    assert "<category>гуманітарна допомога</category>" in feed
    assert "humanitarian aid" not in feed
    # In English the tags keep their own names.
    html = client.get("/en/stories/aid/").content.decode()
    assert ">humanitarian aid</a>" in html and "гуманітарна" not in html


def test_event_organisers_are_translated_with_the_event(client, event_indexes):
    event = EventPageFactory(parent=event_indexes["en"], slug="forum", organisers="CEMR partners")
    translate_with_localize(event, "uk", {event.title: "Форум", "CEMR partners": "Партнери CEMR"})
    html = client.get("/uk/events/forum/").content.decode()
    assert "Партнери CEMR" in html and "CEMR partners" not in html
