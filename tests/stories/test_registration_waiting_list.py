"""Capacity and the waiting list (issue 16): register until full, then to the waiting list;
a cancellation offers the seat to the first person waiting, by email, for a limited time; the
offer is accepted through the private link, or expires (``expire_event_offers``) and goes to the
next person. A reminder the day before (``send_event_reminders``), once."""

import datetime
import io

import icalendar
import pytest
from django.core.management import call_command
from django.utils import timezone

from stories.models import Registration

from .registration_helpers import emails_to, open_event, person, private_link_path, register_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(event_indexes):
    return open_event(event_indexes["en"], capacity_on_site=2, offer_hours=24)


def status_of(number):
    return Registration.objects.get(email=f"person{number}@town.example").status


def fill(client, event, numbers, capture):
    for number in numbers:
        with capture(execute=True):
            assert client.post(register_url(event), person(number)).status_code == 303


def test_full_then_waiting_list_then_a_freed_seat_is_offered_and_accepted(
    client, event, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    fill(client, event, [1, 2], capture)
    assert "On site: fully booked" in client.get(event.url).content.decode()
    with capture(execute=True):
        response = client.post(register_url(event), person(3))
    assert response["Location"].endswith("?status=waiting")
    assert "waiting list" in client.get(response["Location"]).content.decode()
    fill(client, event, [4], capture)
    assert [status_of(n) for n in (1, 2, 3, 4)] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert emails_to("person3@town.example")[0].subject.startswith("On the waiting list")

    # Person 1 cancels: person 3 (first in line) is offered the seat, person 4 still waits.
    with capture(execute=True):
        client.post(private_link_path(emails_to("person1@town.example")[0]), {"action": "cancel"})
    assert status_of(3) == "offered" and status_of(4) == "waiting"
    offer = emails_to("person3@town.example")[-1]
    assert offer.subject.startswith("A seat is free for you")
    assert "offered to you until" in offer.body
    link = private_link_path(offer)
    assert "Accept the seat" in client.get(link).content.decode()
    with capture(execute=True):
        response = client.post(link, {"action": "accept"})
    assert response.status_code == 303
    assert "your registration is confirmed" in client.get(response["Location"]).content.decode()
    assert status_of(3) == "confirmed"
    confirmation = emails_to("person3@town.example")[-1]
    assert confirmation.subject.startswith("Registration confirmed")
    [(_name, content, _type)] = confirmation.attachments
    assert icalendar.Calendar.from_ical(content).walk("VEVENT")
    # Still two seats held: no over-booking.
    assert Registration.objects.holding_seats().count() == 2


def test_an_offer_not_accepted_in_time_expires_and_goes_to_the_next(
    client, event, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    fill(client, event, [1, 2, 3, 4], capture)
    with capture(execute=True):
        client.post(private_link_path(emails_to("person2@town.example")[0]), {"action": "cancel"})
    offered = Registration.objects.get(status="offered")
    assert offered.email == "person3@town.example"
    assert offered.offer_expires_at - timezone.now() > datetime.timedelta(hours=23)

    call_command("expire_event_offers", stdout=io.StringIO())
    assert status_of(3) == "offered"  # not yet

    Registration.objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with capture(execute=True):
        call_command("expire_event_offers", stdout=io.StringIO())
    assert status_of(3) == "expired" and status_of(4) == "offered"
    assert emails_to("person3@town.example")[-1].subject.startswith("The offered seat has expired")
    assert emails_to("person4@town.example")[-1].subject.startswith("A seat is free for you")
    # The expired link explains itself.
    response = client.post(
        private_link_path(emails_to("person3@town.example")[-2]), {"action": "accept"}
    )
    assert response.status_code == 410
    assert "The offer has expired" in response.content.decode()


def test_registering_again_after_cancelling_joins_the_end_of_the_line(
    client, event, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    fill(client, event, [1, 2, 3], capture)
    with capture(execute=True):
        client.post(private_link_path(emails_to("person3@town.example")[0]), {"action": "cancel"})
    assert status_of(3) == "cancelled"
    fill(client, event, [3], capture)
    assert status_of(3) == "waiting"
    assert Registration.objects.filter(email="person3@town.example").count() == 1


def test_a_reminder_the_day_before_once(client, event_indexes, django_capture_on_commit_callbacks):
    soon = timezone.now() + datetime.timedelta(hours=20)
    tomorrow = open_event(event_indexes["en"], slug="tomorrow", starts_at=soon,
                          ends_at=soon + datetime.timedelta(hours=3))  # fmt: skip
    later = open_event(event_indexes["en"], slug="later", title="Later forum")
    capture = django_capture_on_commit_callbacks
    fill(client, tomorrow, [1], capture)
    fill(client, later, [2], capture)
    with capture(execute=True):
        call_command("send_event_reminders", stdout=io.StringIO())
        call_command("send_event_reminders", stdout=io.StringIO())
    reminders = [m for m in emails_to("person1@town.example") if m.subject.startswith("Tomorrow")]
    assert len(reminders) == 1
    assert reminders[0].attachments
    assert not [m for m in emails_to("person2@town.example") if m.subject.startswith("Tomorrow")]


def test_the_scheduled_tasks_do_the_same_work(client, event, django_capture_on_commit_callbacks):
    from stories.tasks import expire_event_offers_task, send_event_reminders_task

    capture = django_capture_on_commit_callbacks
    fill(client, event, [1, 2, 3], capture)
    with capture(execute=True):
        client.post(private_link_path(emails_to("person1@town.example")[0]), {"action": "cancel"})
    Registration.objects.filter(status="offered").update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with capture(execute=True):
        assert expire_event_offers_task.call() == 1
        assert send_event_reminders_task.call() == 0
    assert status_of(3) == "expired"


def test_seats_added_by_the_editor_are_offered_to_the_people_waiting(
    client, event, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    fill(client, event, [1, 2, 3, 4], capture)
    event.capacity_on_site = 3
    event.save_revision().publish()
    with capture(execute=True):
        call_command("expire_event_offers", stdout=io.StringIO())
    assert status_of(3) == "offered" and status_of(4) == "waiting"
    assert emails_to("person3@town.example")[-1].subject.startswith("A seat is free for you")
