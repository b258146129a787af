"""Story pages and the story index as visitors see them: in both languages, with every body
block, filters in the URL, bad input, scheduled publishing and a constant number of queries."""

import datetime
import json
import re
from unittest import mock

import pytest
import wagtail_factories
from django.core.management import call_command
from django.utils import timezone

from community.factories import MunicipalityFactory, ProgrammeFactory, build_sectors
from stories.factories import StoryPageFactory
from stories.models import StoryPage

from .helpers import ignored_notice, translated_story


@pytest.fixture
def fake_video_finder(settings):
    """Video addresses answered without the network (Wagtail caches its finders: reset them)."""
    from wagtail.embeds.finders import get_finders

    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tests.stories.helpers.FakeVideoFinder"}]
    get_finders.cache_clear()
    yield
    get_finders.cache_clear()


def every_block(image, page):
    """A story body with one block of each kind, as stored (real block names)."""
    return json.dumps(
        [
            {"type": "heading", "value": {"text": "What happened", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Eleven tons of aid reached Dolyna.</p>"},
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "decorative": False, "alt_text": "Aid trucks"},
                    "caption": "Loading in Šiauliai",
                    "credit": "Šiauliai district",
                },
            },
            {"type": "quote", "value": {"quote": "Help arrived.", "attribution": "A mayor"}},
            {
                "type": "key_figures",
                "value": {"heading": "Figures", "figures": [{"figure": "36", "label": "children"}]},
            },
            {
                "type": "gallery",
                "value": {
                    "heading": "Summer school",
                    "images": [
                        {"image": image.pk, "decorative": False, "alt_text": "Children playing"},
                        {"image": image.pk, "decorative": False, "alt_text": "A lake"},
                    ],
                    "credit": "Partner",
                },
            },
            {
                "type": "video",
                "value": {
                    "video": "https://video.example/watch?v=1",
                    "title": "The summer school in two minutes",
                    "caption": "Filmed by the partner",
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "title": "Find a partner",
                    "text": "",
                    "link_text": "Search",
                    "page": page.pk,
                    "external_url": "",
                },
            },
        ]
    )


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(title="Trucks", description="Trucks loaded with aid")


@pytest.mark.parametrize("language", ["en", "uk"])
def test_story_renders_every_block_in_both_languages(
    client, fake_video_finder, story_indexes, image, language
):
    story = StoryPageFactory(
        parent=story_indexes["en"],
        hero_image=image,
        hero_caption="At the depot",
        hero_credit="Šiauliai district",
        body=every_block(image, story_indexes["en"]),
        contact_role="Partnerships team",
        contact_email="partnerships@example.org",
        tags=["humanitarian aid"],
        countries=["LT", "UA"],
    )
    page = story if language == "en" else translated_story(story)
    html = client.get(page.url).content.decode()
    assert f"<h1>{page.title}</h1>" in html
    assert 'alt="Trucks loaded with aid"' in html  # the hero's alt falls back to the description
    assert "<source" in html and "image/avif" in html and "srcset=" in html
    assert 'alt="Children playing"' in html and "Summer school" in html
    # The player stays in a <template> until the reader asks for it.
    assert re.search(r"<template>((?!</template>).)*<iframe[^>]+video\.example", html, re.S)
    assert "Eleven tons of aid reached Dolyna." in html
    assert "Lithuania, Ukraine" in html or "Литва, Україна" in html
    assert "mailto:partnerships@example.org" in html


@pytest.mark.parametrize("language", ["en", "uk"])
def test_story_index_renders_in_both_languages(client, story_indexes, language):
    story = StoryPageFactory(parent=story_indexes["en"], title="English only")
    uk_story = translated_story(StoryPageFactory(parent=story_indexes["en"]), title="Українською")
    html = client.get(story_indexes[language].url).content.decode()
    assert (story.title in html) == (language == "en")
    assert (uk_story.title in html) == (language == "uk")


