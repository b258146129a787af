"""RSS and Atom feeds per language: well-formed XML with only the published stories of that
language, optionally of one tag."""

import xml.etree.ElementTree as ET  # parses the portal's own output, not untrusted XML

import pytest

from stories.factories import StoryPageFactory

from .helpers import translated_story

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def stories(story_indexes):
    index = story_indexes["en"]
    aid = StoryPageFactory(parent=index, title="Aid arrives", tags=["humanitarian aid"])
    forum = StoryPageFactory(parent=index, title="Forum held", tags=["forum"])
    StoryPageFactory(parent=index, title="Draft story", live=False)
    translated_story(aid, title="Допомога прибула")
    return {"aid": aid, "forum": forum}


def rss_titles(response):
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    return channel.findtext("language"), [item.findtext("title") for item in channel.iter("item")]


def atom_titles(response):
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == f"{ATOM}feed"
    for entry in root.iter(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
    language = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return language, [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_rss_feed_has_the_published_stories_of_its_language(client, stories):
    assert rss_titles(client.get("/en/stories/feed/")) == ("en", ["Forum held", "Aid arrives"])
    assert rss_titles(client.get("/uk/stories/feed/")) == ("uk", ["Допомога прибула"])


def test_atom_feed_has_the_published_stories_of_its_language(client, stories):
    assert atom_titles(client.get("/en/stories/feed/atom/")) == (
        "en",
        ["Forum held", "Aid arrives"],
    )
    assert atom_titles(client.get("/uk/stories/feed/atom/")) == ("uk", ["Допомога прибула"])


def test_feeds_filtered_by_tag(client, stories):
    assert rss_titles(client.get("/en/stories/feed/tag/forum/"))[1] == ["Forum held"]
    assert rss_titles(client.get("/en/stories/feed/?tag=humanitarian-aid"))[1] == ["Aid arrives"]
    assert atom_titles(client.get("/en/stories/feed/tag/forum/atom/"))[1] == ["Forum held"]
    assert rss_titles(client.get("/en/stories/feed/tag/unknown/"))[1] == []


def test_items_link_to_the_story_and_carry_tags(client, stories):
    response = client.get("/en/stories/feed/")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    item = channel.find("item")
    assert item.findtext("link").endswith("/en/stories/" + stories["forum"].slug + "/")
    assert item.findtext("guid") == item.findtext("link")
    assert [c.text for c in item.findall("category")] == ["forum"]
    assert item.findtext("pubDate")


def test_a_value_that_cannot_be_a_tag_is_a_400(client, stories):
    assert client.get("/en/stories/feed/", {"tag": "!!!"}).status_code == 400
    assert client.get("/en/stories/feed/", {"tag": "x" * 101}).status_code == 400


def test_index_advertises_its_feeds(client, stories):
    html = client.get("/en/stories/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/en/stories/feed/atom/"' in html
