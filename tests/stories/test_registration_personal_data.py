"""Registrants' personal data (issue 16): exported and erased on request (an erased seat goes
to the next person waiting), purged after the retention period."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from stories.models import Registration

from .registration_helpers import emails_to, open_event, person, register_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(event_indexes):
    return open_event(event_indexes["en"], capacity_on_site=1)


def test_export_and_erase(client, event, django_capture_on_commit_callbacks):
    client.post(register_url(event), person(1, accessibility="Wheelchair"))
    client.post(register_url(event), person(2))
    out = io.StringIO()
    call_command("registrant_data", "export", "PERSON1@town.example", stdout=out)
    [data] = json.loads(out.getvalue())["event_registrations"]
    assert data["name"] == "Person 1" and data["accessibility"] == "Wheelchair"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("registrant_data", "erase", "person1@town.example", stderr=io.StringIO())
    assert not Registration.objects.filter(email="person1@town.example").exists()
    assert not [m for m in emails_to("person1@town.example") if "cancelled" in m.subject]
    assert Registration.objects.get().status == "offered"


def test_registrations_are_purged_after_the_retention_period(client, event, settings):
    client.post(register_url(event), person(1))
    settings.EVENTS_REGISTRATION_RETENTION_DAYS = 30
    call_command("purge_registrations", stdout=io.StringIO())
    assert Registration.objects.count() == 1
    type(event).objects.filter(pk=event.pk).update(
        ends_at=timezone.now() - datetime.timedelta(days=31)
    )
    call_command("purge_registrations", stdout=io.StringIO())
    assert not Registration.objects.exists()
