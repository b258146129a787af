"""A call for proposals links to the partner search filtered by its own data."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

from calls.factories import CallIndexPageFactory, CallPageFactory


def _partner_link(client, call):
    html = client.get(call.url).content.decode()
    found = re.search(r'<a href="([^"]+)">Find a partner for this call</a>', html)
    assert found, "the call page has no partner search link"
    return unescape(found.group(1))


def test_call_links_to_the_search_filtered_by_its_countries_and_sectors(client, directory, homes):
    call = CallPageFactory(
        parent=CallIndexPageFactory(parent=homes["en"]),
        slug="water-fund",
        partner_countries=["LT", "PL"],
        sectors=["water"],
    )
    link = _partner_link(client, call)
    parts = urlsplit(link)
    assert parts.path == "/en/partners/"
    assert sorted(parse_qsl(parts.query)) == [
        ("call", str(call.pk)),  # carried to the interest form (tests/community/...calls.py)
        ("country", "LT"),
        ("country", "PL"),
        ("offers", "water"),
    ]

    # Following it: partners in Lithuania or Poland that offer water expertise (Gdańsk is in
    # Poland but offers energy). The page shows what the API, given the same query, returns.
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Šiauliai district" in html and "Gdańsk" not in html
    api = client.get("/api/partners/?" + parts.query).json()
    assert [result["slug"] for result in api["results"]] == ["siauliai"]
    assert api["results"][0]["country"] == "LT"


def test_the_link_follows_the_calls_data(client, directory, homes):
    index = CallIndexPageFactory(parent=homes["en"])
    # The call names the directory's own sectors: each is a filter value as it is. A partner
    # country whose municipalities the directory does not list (Norway) is left out.
    two = CallPageFactory(
        parent=index,
        slug="two-sector-fund",
        partner_countries=["DE", "NO"],
        sectors=["administration", "eu-integration"],
    )
    query = sorted(parse_qsl(urlsplit(_partner_link(client, two)).query))
    assert query == [
        ("call", str(two.pk)),
        ("country", "DE"),
        ("offers", "administration"),
        ("offers", "eu-integration"),
    ]

    # A call open to any partner country and sector links to the unfiltered search.
    anyone = CallPageFactory(parent=index, slug="open-fund", partner_countries=[], sectors=[])
    assert _partner_link(client, anyone) == f"/en/partners/?call={anyone.pk}"

    # Edited data, edited link: no hand-typed URL to fall out of date.
    anyone.partner_countries = ["LT"]
    anyone.save_revision().publish()
    assert urlsplit(_partner_link(client, anyone)).query == f"country=LT&call={anyone.pk}"


def test_no_link_where_the_language_has_no_partner_search(client, homes):
    call = CallPageFactory(parent=CallIndexPageFactory(parent=homes["en"]), slug="fund")
    assert "Find a partner for this call" not in client.get(call.url).content.decode()
