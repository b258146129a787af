"""Ukrainian first on /uk/ (issue 15, finding 5): what a walk in Chromium still found in
English or Latin on the Ukrainian pages of the demo, each rendered as a visitor or member sees
it: programme, region, sector and joint-project names translated, the member's own
municipality and the event registration's towns named in Ukrainian first, lists in the order
of the Ukrainian alphabet, one "Forgot your password?" and the right words for an open call."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import Locale

from calls.models import CallPage
from community.models import Membership, Municipality, Role
from portal.collation import sort_key
from portal.countries import FIRST
from stories.models import EventIndexPage
from tests.stories.registration_helpers import open_event, register_url

pytestmark = pytest.mark.django_db


def _text(response):
    assert response.status_code == 200
    html = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _options(response, name):
    html = response.content.decode()
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return [
        (value, unescape(label).strip())
        for value, label in re.findall(
            r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)
        )
    ]


@pytest.fixture
def olena(client, demo_site):
    """A member of Dolyna (the demo's Ukrainian pilot municipality), signed in."""
    dolyna = Municipality.objects.get(slug="dolyna-ua", locale__language_code="en")
    user = get_user_model().objects.create_user("olena-uk", "olena-uk@dolyna.example", "x")
    Membership.objects.create(user=user, municipality=dolyna, role=Role.ADMIN)
    client.force_login(user)
    return dolyna


def test_dashboard_names_the_programme_municipality_region_and_sectors_in_ukrainian(client, olena):
    text = _text(client.get(f"/uk/account/municipality/{olena.pk}/"))
    # 1. The partnership's programme (a translated snippet).
    assert "Пілотна фаза «Мостів довіри»" in text
    assert "Bridges of Trust pilot" not in text
    # 5. The member's own municipality: Ukrainian first, in the title and in the reasons.
    assert "Моя громада" in text and "Долина (Dolyna)" in text
    assert "потрібний громаді Долина" in text
    assert "Dolyna (Долина)" not in text and "громаді Dolyna" not in text
    # 6. The preview "as the public sees it": region and sectors in Ukrainian.
    preview = text.split("Профіль, як його бачать відвідувачі")[1]
    assert "Івано-Франківська область" in preview and "Ivano-Frankivsk Oblast" not in preview
    assert "Культура та молодь" in preview and "Culture and youth" not in preview
    assert "Social services and IDPs" not in preview and "Education" not in preview


def test_the_partnership_list_picks_the_programme_translation_without_a_query_per_row(
    client, olena, django_assert_max_num_queries
):
    from community import partnerships

    with translation.override("uk"):
        records = partnerships.of_municipality(olena) * 3  # as if there were three
        # The language's programmes (and its fallback language), once for all rows.
        with django_assert_max_num_queries(2):
            partnerships.name_programmes(records, Locale.objects.get(language_code="uk"))
    assert {p.programme_display.name for p in records} == {"Пілотна фаза «Мостів довіри»"}
    text = _text(client.get(f"/uk/account/municipality/{olena.pk}/partnerships/"))
    assert "Пілотна фаза «Мостів довіри»" in text and "Bridges of Trust pilot" not in text


def test_match_page_regions_are_ukrainian_and_not_in_capitals(client, demo_site):
    response = client.get("/uk/partners/match/dolyna-ua/")
    text = _text(response)
    assert "Латвія · Відземе" in text and "Литва · Алітуський повіт" in text
    assert "Vidzeme" not in text and "Alytus County" not in text
    html = response.content.decode()
    assert 'class="card__type card__type--names"' in html
    # The modifier lifts the capitals of .card__type (a region's name keeps its case).
    css = (Path(settings.BASE_DIR) / "static/css/portal.css").read_text()
    assert ".card__type--names { text-transform: none;" in css


def test_joint_project_titles_of_the_demo_are_ukrainian_on_uk(client, demo_site):
    uk = _text(client.get("/uk/partnerships/"))
    assert "Літня школа для дітей із Долини" in uk
    assert "Модернізація очисних споруд Ужгорода" in uk
    assert "Summer school for children from Dolyna" not in uk
    assert "Modernising Uzhhorod's water treatment plant" not in uk
    profile = _text(client.get("/uk/directory/dolyna-ua/"))
    assert "Літня школа для дітей із Долини" in profile
    en = _text(client.get("/en/partnerships/"))
    assert "Summer school for children from Dolyna" in en and "Літня школа" not in en


def test_event_registration_lists_ukrainian_towns_in_ukrainian_alphabet_order(client, demo_site):
    index = EventIndexPage.objects.get(locale__language_code="uk")
    event = open_event(index, title="Форум", slug="forum-uk")
    response = client.get(register_url(event))
    options = _options(response, "municipality")[1:]
    labels = [label for _value, label in options]
    assert "Долина (Dolyna) (Україна)" in labels and "Dolyna (Долина) (Україна)" not in labels
    assert "Київ (Kyiv) (Україна)" in labels
    ukrainian = [label for label in labels if label.endswith("(Україна)")]
    # Ukrainian names first (Cyrillic before Latin on /uk/), in the alphabet's order: І after И.
    assert labels[: len(ukrainian)] == ukrainian
    assert labels == sorted(labels, key=lambda label: sort_key(label, "uk"))
    assert labels.index("Івано-Франківськ (Ivano-Frankivsk) (Україна)") > labels.index(
        "Житомир (Zhytomyr) (Україна)"
    )
    # Its country select: the network and neighbours (Ukraine first), then every other
    # country, each part in the Ukrainian alphabet's order.
    countries = [label for value, label in _options(response, "country") if value]
    assert countries[0] == "Україна"
    network, others = countries[1 : len(FIRST)], countries[len(FIRST) :]
    assert network == sorted(network, key=lambda name: sort_key(name, "uk"))
    assert others == sorted(others, key=lambda name: sort_key(name, "uk"))
    assert others[0] == "Австралія" and others.index("Єгипет") < others.index("Ємен")
    english = open_event(EventIndexPage.objects.get(locale__language_code="en"), slug="forum-en")
    en = _options(client.get(register_url(english)), "municipality")
    assert "Dolyna (Долина) (Ukraine)" in [label for _value, label in en]


COUNTRY_PAGES = ["/uk/directory/", "/uk/map/", "/uk/events/", "/uk/register/"]


@pytest.mark.parametrize("path", COUNTRY_PAGES)
def test_country_lists_are_in_ukrainian_alphabet_order(client, demo_site, path):
    response = client.get(path, follow=True)
    names = [label for value, label in _options(response, "country") if value]
    assert names[0] == "Україна"
    rest = names[1:]
    assert rest == sorted(rest, key=lambda name: sort_key(name, "uk"))
    # The Ukrainian alphabet, not the English order (Croatia, Cyprus, Czechia, Denmark, …):
    # Хорватія after Франція, Італія after Іспанія and before Кіпр.
    assert rest[0] == "Австрія"
    assert rest.index("Франція") < rest.index("Хорватія")
    assert rest.index("Іспанія") < rest.index("Італія") < rest.index("Кіпр")


def test_partner_search_region_and_country_in_ukrainian(client, demo_site):
    regions = [label for value, label in _options(client.get("/uk/map/"), "region") if value]
    assert "Відземе" in regions and "Vidzeme" not in regions
    assert regions == sorted(regions, key=lambda name: sort_key(name, "uk"))


def test_login_page_offers_forgot_password_once(client, db):
    html = client.get("/uk/account/login/").content.decode()
    assert html.count("Забули пароль?") == 1
    assert "Forgot your password?" not in html


def test_an_open_call_says_applications_opened_not_opens(client, demo_site):
    call = next(c for c in CallPage.objects.live().filter(locale__language_code="uk") if c.is_open)
    text = _text(client.get(call.url))
    assert "Прийом заявок розпочато" in text
    assert "Відкривається" not in text


def test_match_reasons_decline_the_town_with_its_noun(client, olena):
    """ "Співмірна за розміром із Долина" read wrongly: a name in a case-bearing phrase
    stands after "громада" in the right case, and the name itself keeps its form."""
    with translation.override("uk"):
        assert translation.gettext("Comparable size to %(name)s") % {"name": "Долина"} == (
            "Співмірна за розміром із громадою Долина"
        )
        offers = translation.gettext("Needs help that %(name)s offers: %(sectors)s")
        assert offers % {"name": "Долина", "sectors": "Освіта"} == (
            "Потребує допомоги, яку пропонує громада Долина: Освіта"
        )
    text = _text(client.get("/uk/partners/match/dolyna-ua/"))
    assert "громаді Долина" in text or "громадою Долина" in text or "громада Долина" in text
    for wrong in ("із Долина", "з Долина", "пропонує Долина:", "від Долина"):
        assert wrong not in text


def test_call_application_lists_municipalities_in_ukrainian_first_and_order(client, demo_site):
    from tests.calls.helpers import apply_url

    call = next(c for c in CallPage.objects.live().filter(locale__language_code="uk") if c.is_open)
    labels = [
        label
        for value, label in _options(client.get(apply_url(call)), "applicant_municipality")
        if value
    ]
    assert "Долина (Івано-Франківська область)" in labels
    assert not any(label.startswith("Dolyna") for label in labels)
    assert labels == sorted(labels, key=lambda label: sort_key(label, "uk"))
