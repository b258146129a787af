"""The matchmaking pipeline in the admin (issue 12): interests open, mutual matches,
conversations active and partnerships formed, per country, programme and month, with CSV and
XLSX export; only for staff who may change partnerships."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from community import pipeline
from community.factories import MunicipalityFactory, PartnershipFactory, ProgrammeFactory
from community.interests import pair
from community.models import Interest, Match, PartnershipStatus, Stance
from tests.community.test_member_space import make_member

URL = "/admin/community/pipeline/"


@pytest.fixture
def network(db, sectors):
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna")
    kalush = MunicipalityFactory(name="Kalush", slug="kalush")
    siauliai = MunicipalityFactory(name="Šiauliai district", slug="siauliai", country="LT")
    kosice = MunicipalityFactory(name="Košice", slug="kosice", country="SK")
    uzhhorod = MunicipalityFactory(name="Uzhhorod", slug="uzhhorod")
    # One open interest (Kalush → Šiauliai), one proposal of the Hub (Uzhhorod → Košice).
    Interest.objects.create(
        source=kalush, target=siauliai, stance=Stance.INTERESTED, expressed_at=timezone.now()
    )
    Interest.objects.create(source=uzhhorod, target=kosice, stance=Stance.PROPOSED)
    # A "Not now" is not open.
    Interest.objects.create(source=kosice, target=kalush, stance=Stance.NOT_NOW)
    first, second = pair(dolyna.pk, siauliai.pk)
    Match.objects.create(first_id=first, second_id=second)
    formula = ProgrammeFactory(name="=HYPERLINK(1)", slug="formula")
    PartnershipFactory(
        ukrainian_municipality=dolyna,
        eu_municipality=siauliai,
        programme=formula,
        status=PartnershipStatus.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    PartnershipFactory(ukrainian_municipality=uzhhorod, eu_municipality=kosice, programme=None)
    # Proposed or declined ones are not formed.
    PartnershipFactory(ukrainian_municipality=kalush, eu_municipality=kosice, status="proposed")
    return {"dolyna": dolyna, "siauliai": siauliai}


def test_counts_per_country_programme_and_month(network):
    data = pipeline.pipeline()
    assert data["totals"] == {"interests": 2, "matches": 1, "conversations": 0, "partnerships": 2}
    by_country = dict(data["tables"][0][2])
    assert by_country["Lithuania"] == {
        "interests": 1,
        "matches": 1,
        "conversations": 0,
        "partnerships": 1,
    }
    assert by_country["Slovakia"]["interests"] == 1 and by_country["Slovakia"]["partnerships"] == 1
    by_programme = dict(data["tables"][1][2])
    assert by_programme["=HYPERLINK(1)"]["partnerships"] == 1
    assert by_programme["—"] == {
        "interests": 2,
        "matches": 1,
        "conversations": 0,
        "partnerships": 1,
    }
    month = timezone.localdate().strftime("%Y-%m")
    assert dict(data["tables"][2][2])[month]["matches"] == 1


def test_conversations_with_a_recent_message_count_as_active(network):
    from datetime import timedelta

    from community.models import Conversation

    matches = list(Match.objects.all())
    assert matches
    for match in matches:
        Conversation.objects.get_or_create(match=match)
    assert pipeline.active_conversations() == []  # opened, nothing written yet
    recent, *others = matches
    Conversation.objects.filter(match=recent).update(last_message_at=timezone.now())
    Conversation.objects.filter(match__in=others).update(
        last_message_at=timezone.now() - timedelta(days=pipeline.ACTIVE_DAYS + 1)
    )
    active = pipeline.active_conversations()
    assert len(active) == 1
    assert active[0][0] == pipeline.partner_country(recent.first.country, recent.second.country)


def test_staff_see_the_pipeline_and_export_it(client, network):
    client.force_login(User.objects.create_superuser("hub", "hub@bot.example", "pw"))
    page = client.get(URL)
    html = page.content.decode()
    assert page.status_code == 200 and "Matchmaking pipeline" in html
    assert "Interests open" in html and "Lithuania" in html
    assert "Dolyna – Šiauliai district" in html  # confirmed, waiting for publication
    assert "no-cache" in page["Cache-Control"]
    menu = client.get("/admin/").content.decode()
    assert URL in menu
    # CSV: headings, counts, and a programme named like a formula stays text.
    response = client.get(URL + "?export=csv")
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Counted by",
        "Value",
        "Interests open",
        "Mutual matches",
        "Conversations active",
        "Partnerships formed",
    ]
    assert ["Country", "Lithuania", "1", "1", "0", "1"] in rows
    assert ["Programme", "'=HYPERLINK(1)", "0", "0", "0", "1"] in rows
    # XLSX: the same numbers as numbers; the formula is a string, not a formula.
    response = client.get(URL + "?export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert ["Country", "Slovakia", 1, 0, 0, 1] in values
    assert ["Programme", "=HYPERLINK(1)", 0, 0, 0, 1] in values
    cell = next(c for row in workbook.active.iter_rows() for c in row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"


def test_only_staff_who_may_change_partnerships(client, network):
    member = make_member(network["dolyna"], "olena@dolyna.example")
    client.force_login(member)
    assert client.get(URL).status_code == 302  # no admin access at all
    editor = User.objects.create_user("editor", "editor@bot.example", "pw")
    group = Group.objects.create(name="Admin only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    for url in (URL, URL + "?export=csv"):
        refused = client.get(url)
        assert refused.status_code == 302 and refused["Location"] == "/admin/"
    partnership = network["dolyna"].partnerships_as_ukrainian.get()
    publish = client.post(f"/admin/community/partnerships/{partnership.pk}/publish/")
    assert publish.status_code == 302 and publish["Location"] == "/admin/"
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.CONFIRMED
    assert URL not in client.get("/admin/").content.decode()


def test_a_ukrainian_speaking_admin_sees_programmes_and_names_in_ukrainian(client, network):
    """Issue 15, finding 5: the admin's language (the staff member's preference) names the
    programmes in the pipeline and the partnerships waiting, Ukrainian first."""
    from wagtail.models import Locale
    from wagtail.users.models import UserProfile

    dolyna = network["dolyna"]
    dolyna.local_name = "Долина"
    dolyna.save()
    pilot = ProgrammeFactory(name="Bridges of Trust pilot", slug="pilot")
    ukrainian = pilot.copy_for_translation(Locale.objects.get(language_code="uk"))
    ukrainian.name = "Пілотна фаза «Мостів довіри»"
    ukrainian.save()
    waiting = dolyna.partnerships_as_ukrainian.get(status=PartnershipStatus.CONFIRMED)
    waiting.programme = pilot
    waiting.save()
    staff = User.objects.create_superuser("hub-uk", "hub-uk@bot.example", "pw")
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "uk"
    profile.save()
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert "Долина – Šiauliai district" in html
    assert html.count("Пілотна фаза «Мостів довіри»") == 2  # the waiting row and the table
    assert "Bridges of Trust pilot" not in html
