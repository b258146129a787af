"""The Community admin menu: permissions, filters and safe exports."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone

from community.factories import MunicipalityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_community_municipality:list"


def make_user(username, group=None, **extra):
    user = User.objects.create_user(username, f"{username}@bot.example", "pw", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    return client


def test_user_without_permission_is_refused(client, sectors):
    MunicipalityFactory(name="Dolyna", contact_email="secret@dolyna.example")
    user = make_user("visitor", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in (reverse(LIST), reverse(LIST) + "?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"secret@dolyna.example" not in response.content
    municipality_id = MunicipalityFactory().pk
    edit = reverse("wagtailsnippets_community_municipality:edit", args=[municipality_id])
    assert client.get(edit).status_code in (302, 403)


def test_editor_can_edit_but_not_publish(client, sectors):
    municipality = MunicipalityFactory(name="Dolyna")
    client.force_login(make_user("editor", "Editors", is_staff=True))
    assert client.get(reverse(LIST)).status_code == 200
    assert not User.objects.get(username="editor").has_perm("community.publish_municipality")
    edit = reverse("wagtailsnippets_community_municipality:edit", args=[municipality.pk])
    assert client.get(edit).status_code == 200


def test_moderator_can_publish(db):
    moderator = make_user("moderator", "Moderators", is_staff=True)
    assert moderator.has_perm("community.publish_municipality")
    assert moderator.has_perm("community.change_partnership")


def test_export_neutralises_formulas(admin_client, sectors):
    MunicipalityFactory(
        name='=HYPERLINK("http://evil.example")', region="+cmd", contact_name="@SUM(1)"
    )
    response = admin_client.get(reverse(LIST) + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    data = rows[1]
    assert data[0] == '\'=HYPERLINK("http://evil.example")'
    assert "'+cmd" in data and "'@SUM(1)" in data

    response = admin_client.get(reverse(LIST) + "?export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [cell.value for cell in next(workbook.active.iter_rows(min_row=2))]
    # XLSX stores it as text already: no visible apostrophe (issue 15, finding 11).
    assert values[0] == '=HYPERLINK("http://evil.example")'
    assert workbook.active.cell(row=2, column=1).data_type == "s"


def test_stale_filter_and_column(admin_client, sectors):
    old = timezone.localdate() - datetime.timedelta(days=500)
    MunicipalityFactory(name="Old town", last_confirmed=old)
    MunicipalityFactory(name="Fresh town")
    html = admin_client.get(reverse(LIST) + "?stale=true").content.decode()
    assert "Old town" in html and "Fresh town" not in html
    html = admin_client.get(reverse(LIST)).content.decode()
    assert "Not confirmed for 12 months" in html


def test_partnership_admin_lists_pairs(admin_client, sectors):
    PartnershipFactory(
        ukrainian_municipality__name="Dolyna", eu_municipality__name="Šiauliai district"
    )
    html = admin_client.get(reverse("wagtailsnippets_community_partnership:list")).content.decode()
    assert "Dolyna – Šiauliai district" in html
    # A record per language: each row says its language.
    assert "w-text-16" in html and "English" in html


def test_admin_preview_renders_the_profile(admin_client, directory):
    municipality = MunicipalityFactory(name="Dolyna", contact_email="secret@dolyna.example")
    response = municipality.make_preview_request()
    html = response.render().content.decode() if hasattr(response, "render") else ""
    html = html or response.content.decode()
    assert response.status_code == 200
    assert "Preview: this is how the public profile will look." in html
    assert "secret@dolyna.example" not in html


def test_municipalities_listed_once_with_status_and_xlsx_in_site_time(admin_client, sectors):
    """Finding 11 of the walk (issue 15)."""
    from wagtail.models import Locale

    town = MunicipalityFactory(
        name="Dolyna",
        contact_phone="+380 11 222 33 44",
        registered_at=datetime.datetime(2026, 1, 15, 9, 30, tzinfo=datetime.UTC),
    )
    uk = town.copy_for_translation(Locale.objects.get_or_create(language_code="uk")[0])
    uk.save()
    edit = "/admin/snippets/community/municipality/edit/{}/"
    html = admin_client.get(reverse(LIST)).content.decode()
    assert edit.format(town.pk) in html and edit.format(uk.pk) not in html
    assert "Status" in html and "Last confirmed" in html and "Country" in html

    response = admin_client.get(reverse(LIST) + "?export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    header, data = rows[0], rows[1]
    assert data[header.index("Contact's phone")] == "+380 11 222 33 44"
    # 09:30 UTC is 10:30 in Brussels in January.
    assert data[header.index("Registered through the form")] == datetime.datetime(
        2026, 1, 15, 10, 30
    )


def test_moderators_dashboard_lists_registrations_and_edits_waiting(admin_client, client, sectors):
    """Finding 11 of the walk (issue 15)."""
    MunicipalityFactory(name="Kalush", live=False, registered_at=timezone.now())
    edited = MunicipalityFactory(name="Dolyna")
    edited.description = "<p>Changed by the member.</p>"
    edited.save_revision()
    html = admin_client.get("/admin/").content.decode()
    assert "Municipalities waiting for moderation" in html
    assert "1 new registration" in html and "Kalush" in html
    assert "1 profile edit waiting" in html and "Dolyna" in html
    reader = make_user("reader")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Municipalities waiting for moderation" not in response.content.decode()
