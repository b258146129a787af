"""Stories related to the member directory: the story shows its municipalities, partnership,
programme and sectors in the visitor's language; the index filters by sector and programme; a
municipality's profile lists the stories that mention it. Query counts stay constant."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from community.factories import (
    DirectoryPageFactory,
    MunicipalityFactory,
    PartnershipFactory,
    ProgrammeFactory,
    build_sectors,
)
from community.models import Municipality
from portal.factories import translate
from stories.factories import StoryPageFactory

from .helpers import ignored_notice, translated_story


def translate_record(record, **values):
    """The Ukrainian copy of a directory record, saved (and live when it has drafts)."""
    copy = record.copy_for_translation(Locale.objects.get(language_code="uk"))
    for name, value in values.items():
        setattr(copy, name, value)
    if hasattr(copy, "live"):
        copy.live = True
    copy.save()
    return copy


@pytest.fixture
def directory_data(story_indexes):
    """The pilot pair with its programme and partnership, in English and Ukrainian, and the
    directory pages that serve the profiles."""
    sectors = build_sectors()
    page = DirectoryPageFactory(parent=story_indexes["en"].get_parent())
    translate(page, "uk", title="Каталог учасників")
    programme = ProgrammeFactory(slug="bot-pilot", name="Bridges of Trust pilot")
    translate_record(programme, name="Пілотна фаза «Мостів довіри»")
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna-ua")
    siauliai = MunicipalityFactory(name="Šiauliai district", slug="siauliai-lt", country="LT")
    for municipality in (dolyna, siauliai):
        translate_record(municipality, description="<p>Громада.</p>")
    partnership = PartnershipFactory(
        ukrainian_municipality=dolyna, eu_municipality=siauliai, programme=programme
    )
    translate_record(partnership)
    return {
        "sectors": sectors,
        "programme": programme,
        "dolyna": dolyna,
        "siauliai": siauliai,
        "partnership": partnership,
    }


def related_story(index, data, municipalities=("dolyna", "siauliai"), sectors=("social",), **kw):
    """A live story related to the directory's records (the English ones, as editors pick)."""
    story = StoryPageFactory(parent=index, **kw)
    story.municipalities = [data[name] for name in municipalities]
    story.sectors = [data["sectors"][slug] for slug in sectors]
    story.programme = data["programme"]
    story.partnership = data["partnership"]
    story.save_revision().publish()
    story.refresh_from_db()
    return story


def count_queries(client, url):
    client.get(url)  # renditions and caches are made on the first request
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_story_shows_its_relations_in_english(client, story_indexes, directory_data):
    story = related_story(story_indexes["en"], directory_data)
    html = client.get(story.url).content.decode()
    assert '<a href="/en/directory/dolyna-ua/">Dolyna</a>' in html
    assert '<a href="/en/directory/siauliai-lt/">Šiauliai district</a>' in html
    assert "Dolyna – Šiauliai district" in html
    assert "?programme=bot-pilot" in html and "Bridges of Trust pilot" in html
    assert "?sector=social" in html and "Social services and IDPs" in html


def test_story_shows_its_relations_in_ukrainian(client, story_indexes, directory_data):
    story = translated_story(related_story(story_indexes["en"], directory_data))
    html = client.get(story.url).content.decode()
    assert '<a href="/uk/directory/dolyna-ua/">Dolyna</a>' in html
    assert "Пілотна фаза «Мостів довіри»" in html or "Пілотна фаза &laquo;" in html
    assert "Соціальні послуги та ВПО" in html
    assert "Bridges of Trust pilot" not in html and "Social services and IDPs" not in html


def test_story_hides_a_municipality_that_is_not_live(client, story_indexes, directory_data):
    Municipality.objects.filter(slug="siauliai-lt").update(live=False)  # both languages
    story = related_story(story_indexes["en"], directory_data)
    html = client.get(story.url).content.decode()
    assert "Dolyna" in html and "/en/directory/siauliai-lt/" not in html


def test_story_page_queries_do_not_grow_with_its_relations(client, story_indexes, directory_data):
    index = story_indexes["en"]
    few = related_story(index, directory_data, municipalities=["dolyna"], sectors=["social"])
    many = related_story(
        index,
        directory_data,
        sectors=["social", "culture", "education", "energy", "water"],
    )
    assert count_queries(client, many.url) == count_queries(client, few.url)


