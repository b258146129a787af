"""Staff and personal data (issue 16): the subscribers in the admin with filters, the export of
confirmed subscribers, and newsletter_data export / erase."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletter import services
from newsletter.models import Digest, DigestDelivery, Subscriber, UnsubscribedAddress

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribers(homes):
    now = timezone.now()
    return [
        Subscriber.objects.create(
            email="en@example.org",
            language="en",
            languages=",en,",
            topics=",calls,",
            confirmed_at=now,
        ),
        Subscriber.objects.create(
            email="uk@example.org",
            language="uk",
            languages=",uk,en,",
            topics=",events,sector:energy,",
            confirmed_at=now,
        ),
        Subscriber.objects.create(
            email="pending@example.org", language="en", languages=",en,", topics=",calls,"
        ),
    ]


def listed(admin_client, query=""):
    response = admin_client.get(f"/admin/newsletter/{query}")
    assert response.status_code == 200
    html = response.content.decode()
    return {s.email for s in Subscriber.objects.all() if s.email in html}


def test_filters(admin_client, subscribers):
    assert listed(admin_client) == {"en@example.org", "uk@example.org", "pending@example.org"}
    assert listed(admin_client, "?language=uk") == {"uk@example.org"}
    assert listed(admin_client, "?topic=calls") == {"en@example.org", "pending@example.org"}
    assert listed(admin_client, "?confirmed=false") == {"pending@example.org"}
    assert listed(admin_client, "?confirmed=true&language=en") == {
        "en@example.org",
        "uk@example.org",
    }


def test_export_has_confirmed_subscribers_only(admin_client, subscribers):
    response = admin_client.get("/admin/newsletter/?export=csv&language=en")
    assert response.status_code == 200
    text = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )
    assert "en@example.org" in text and "uk@example.org" in text
    assert "pending@example.org" not in text
    xlsx = admin_client.get("/admin/newsletter/?export=xlsx")
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_nobody_adds_a_subscriber_in_the_admin(admin_client, subscribers):
    assert admin_client.get("/admin/newsletter/add/").status_code in (302, 403)


def test_the_admin_is_for_staff(client, subscribers):
    response = client.get("/admin/newsletter/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_newsletter_data_export_and_erase(subscribers):
    digest = Digest.objects.create(period_start=timezone.now(), period_end=timezone.now())
    DigestDelivery.objects.create(digest=digest, subscriber=subscribers[1], language="uk")
    out = StringIO()
    call_command("newsletter_data", "export", "UK@example.org", stdout=out)
    data = json.loads(out.getvalue())
    assert data["subscriber"]["languages"] == ["uk", "en"]
    assert data["subscriber"]["topics"] == ["events", "sector:energy"]

    call_command("newsletter_data", "erase", "uk@example.org", stdout=StringIO())
    assert not Subscriber.objects.filter(email="uk@example.org").exists()
    assert not DigestDelivery.objects.exists()
    out = StringIO()
    call_command("newsletter_data", "export", "uk@example.org", stdout=out)
    assert json.loads(out.getvalue())["subscriber"] is None


def test_an_unsubscribed_address_is_found_by_its_hash_and_erased(subscribers):
    services.unsubscribe(subscribers[0])
    out = StringIO()
    call_command("newsletter_data", "export", "en@example.org", stdout=out)
    assert json.loads(out.getvalue()) == {
        "email": "en@example.org",
        "subscriber": None,
        "unsubscribed": True,
    }
    call_command("newsletter_data", "erase", "en@example.org", stdout=StringIO())
    assert not UnsubscribedAddress.objects.exists()


def test_the_listing_shows_languages_and_topics_readably(admin_client, subscribers):
    html = admin_client.get("/admin/newsletter/?language=uk").content.decode()
    assert "uk, en" in html and "events, sector:energy" in html
