"""The demo shows matchmaking (issue 15, finding 10): enough real municipalities in enough
countries, explained suggestions on every Ukrainian municipality's match page, candidates
behind each open call's "Find a partner for this call" link, data marked as a demonstration."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from calls.models import CallPage
from community.models import Municipality, Partnership

pytestmark = pytest.mark.django_db

MATCH = re.compile(r'<li class="match">(.*?)</li>\s*(?=<li class="match">|</ol>)', re.S)


def _suggestions(html):
    """Each suggestion of a match page: the list of its reasons as shown."""
    found = []
    for item in MATCH.findall(html):
        reasons = re.search(r'<ul class="match__reasons">(.*?)</ul>', item, re.S)
        found.append(re.findall(r"<li>(.*?)</li>", reasons.group(1), re.S) if reasons else [])
    return found


def test_the_demo_has_forty_municipalities_in_ten_eu_countries_and_ukraine(demo_site):
    live = Municipality.objects.live().filter(locale__language_code="en")
    assert live.count() >= 40
    countries = set(live.values_list("country", flat=True))
    assert "UA" in countries and len(countries - {"UA"}) >= 10
    assert live.filter(country="UA").count() >= 10
    # Real places: coordinates, population, region and a local-script name for Ukraine.
    assert not live.filter(latitude__isnull=True) and not live.filter(population__isnull=True)
    assert not live.filter(region="")
    assert not live.filter(country="UA", local_name="")
    # Every profile in both languages.
    assert Municipality.objects.live().filter(locale__language_code="uk").count() == live.count()


def test_every_ukrainian_match_page_shows_three_explained_suggestions(client, demo_site):
    ukrainian = Municipality.objects.live().filter(locale__language_code="en", country="UA")
    for municipality in ukrainian:
        for language, offers in (("en", "Offers expertise that"), ("uk", "Має досвід, потрібний")):
            url = f"/{language}/partners/match/{municipality.slug}/"
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert "No suitable partner was found yet." not in html, url
            suggestions = _suggestions(html)
            assert len(suggestions) >= 3, url
            assert all(reasons for reasons in suggestions), url
            # At least three say which of its needs they can help with.
            helping = [r for r in suggestions if any(offers in reason for reason in r)]
            assert len(helping) >= 3, (url, suggestions[:3])


def test_each_open_call_links_to_partners_the_search_finds(client, demo_site):
    calls = CallPage.objects.live().open()
    assert calls.exists()
    for call in calls:
        html = client.get(call.url).content.decode()
        found = re.search(
            r'<a href="([^"]+)">[^<]*</a></p>', html.split('class="call-partners"')[1]
        )
        link = unescape(found.group(1))
        parts = urlsplit(link)
        page = client.get(link)
        assert page.status_code == 200, link
        language = call.locale.language_code
        api = client.get(f"/api/partners/?{parts.query}&lang={language}").json()
        assert api["results"], link
        assert api["results"][0]["name"] in unescape(page.content.decode()), link


def test_the_demo_profiles_and_pairings_say_they_are_demonstration_data(client, demo_site):
    html = client.get("/en/directory/lviv-ua/").content.decode()
    assert "Demonstration profile" in html and "Львів" in html
    uk = client.get("/uk/directory/lviv-ua/").content.decode()
    assert "Демонстраційний профіль" in uk
    # The pair the reports name, and demonstration pairings marked as such.
    assert Partnership.objects.filter(
        locale__language_code="en",
        ukrainian_municipality__slug="dolyna-ua",
        eu_municipality__slug="siauliai-district-lt",
        programme__slug="bot-pilot",
    ).exists()
    pairings = Partnership.objects.filter(locale__language_code="en").exclude(
        programme__slug="bot-pilot"
    )
    assert pairings.count() >= 3
    assert all("Demonstration pairing" in p.activities for p in pairings)
    # The SUN4Ukraine cities have no invented partners.
    assert not Partnership.objects.filter(ukrainian_municipality__slug__in=["kyiv-ua", "rivne-ua"])


def test_seeding_the_demo_again_duplicates_nothing(demo_site):
    counts = (Municipality.objects.count(), Partnership.objects.count())
    revisions = sum(m.revisions.count() for m in Municipality.objects.all())
    call_command("seed_demo", "--no-accounts", verbosity=0)
    assert counts == (Municipality.objects.count(), Partnership.objects.count())
    assert revisions == sum(m.revisions.count() for m in Municipality.objects.all())
