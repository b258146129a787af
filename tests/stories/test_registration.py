"""Registering for an event through HTTP (issue 16): the form in both languages, bad input kept
with its errors, the confirmation with a valid .ics and a private link to view, change or cancel,
duplicates counted once, closing at the editor's moment, a member's details pre-filled."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from community.accounts import account_for
from community.factories import MunicipalityFactory
from community.models import Membership, Role
from portal.factories import ContentPageFactory, translate
from stories.models import Registration
from stories.registration_emails import link_token

from .registration_helpers import (
    emails_to,
    open_event,
    person,
    private_link_path,
    register_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(event_indexes):
    return open_event(event_indexes["en"], capacity_on_site=3)


def test_the_event_page_links_to_the_form_and_counts_the_seats(client, event):
    html = client.get(event.url).content.decode()
    assert register_url(event) in html
    assert "On site: 3 seats left." in html


def test_the_form_asks_everything_and_links_the_privacy_notice(client, homes, event):
    ContentPageFactory(parent=homes["en"], title="Privacy notice", slug="privacy")
    response = client.get(register_url(event))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    for label in (
        "Your name",
        "Your email",
        "Your municipality in the member directory",
        "Organisation",
        "Your role",
        "Country",
        "Interpretation you need",
        "Accessibility needs",
        "privacy notice",
    ):
        assert label in html
    assert 'href="/en/privacy/"' in html
    # An on-site event: nobody is asked how they attend.
    assert 'name="attendance"' not in html


def test_a_registration_is_stored_and_confirmed_with_a_calendar_file(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), person(1))
    assert response.status_code == 303
    assert response["Location"].endswith("register/done/?status=confirmed")
    assert "You are registered" in client.get(response["Location"]).content.decode()
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.email == "person1@town.example"
    assert registration.attendance == "on_site"
    assert registration.consent_at is not None
    [message] = emails_to("person1@town.example")
    assert message.subject == "Registration confirmed: Solidarity Forum Lviv"
    [(filename, content, mimetype)] = message.attachments
    assert filename == "forum-lviv.ics" and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Solidarity Forum Lviv"
    assert vevent.decoded("dtstart") == event.starts_at
    page = client.get(private_link_path(message)).content.decode()
    assert "Person 1" in page and "Confirmed" in page, page[page.find("<main") :][:1500]
    assert "On site: 2 seats left." in client.get(event.url).content.decode()


def test_bad_input_keeps_what_was_typed_and_stores_nothing(client, event):
    data = person(1, email="not an address", organisation="", consent="")
    response = client.post(register_url(event), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a valid email address." in html
    assert "Choose your municipality or write the name of your organisation." in html
    assert "Please agree to the privacy notice to register." in html
    assert 'value="Person 1"' in html
    assert not Registration.objects.exists()


def test_a_municipality_from_the_directory_names_the_organisation(client, event):
    dolyna = MunicipalityFactory(name="Dolyna", country="UA")
    assert "Dolyna" in client.get(register_url(event)).content.decode()
    response = client.post(
        register_url(event), person(1, municipality=str(dolyna.pk), organisation="", country="")
    )
    assert response.status_code == 303
    registration = Registration.objects.get()
    assert registration.municipality == dolyna
    assert registration.organisation == "Dolyna"
    assert str(registration.country) == "UA"
    bad = client.post(register_url(event), person(2, municipality="٣"))
    assert bad.status_code == 200
    assert Registration.objects.count() == 1


def test_the_same_email_twice_is_one_registration_and_the_person_is_told(
    client, event, django_capture_on_commit_callbacks
):
    client.post(register_url(event), person(1))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event), person(1, email="PERSON1@town.example"))
    assert response["Location"].endswith("?status=already")
    assert "already registered" in client.get(response["Location"]).content.decode()
    assert Registration.objects.count() == 1
    assert emails_to("person1@town.example")[-1].subject.startswith("You are already registered")


def test_a_robot_filling_the_honeypot_stores_nothing(client, event):
    response = client.post(register_url(event), person(1, website_url="http://spam.example"))
    assert response.status_code == 303
    assert not Registration.objects.exists()


def test_a_form_filled_in_a_second_is_asked_again_not_told_it_is_registered(
    client, event, settings
):
    """The walk found an autofilled registration told "You are registered" with nothing
    stored: a post sooner than PUBLIC_FORM_MIN_FILL_SECONDS after the page was shown is asked
    to send the form again, and an empty one gets its errors."""
    import re

    settings.PUBLIC_FORM_MIN_FILL_SECONDS = 3
    page = client.get(register_url(event)).content.decode()
    started = re.search(r'name="form_started" value="([^"]+)"', page).group(1)
    fast = client.post(register_url(event), person(1, form_started=started))
    html = fast.content.decode()
    assert fast.status_code == 200 and "send it again" in html and "error-summary" in html
    empty = client.post(register_url(event), {"form_started": started})
    assert empty.status_code == 200 and "error-summary" in empty.content.decode()
    assert not Registration.objects.exists()


def test_registration_closes_at_the_editors_moment(client, event):
    event.registration_deadline = timezone.now() - datetime.timedelta(minutes=1)
    event.save_revision().publish()
    html = client.get(register_url(event)).content.decode()
    assert "Registration closed on" in html
    assert 'name="email"' not in html
    assert client.post(register_url(event), person(1)).status_code == 403
    assert not Registration.objects.exists()
    assert "Registration is closed." in client.get(event.url).content.decode()


def test_an_unknown_or_forged_private_link_is_explained(client, event):
    client.post(register_url(event), person(1))
    url = event.url + event.reverse_subpage("registration", args=["not-a-token"])
    response = client.get(url)
    assert response.status_code == 404
    assert "Link not recognised" in response.content.decode()


def test_the_private_link_changes_and_cancels(client, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(event), person(1))
    link = private_link_path(emails_to("person1@town.example")[0])
    changed = person(1, role="Deputy mayor", accessibility="Step-free access", action="change")
    del changed["consent"]
    response = client.post(link, changed)
    assert response.status_code == 303
    assert "Your changes are saved." in client.get(response["Location"]).content.decode()
    registration = Registration.objects.get()
    assert registration.role == "Deputy mayor"
    assert registration.accessibility == "Step-free access"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"action": "cancel"})
    assert response.status_code == 303
    assert "Your registration is cancelled." in client.get(response["Location"]).content.decode()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert emails_to("person1@town.example")[-1].subject.startswith("Registration cancelled")


def test_the_editors_questions_are_asked_and_answered(client, event):
    event.registration_questions = [
        ("question", {"label": "Which workshop?", "help_text": "", "required": True}),
        (
            "choice_question",
            {"label": "Meal", "help_text": "", "required": False, "options": ["Any", "Vegan"]},
        ),
    ]
    event.save_revision().publish()
    event.refresh_from_db()
    html = client.get(register_url(event)).content.decode()
    assert "Which workshop?" in html and "Vegan" in html
    ids = [block.id for block in event.registration_questions]
    missing = client.post(register_url(event), person(1))
    assert missing.status_code == 200
    assert not Registration.objects.exists()
    data = person(1, **{f"question_{ids[0]}": "Water", f"question_{ids[1]}": "Vegan"})
    assert client.post(register_url(event), data).status_code == 303
    assert Registration.objects.get().answers == {ids[0]: "Water", ids[1]: "Vegan"}


def test_hybrid_events_count_seats_on_site_and_online_apart(client, event_indexes):
    event = open_event(
        event_indexes["en"],
        format="hybrid",
        online_url="https://meet.example/forum",
        capacity_on_site=1,
        capacity_online=2,
    )
    html = client.get(register_url(event)).content.decode()
    assert 'name="attendance"' in html
    assert "On site: 1 seat left." in html and "Online: 2 places left." in html
    client.post(register_url(event), person(1, attendance="on_site"))
    client.post(register_url(event), person(2, attendance="online"))
    client.post(register_url(event), person(3, attendance="on_site"))
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "person1@town.example": "confirmed",
        "person2@town.example": "confirmed",
        "person3@town.example": "waiting",
    }
    html = client.get(event.url).content.decode()
    assert "On site: fully booked" in html and "Online: 1 place left." in html


def test_registering_in_ukrainian_answers_and_emails_in_ukrainian(
    client, event, django_capture_on_commit_callbacks
):
    ukrainian = translate(event, "uk", title="Форум солідарності у Львові")
    html = client.get(register_url(ukrainian)).content.decode()
    assert "Ваше ім" in html and "Потрібний вам переклад" in html
    assert "На місці: залишилося 3 місця." in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(ukrainian), person(1))
    assert response.status_code == 303
    registration = Registration.objects.get()
    assert registration.event_id == event.pk  # one list per event, whatever the language
    assert registration.language == "uk"
    [message] = emails_to("person1@town.example")
    assert "Форум солідарності у Львові" in message.subject
    assert "/uk/" in private_link_path(message)
    assert "Мости довіри" in message.body


def test_a_signed_in_member_finds_their_details_filled_in(event):
    dolyna = MunicipalityFactory(name="Dolyna", country="UA")
    user, _address = account_for("olena@dolyna.example", verified=True)
    Membership.objects.create(user=user, municipality=dolyna, role=Role.ADMIN)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(register_url(event)).content.decode()
    assert 'value="olena@dolyna.example"' in html
    assert f'<option value="{dolyna.pk}" selected>' in html
    data = person(1, email="olena@dolyna.example", municipality=str(dolyna.pk))
    assert client.post(register_url(event), data).status_code == 303
    registration = Registration.objects.get()
    assert registration.user == user and registration.municipality == dolyna
    assert not mail.outbox or all("olena" not in m.to[0] for m in mail.outbox[:0])


def test_sessions_of_the_agenda_are_chosen_and_the_email_stays(client, event):
    event.agenda = [
        ("session", {"start": "09:00:00", "end": "", "title": "Opening", "description": ""}),
        (
            "session",
            {"start": "11:00:00", "end": "", "title": "Water utilities", "description": ""},
        ),
    ]
    event.save_revision().publish()
    event.refresh_from_db()
    opening, water = [child.id for child in event.agenda]
    html = client.get(register_url(event)).content.decode()
    assert "Sessions you will attend" in html and "11:00 Water utilities" in html
    client.post(register_url(event), person(1, sessions=[water]))
    registration = Registration.objects.get()
    assert registration.sessions == [water]
    assert registration.session_titles() == ["11:00 Water utilities"]
    link = event.url + event.reverse_subpage("registration", args=[link_token(registration)])
    assert "11:00 Water utilities" in client.get(link).content.decode()
    changed = person(1, email="someone-else@town.example", sessions=[opening, water])
    changed["action"] = "change"
    assert client.post(link, changed).status_code == 303
    registration.refresh_from_db()
    assert registration.sessions == [opening, water]
    assert registration.email == "person1@town.example"


def test_search_engines_are_pointed_at_the_portals_form(client, event):
    data = event.structured_data()
    assert data["offers"]["url"].endswith("/en/events/forum-lviv/register/")


def test_too_many_posts_from_one_connection_are_refused(client, event, settings):
    settings.EVENTS_REGISTRATION_RATE_LIMIT = (2, 600)
    assert client.post(register_url(event), person(1)).status_code == 303
    assert client.post(register_url(event), person(2)).status_code == 303
    response = client.post(register_url(event), person(3))
    assert response.status_code == 429
    assert "Too many registrations" in response.content.decode()
    assert Registration.objects.count() == 2


def test_a_link_opens_only_its_own_registration_of_its_own_event(client, event, event_indexes):
    other = open_event(event_indexes["en"], slug="other-forum", title="Other forum")
    client.post(register_url(event), person(1))
    registration = Registration.objects.get()
    token = link_token(registration)
    own = event.url + event.reverse_subpage("registration", args=[token])
    assert client.get(own).status_code == 200
    elsewhere = other.url + other.reverse_subpage("registration", args=[token])
    assert client.get(elsewhere).status_code == 404
    forged = f"{registration.pk}-{'0' * 40}"
    response = client.post(
        event.url + event.reverse_subpage("registration", args=[forged]), {"action": "cancel"}
    )
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_a_busy_database_keeps_what_was_typed(client, event, monkeypatch):
    from django.db import OperationalError

    from stories import registration_services

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(registration_services, "register", locked)
    response = client.post(register_url(event), person(1))
    assert response.status_code == 503
    assert response["Retry-After"]
    assert 'value="Person 1"' in response.content.decode()
    assert not Registration.objects.exists()