def test_index_lists_newest_first_and_features_the_chosen_story(client, story_indexes):
    index = story_indexes["en"]
    old = StoryPageFactory(parent=index, title="Oldest", date=datetime.date(2023, 1, 1))
    StoryPageFactory(parent=index, title="Middle", date=datetime.date(2024, 1, 1))
    StoryPageFactory(parent=index, title="Newest", date=datetime.date(2025, 1, 1))
    html = client.get(index.url).content.decode()
    grid = html.split('class="card-grid"')[1]
    assert html.index("featured-story") < html.index('class="card-grid"')
    assert grid.index("Middle") < grid.index("Oldest")
    assert "Newest" not in grid  # featured (the newest by default), not repeated below
    index.featured_story = old
    index.save_revision().publish()
    html = client.get(index.url).content.decode()
    featured, grid = html.split('class="card-grid"')
    assert "Oldest" in featured.split("featured-story__card")[1]
    assert grid.index("Newest") < grid.index("Middle")


def test_filters_combine_and_stay_in_the_url(client, story_indexes):
    index = story_indexes["en"]
    StoryPageFactory(parent=index, title="LT aid", kind="success", tags=["aid"], countries=["LT"])
    StoryPageFactory(parent=index, title="LT news", kind="news", tags=["aid"], countries=["LT"])
    StoryPageFactory(parent=index, title="PL news", kind="news", tags=["forum"], countries=["PL"])
    response = client.get(index.url, {"kind": "news", "country": "lt", "tag": "aid"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "LT news" in html and "LT aid" not in html and "PL news" not in html
    assert '<option value="news" selected>' in html and '<option value="LT" selected>' in html
    html = client.get(index.url, {"tag": "forum"}).content.decode()
    assert "PL news" in html and "LT news" not in html


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ({"kind": "poem"}, "Kind"),
        ({"country": "ZZ"}, "Country"),
        ({"tag": "x" * 300}, "Tag"),
        ({"tag": "!!"}, "Tag"),
        ({"kind": "news\x00x"}, "Kind"),
    ],
)
def test_impossible_filter_values_are_ignored_and_the_page_says_so(
    client, story_indexes, query, label
):
    StoryPageFactory(parent=story_indexes["en"], title="Only story")
    response = client.get(story_indexes["en"].url, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Only story" in html
    assert label in ignored_notice(html)
    assert '<meta name="robots" content="noindex, follow">' in html


def test_bogus_country_and_kind_list_every_story_with_a_notice(client, story_indexes):
    """The shared rule of every listing: 200, the values ignored, and the page says so."""
    index = story_indexes["en"]
    for title, kind in (("Aid arrives", "success"), ("Forum held", "news"), ("Pilot ends", "news")):
        StoryPageFactory(parent=index, title=title, kind=kind, countries=["UA"])
    response = client.get(index.url, {"country": "ZZ", "kind": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert all(title in html for title in ("Aid arrives", "Forum held", "Pilot ends"))
    notice = ignored_notice(html)
    assert "Country" in notice and "Kind" in notice and "Tag" not in notice
    assert "No stories match" not in html
    assert client.get(index.url).context["filters"].ignored == ()


@pytest.mark.parametrize(
    "query", [{"tag": "no-such-tag"}, {"page": "abc"}, {"page": "99999"}, {"page": "-1"}]
)
def test_unknown_tags_and_odd_page_numbers_are_not_errors(client, story_indexes, query):
    StoryPageFactory(parent=story_indexes["en"], title="Only story")
    response = client.get(story_indexes["en"].url, query)
    assert response.status_code == 200
    if "tag" in query:
        assert "No stories match these filters." in response.content.decode()


def test_pagination_keeps_the_filters(client, story_indexes):
    index = story_indexes["en"]
    for _n in range(index.per_page + 2):
        StoryPageFactory(parent=index, kind="news")
    html = client.get(index.url, {"kind": "news"}).content.decode()
    assert 'href="?kind=news&amp;page=2"' in html


def test_scheduled_story_stays_hidden_until_its_time(client, story_indexes):
    index = story_indexes["en"]
    story = StoryPageFactory(parent=index, title="Embargoed", live=False)
    story.go_live_at = timezone.now() + datetime.timedelta(days=1)
    story.save_revision().publish()
    story.refresh_from_db()
    assert not story.live
    assert "Embargoed" not in client.get(index.url).content.decode()
    assert "Embargoed" not in client.get(index.url + "feed/").content.decode()
    assert client.get("/en/stories/" + story.slug + "/").status_code == 404

    # A day later Wagtail's publish_scheduled command (run by cron) publishes it.
    tomorrow = timezone.now() + datetime.timedelta(days=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        call_command("publish_scheduled")
    assert "Embargoed" in client.get(index.url).content.decode()
    assert "Embargoed" in client.get(index.url + "feed/").content.decode()


def test_index_query_count_does_not_grow_with_the_number_of_stories(
    client, story_indexes, django_assert_max_num_queries
):
    index = story_indexes["en"]
    images = [wagtail_factories.ImageFactory() for _n in range(3)]
    sectors = list(build_sectors().values())
    programmes = [ProgrammeFactory() for _n in range(2)]
    municipalities = [MunicipalityFactory() for _n in range(3)]

    def add_stories(count):
        for n in range(count):
            story = StoryPageFactory(
                parent=index,
                hero_image=images[n % 3],
                tags=[f"tag {n % 4}"],
                countries=["UA"],
                programme=programmes[n % 2],
            )
            story.sectors = sectors[n % 5 : n % 5 + 2]
            story.municipalities = municipalities[: n % 3 + 1]
            story.save()

    def queries_for_index():
        client.get(index.url)  # the first request makes the renditions
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get(index.url).status_code == 200
        return len(context)

    add_stories(5)
    with_five = queries_for_index()
    add_stories(95)
    with django_assert_max_num_queries(with_five):
        assert client.get(index.url).status_code == 200
    assert queries_for_index() == with_five


def test_story_and_index_previews_render(story_indexes):
    story = StoryPageFactory(parent=story_indexes["en"])
    assert story.make_preview_request().status_code == 200
    assert story_indexes["en"].make_preview_request().status_code == 200


def test_social_tags_and_news_article_structured_data(client, story_indexes, image):
    story = StoryPageFactory(parent=story_indexes["en"], hero_image=image, tags=["aid"])
    html = client.get(story.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert re.search(r'<meta property="og:image" content="http[^"]+\.jpg">', html)
    assert f'<link rel="canonical" href="{story.full_url}">' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == story.title
    assert data["datePublished"] == story.date.isoformat()
    assert data["keywords"] == ["aid"]


def test_structured_data_cannot_be_broken_out_of(client, story_indexes):
    story = StoryPageFactory(parent=story_indexes["en"], title="</script><script>alert(1)")
    html = client.get(story.url).content.decode()
    assert "</script><script>alert(1)" not in html


def test_stories_of_both_languages_are_in_the_sitemap(client, story_indexes):
    story = StoryPageFactory(parent=story_indexes["en"], slug="aid-story")
    story.save_revision().publish()
    translated_story(StoryPage.objects.get(pk=story.pk))
    xml = client.get("/sitemap.xml").content.decode()
    assert "/en/stories/aid-story/</loc>" in xml
    assert "/uk/stories/aid-story/</loc>" in xml
    entry = xml.split("/en/stories/aid-story/</loc>")[1].split("</url>")[0]
    # The sitemap writes the date in the site's time zone, not in UTC.
    published = StoryPage.objects.get(pk=story.pk).last_published_at
    assert f"<lastmod>{timezone.localdate(published).isoformat()}" in entry