def test_index_filters_by_sector_and_programme(client, story_indexes, directory_data):
    index = story_indexes["en"]
    related_story(index, directory_data, title="Social pilot", kind="success")
    related_story(index, directory_data, title="Culture pilot", sectors=["culture"], kind="news")
    StoryPageFactory(parent=index, title="Unrelated")
    html = client.get(index.url, {"sector": "social"}).content.decode()
    assert "Social pilot" in html and "Culture pilot" not in html and "Unrelated" not in html
    assert '<option value="social" selected>' in html
    response = client.get(index.url, {"programme": "bot-pilot", "kind": "news"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Culture pilot" in html and "Social pilot" not in html and "Unrelated" not in html
    assert '<option value="bot-pilot" selected>' in html


def test_ukrainian_index_filters_stories_related_to_english_records(
    client, story_indexes, directory_data
):
    story = related_story(story_indexes["en"], directory_data)
    translated_story(story, title="Соціальна історія")
    response = client.get(story_indexes["uk"].url, {"sector": "social", "programme": "bot-pilot"})
    html = response.content.decode()
    assert "Соціальна історія" in html
    assert "Соціальні послуги та ВПО" in html  # the options are in Ukrainian


@pytest.mark.parametrize(
    ("query", "label"),
    [({"sector": "no-such-sector"}, "Sector"), ({"programme": "<script>"}, "Programme")],
)
def test_unknown_sector_or_programme_is_ignored_and_said(
    client, story_indexes, directory_data, query, label
):
    related_story(story_indexes["en"], directory_data, title="Social pilot")
    response = client.get(story_indexes["en"].url, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert label in ignored_notice(html) and "<script>" not in html
    assert "Social pilot" in html


def test_a_nul_character_is_dropped_from_a_filter_value(client, story_indexes, directory_data):
    related_story(story_indexes["en"], directory_data, title="Social pilot")
    StoryPageFactory(parent=story_indexes["en"], title="Unrelated")
    html = client.get(story_indexes["en"].url, {"sector": "social\x00"}).content.decode()
    assert "Social pilot" in html and "Unrelated" not in html and not ignored_notice(html)


def test_profile_lists_the_live_stories_that_mention_it(client, story_indexes, directory_data):
    index = story_indexes["en"]
    old = related_story(index, directory_data, title="Older story", date=datetime.date(2022, 1, 1))
    related_story(index, directory_data, title="Newer story", date=datetime.date(2024, 1, 1))
    related_story(index, directory_data, title="Not about Dolyna", municipalities=["siauliai"])
    draft = related_story(index, directory_data, title="Draft story")
    draft.unpublish()
    translated_story(old, title="Старіша історія")
    html = client.get("/en/directory/dolyna-ua/").content.decode()
    stories = html.split('id="stories-title"')[1]
    assert stories.index("Newer story") < stories.index("Older story")
    assert "Not about Dolyna" not in html and "Draft story" not in html
    assert "Старіша історія" not in html
    html = client.get("/uk/directory/dolyna-ua/").content.decode()
    assert "Старіша історія" in html and "Older story" not in html and "Newer story" not in html


def test_profile_without_stories_has_no_stories_section(client, story_indexes, directory_data):
    html = client.get("/en/directory/dolyna-ua/").content.decode()
    assert 'id="stories-title"' not in html


def test_profile_stories_are_bounded_and_cost_constant_queries(
    client, story_indexes, directory_data
):
    from community.views import PROFILE_STORIES

    index = story_indexes["en"]
    related_story(index, directory_data)
    one = count_queries(client, "/en/directory/dolyna-ua/")
    for _n in range(PROFILE_STORIES + 2):
        related_story(index, directory_data)
    html = client.get("/en/directory/dolyna-ua/").content.decode()
    assert html.split('id="stories-title"')[1].count('class="card"') == PROFILE_STORIES
    assert count_queries(client, "/en/directory/dolyna-ua/") == one


def test_story_names_the_partners_ukrainian_first_on_ukrainian_pages(
    client, story_indexes, directory_data
):
    Municipality.objects.filter(slug="dolyna-ua").update(local_name="Долина")  # both languages
    story = related_story(story_indexes["en"], directory_data)
    english = client.get(story.url).content.decode()
    assert "Dolyna – Šiauliai district" in english
    html = client.get(translated_story(story).url).content.decode()
    assert '<a href="/uk/directory/dolyna-ua/">Долина</a>' in html
    assert "Долина – Šiauliai district" in html
    assert "Dolyna – Šiauliai district" not in html


def test_related_records_are_shared_per_generation_but_never_with_a_preview(
    client, story_indexes, directory_data, settings
):
    """With what is read once per content generation shared (as in production), a story's
    related records come from the generation's copy; a draft's preview reads its own and
    never leaves them for visitors; publishing the draft shows them at once."""
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_EXCLUDE = [r"^/"]  # every request renders
    story = related_story(story_indexes["en"], directory_data, municipalities=["dolyna"])
    siauliai_link = '<a href="/en/directory/siauliai-lt/">Šiauliai district</a>'
    first = count_queries(client, story.url)
    with CaptureQueriesContext(connection) as context:
        html = client.get(story.url).content.decode()
    assert len(context) <= first
    assert not any('"community_municipality"' in query["sql"] for query in context)
    assert '<a href="/en/directory/dolyna-ua/">Dolyna</a>' in html
    assert siauliai_link not in html

    story.municipalities = [directory_data["dolyna"], directory_data["siauliai"]]
    revision = story.save_revision()
    preview = story.get_latest_revision_as_object().make_preview_request()
    assert siauliai_link in preview.rendered_content
    assert siauliai_link not in client.get(story.url).content.decode()

    revision.publish()
    assert siauliai_link in client.get(story.url).content.decode()
