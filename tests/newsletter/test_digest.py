"""Newsletter emails (issue 16): one-click unsubscribe by link and by header (RFC 8058), the
digest in each subscriber's language, sent once per subscriber even when the sending is
interrupted and resumed, and the staff's preview."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from calls.factories import CallIndexPageFactory, CallPageFactory
from newsletter import digest
from newsletter.models import Digest, DigestDelivery, Subscriber, UnsubscribedAddress
from portal.factories import translate
from stories.factories import StoryIndexPageFactory, StoryPageFactory

from .conftest import LINK, confirm_path, manage_paths, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_pause(settings):
    settings.NEWSLETTER_SEND_PAUSE = 0


def subscribe(email, language, topics=",calls,stories,events,"):
    return Subscriber.objects.create(
        email=email,
        language=language,
        languages=f",{language},",
        topics=topics,
        confirmed_at=timezone.now(),
    )


@pytest.fixture
def news(homes):
    calls = CallIndexPageFactory(parent=homes["en"])
    call = CallPageFactory(parent=calls, slug="energy-fund", title="Energy fund")
    translate(calls, "uk")
    translate(call, "uk", title="Енергетичний фонд")
    stories = StoryIndexPageFactory(parent=homes["en"])
    StoryPageFactory(
        parent=stories, title="Old story", date=timezone.localdate() - datetime.timedelta(days=90)
    )
    StoryPageFactory(parent=stories, title="Solar roofs in Irpin", date=timezone.localdate())
    return call


def deliver_digest(capture, **kwargs):
    with capture(execute=True):
        return digest.create(**kwargs)


def test_unsubscribe_by_link_keeps_only_a_hash(
    client, signup_pages, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks, "uk")
    client.post(confirm_path(mailoutbox[0]))
    sign_up(client, django_capture_on_commit_callbacks, "uk")
    _preferences, unsubscribe = manage_paths(mailoutbox[-1])

    asked = client.get(unsubscribe)  # opening the link unsubscribes nobody
    assert asked.status_code == 200 and "Відписатися" in asked.content.decode()
    assert Subscriber.objects.exists()
    done = Client(enforce_csrf_checks=True).post(unsubscribe)  # the page's button
    assert done.status_code == 303
    assert "Вас відписано" in client.get(done["Location"]).content.decode()
    assert not Subscriber.objects.exists()
    (trace,) = UnsubscribedAddress.objects.all()
    assert "olena" not in trace.digest and len(trace.digest) == 64

    again = client.get(unsubscribe)
    assert again.status_code == 410
    assert "Цієї підписки більше не існує" in again.content.decode()


def test_every_digest_carries_one_click_unsubscribe(
    homes, news, mailoutbox, django_capture_on_commit_callbacks
):
    subscribe("olena@example.org", "uk")
    deliver_digest(django_capture_on_commit_callbacks)
    (message,) = mailoutbox
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = LINK.search(header).group(1)
    assert url in message.body

    # A mail client's one-click POST: no cookie, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert UnsubscribedAddress.objects.count() == 1


def test_the_digest_is_in_each_subscribers_language(
    homes, news, mailoutbox, django_capture_on_commit_callbacks
):
    subscribe("en@example.org", "en")
    subscribe("uk@example.org", "uk")
    subscribe("stories-only@example.org", "en", topics=",stories,")
    Subscriber.objects.create(email="unconfirmed@example.org", language="en", languages=",en,")
    deliver_digest(django_capture_on_commit_callbacks)
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"en@example.org", "uk@example.org", "stories-only@example.org"}
    english, ukrainian = by_address["en@example.org"], by_address["uk@example.org"]
    assert english.subject == "Bridges of Trust: news of the month"
    assert "Energy fund" in english.body and "Solar roofs in Irpin" in english.body
    assert "Old story" not in english.body
    assert ukrainian.subject == "Мости довіри: новини місяця"
    assert "Енергетичний фонд" in ukrainian.body and "Energy fund" not in ukrainian.body
    assert "Energy fund" not in by_address["stories-only@example.org"].body


def test_an_interrupted_sending_resumed_sends_each_subscriber_once(
    homes, news, django_capture_on_commit_callbacks, monkeypatch
):
    for number in range(5):
        subscribe(f"s{number}@example.org", "en" if number % 2 else "uk")
    monkeypatch.setattr(digest, "_enqueue", lambda pk: None)  # the worker dies before it starts
    created = deliver_digest(django_capture_on_commit_callbacks)
    assert DigestDelivery.objects.filter(digest=created, sent_at=None).count() == 5

    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_pending(created, limit=2) == 2  # interrupted after two
    with django_capture_on_commit_callbacks(execute=True):
        call_command("newsletter_send_digests", verbosity=0)  # resumed
    with django_capture_on_commit_callbacks(execute=True):
        call_command("newsletter_send_digests", verbosity=0)  # and once more: nothing left
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(f"s{number}@example.org" for number in range(5))
    assert not DigestDelivery.objects.filter(sent_at=None).exists()


def test_staff_preview_then_queue(
    admin_client, homes, news, mailoutbox, django_capture_on_commit_callbacks
):
    subscribe("uk@example.org", "uk")
    preview = admin_client.get("/admin/newsletter-digest/")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Energy fund" in html and "Енергетичний фонд" in html
    assert not Digest.objects.exists() and not mailoutbox
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/newsletter-digest/")
    assert response.status_code == 303
    assert [message.to for message in mailoutbox] == [["uk@example.org"]]


def test_the_digest_is_for_staff_only(client, django_user_model, homes):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=False)
    client.force_login(user)
    assert client.get("/admin/newsletter-digest/").status_code in (302, 403)


def test_a_subscriber_of_sectors_gets_the_items_about_them_and_the_general_ones(
    homes, news, mailoutbox, django_capture_on_commit_callbacks
):
    from calls.factories import directory_sectors

    stories = news.get_parent().get_parent().get_children().type(StoryIndexPageFactory._meta.model)
    index = stories.first().specific
    water = StoryPageFactory(
        parent=index, title="Clean water for Dolyna", date=timezone.localdate()
    )
    water.sectors = directory_sectors("water")
    water.save_revision().publish()
    # The energy fund funds water and energy (the factory's default); the Irpin story names no
    # sector, so it is general news for everyone.
    news.sectors = directory_sectors("energy")
    news.save_revision().publish()
    subscribe("energy@example.org", "en", topics=",calls,stories,sector:energy,")
    subscribe("everything@example.org", "en")
    deliver_digest(django_capture_on_commit_callbacks)
    by_address = {message.to[0]: message.body for message in mailoutbox}
    energy = by_address["energy@example.org"]
    assert "Energy fund" in energy and "Solar roofs in Irpin" in energy
    assert "Clean water for Dolyna" not in energy
    assert "Clean water for Dolyna" in by_address["everything@example.org"]
