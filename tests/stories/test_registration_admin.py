"""Organisers in the admin (issue 16): registrants per event with filters, CSV/XLSX export,
attendance, a seat given from the waiting list; editors see none of it."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from stories.models import Registration

from .registration_helpers import emails_to, open_event, person, register_url

pytestmark = pytest.mark.django_db


def make_user(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator(django_user_model):
    return make_user(django_user_model, "moderator", "Moderators")


@pytest.fixture
def event(event_indexes, client):
    event = open_event(
        event_indexes["en"],
        format="hybrid",
        online_url="https://meet.example/forum",
        capacity_on_site=1,
    )
    client.post(register_url(event), person(1, attendance="on_site", country="PL"))
    client.post(register_url(event), person(2, attendance="on_site", interpretation="uk"))
    client.post(register_url(event), person(3, attendance="online", organisation="=SUM(A1)"))
    client.logout()
    return event


def index_url(**query):
    url = reverse("stories_registration:index")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_registrants_of_an_event_with_filters(client, moderator, event):
    client.force_login(moderator)
    html = client.get(index_url(event=event.pk)).content.decode()
    assert all(f"Person {n}" in html for n in (1, 2, 3))
    html = client.get(index_url(event=event.pk, status="waiting")).content.decode()
    assert "Person 2" in html and "Person 1" not in html
    html = client.get(index_url(country="PL")).content.decode()
    assert "Person 1" in html and "Person 2" not in html
    html = client.get(index_url(attendance="online")).content.decode()
    assert "Person 3" in html and "Person 1" not in html
    html = client.get(index_url(interpretation="uk")).content.decode()
    assert "Person 2" in html and "Person 3" not in html


def test_export_csv_and_xlsx(client, moderator, event):
    client.force_login(moderator)
    response = client.get(index_url(event=event.pk, export="csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert "Email" in rows[0]
    emails = {row[rows[0].index("Email")] for row in rows[1:]}
    assert emails == {f"person{n}@town.example" for n in (1, 2, 3)}
    assert "'=SUM(A1)" in {row[rows[0].index("Organisation")] for row in rows[1:]}
    response = client.get(index_url(event=event.pk, export="xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 4


def test_a_seat_from_the_waiting_list_and_attendance(
    client, moderator, event, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    waiting = Registration.objects.get(status="waiting")
    url = reverse("stories_registration:action", args=[waiting.pk, "confirm_seat"])
    assert "Give a seat" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert emails_to(waiting.email)[-1].subject.startswith("Registration confirmed")
    first = Registration.objects.get(email="person1@town.example")
    client.post(reverse("stories_registration:action", args=[first.pk, "attended"]))
    first.refresh_from_db()
    assert first.attended is True


def test_editors_and_visitors_see_no_registrant(client, django_user_model, event):
    assert client.get(index_url()).status_code == 302  # to the login
    editor = make_user(django_user_model, "editor", "Editors")
    client.force_login(editor)
    assert client.get(index_url()).status_code in (302, 403)
    pk = Registration.objects.first().pk
    action = reverse("stories_registration:action", args=[pk, "confirm_seat"])
    assert client.post(action).status_code in (302, 403)
    assert Registration.objects.filter(status="waiting").exists()


def test_email_all_registrants_each_in_their_language(
    client, moderator, event, django_capture_on_commit_callbacks
):
    Registration.objects.filter(email="person2@town.example").update(language="uk")
    client.force_login(moderator)
    url = reverse("stories_registration:email_registrants", args=[event.pk])
    assert "Message in Ukrainian" in client.get(url).content.decode()
    data = {
        "audience": "active",
        "subject_en": "Venue changed",
        "body_en": "We meet in hall B.",
        "subject_uk": "Зміна місця",
        "body_uk": "Зустрічаємося в залі Б.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert emails_to("person1@town.example")[-1].subject == "Venue changed"
    ukrainian = emails_to("person2@town.example")[-1]
    assert ukrainian.subject == "Зміна місця"
    assert "Зустрічаємося в залі Б." in ukrainian.body and "/register/" in ukrainian.body
    bad = client.post(url, {**data, "body_uk": ""})
    assert bad.status_code == 200 and "both a subject and a text" in bad.content.decode()
