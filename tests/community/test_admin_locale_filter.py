"""The admin's locale filter (issue 15, finding 11): municipalities are listed once per language
and the filter switches the language, on the snippet listings and on the page listings."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.models import Locale

from community.factories import MunicipalityFactory
from community.models import Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("root", "root@bot.example", "pw"))
    return client


def listed_titles(html):
    """The titles of the rows of a snippet listing."""
    return [
        unescape(title)
        for title in re.findall(r'<span id="snippet_\d+_title">([^<]*)</span>', html)
    ]


def test_municipalities_filtered_by_locale(admin_client, directory):
    source = MunicipalityFactory(name="Dolyna", slug="dolyna")
    uk = source.copy_for_translation(Locale.objects.get(language_code="uk"))
    uk.name = "Долина"
    uk.save()
    url = reverse("wagtailsnippets_community_municipality:list")
    default = admin_client.get(url).content.decode()
    assert "Dolyna" in default and "Долина" not in default  # one row per municipality
    only_uk = admin_client.get(url + "?locale=uk").content.decode()
    assert "Долина" in only_uk and ">Dolyna<" not in only_uk
    rows = listed_titles(only_uk)
    assert len(rows) == 1 and "Долина" in rows[0]
    # The filter is offered with both languages.
    assert 'name="locale"' in default and 'value="uk"' in default


def test_sectors_filtered_by_locale(admin_client, sectors):
    url = reverse("wagtailsnippets_community_sector:list")
    uk_names = set(Sector.objects.filter(locale__language_code="uk").values_list("name", flat=True))
    en_names = set(Sector.objects.filter(locale__language_code="en").values_list("name", flat=True))
    listed = set(listed_titles(admin_client.get(url + "?locale=uk").content.decode()))
    assert listed == uk_names
    listed = set(listed_titles(admin_client.get(url + "?locale=en").content.decode()))
    assert listed == en_names


def test_page_listing_filtered_by_locale(admin_client, directory):
    url = reverse("wagtailadmin_explore_root")
    both = admin_client.get(url).content.decode()
    assert "Каталог учасників" not in both  # the root lists the two home pages
    uk_home = directory["uk"].get_parent()
    en_home = directory["en"].get_parent()
    html = admin_client.get(url + "?locale=uk").content.decode()
    assert f'href="{reverse("wagtailadmin_explore", args=[uk_home.pk])}"' in html
    assert f'href="{reverse("wagtailadmin_explore", args=[en_home.pk])}"' not in html
    html = admin_client.get(url + "?locale=en").content.decode()
    assert f'href="{reverse("wagtailadmin_explore", args=[en_home.pk])}"' in html
    assert f'href="{reverse("wagtailadmin_explore", args=[uk_home.pk])}"' not in html
