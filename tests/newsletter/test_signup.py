"""Newsletter sign-up (issue 16): the page in both languages, the footer link, double opt-in,
bad input, abuse, expiry and links that explain themselves."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Subscriber

from .conftest import confirm_path, manage_paths, sign_up

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, words",
    [
        ("en", ["Email address", "Calls for proposals", "Sector: "]),
        ("uk", ["Електронна адреса", "Конкурси пропозицій"]),
    ],
)
def test_the_page_shows_the_form_in_each_language(client, signup_pages, language, words):
    response = client.get(f"/{language}/newsletter/?email=a@example.org")
    assert response.status_code == 200
    html = response.content.decode()
    for word in words:
        assert word in html
    assert 'value="a@example.org"' in html
    assert "no-store" in response["Cache-Control"]
    assert 'name="website_url"' in html  # the honeypot


def test_the_footer_of_every_page_links_the_sign_up_without_a_token(client, signup_pages):
    for language in ("en", "uk"):
        html = client.get(f"/{language}/").content.decode()
        footer = html[html.index('<footer class="site-footer"') :]
        assert f'action="/{language}/newsletter/"' in footer
        assert 'method="get"' in footer
        assert "csrfmiddlewaretoken" not in footer


def test_double_opt_in(client, signup_pages, mailoutbox, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, "uk", "Olena@Example.org")
    assert response.status_code == 303
    assert response["Location"] == "/uk/newsletter/?sent=1"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "olena@example.org" and not subscriber.confirmed
    assert subscriber.language_list == ["uk"] and subscriber.topic_list == ["calls", "events"]
    (message,) = mailoutbox
    assert message.to == ["olena@example.org"]
    assert "Підтвердьте" in message.subject
    page = client.get("/uk/newsletter/?sent=1").content.decode()
    assert "Дякуємо" in page

    link = confirm_path(message)
    shown = client.get(link)  # a link scanner opening it confirms nothing
    assert shown.status_code == 200 and "Підтвердити підписку" in shown.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.confirmed
    done = client.post(link)
    assert done.status_code == 303 and "/uk/newsletter-links/preferences/" in done["Location"]
    subscriber.refresh_from_db()
    assert subscriber.confirmed
    assert "Вашу підписку підтверджено" in client.get(done["Location"]).content.decode()

    again = client.get(link)  # reused
    assert again.status_code == 200
    assert "Це посилання вже використано" in again.content.decode()


def test_bad_input_shows_the_form_with_errors(client, signup_pages, mailoutbox):
    response = client.post("/en/newsletter/", {"email": "not an address", "topics": ["nonsense"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose at least one language." in html
    assert "Tick the box to agree" in html
    assert 'value="not an address"' in html
    assert not Subscriber.objects.exists() and not mailoutbox


def test_consent_links_the_privacy_notice_of_the_language(client, signup_pages):
    html = client.get("/uk/newsletter/").content.decode()
    assert 'for="id_consent"' in html


def test_a_confirmed_address_is_not_revealed(
    client, signup_pages, mailoutbox, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(
        email="known@example.org",
        language="en",
        languages=",en,",
        topics=",calls,",
        confirmed_at=timezone.now(),
    )
    known = sign_up(client, django_capture_on_commit_callbacks, email="known@example.org")
    new = sign_up(client, django_capture_on_commit_callbacks, email="new@example.org")
    assert known.status_code == new.status_code == 303
    assert known["Location"] == new["Location"]
    assert client.get(known["Location"]).content == client.get(new["Location"]).content
    to_known = next(m for m in mailoutbox if m.to == ["known@example.org"])
    assert "already subscribed" in to_known.subject
    preferences, _unsubscribe = manage_paths(to_known)
    assert client.get(preferences).status_code == 200
    assert Subscriber.objects.get(email="known@example.org").topic_list == ["calls"]


def test_honeypot_stores_nothing_and_answers_the_same(
    client, signup_pages, mailoutbox, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks, website_url="http://spam")
    assert response.status_code == 303
    assert not Subscriber.objects.exists() and not mailoutbox


def test_rate_limit(client, signup_pages, settings, django_capture_on_commit_callbacks):
    settings.NEWSLETTER_RATE_LIMIT = (2, 600)
    for number in range(2):
        assert (
            sign_up(
                client, django_capture_on_commit_callbacks, email=f"{number}@example.org"
            ).status_code
            == 303
        )
    response = sign_up(client, django_capture_on_commit_callbacks, email="3@example.org")
    assert response.status_code == 429
    assert Subscriber.objects.count() == 2


def test_unconfirmed_sign_ups_expire_and_their_link_explains(
    client, signup_pages, mailoutbox, django_capture_on_commit_callbacks, settings
):
    sign_up(client, django_capture_on_commit_callbacks)
    Subscriber.objects.create(
        email="kept@example.org", language="en", languages=",en,", confirmed_at=timezone.now()
    )
    old = timezone.now() - datetime.timedelta(days=8)
    Subscriber.objects.filter(email="olena@example.org").update(created_at=old)
    call_command("newsletter_expire", verbosity=0)
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["kept@example.org"]

    settings.NEWSLETTER_CONFIRM_DAYS = 0  # every link is now past its lifetime
    response = client.get(confirm_path(mailoutbox[0]))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_a_forged_link_explains_itself(client, signup_pages):
    for link in ("confirm/forged/", "preferences/forged/", "unsubscribe/forged/?done=1"):
        response = client.get(f"/en/newsletter-links/{link}")
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()


def test_preferences_change_through_the_private_link(
    client, signup_pages, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    client.post(confirm_path(mailoutbox[0]))
    subscriber = Subscriber.objects.get()
    sign_up(client, django_capture_on_commit_callbacks)  # now confirmed: "already subscribed"
    preferences, _unsubscribe = manage_paths(mailoutbox[-1])
    bad = client.post(preferences, {"languages": [], "topics": ["stories"]})
    assert bad.status_code == 200 and "Choose at least one language." in bad.content.decode()
    response = client.post(
        preferences, {"languages": ["en", "uk"], "topics": ["stories", "sector:energy"]}
    )
    assert response.status_code == 303
    subscriber.refresh_from_db()
    assert subscriber.language_list == ["en", "uk"]
    assert subscriber.topic_list == ["stories", "sector:energy"]
    assert "Your preferences are saved." in client.get(preferences).content.decode()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_demo_has_the_sign_up_page_in_both_languages(client, demo_site, language):
    response = client.get(f"/{language}/newsletter/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    label = html[html.index('<label for="id_consent">') :]
    label = label[: label.index("</label>")]
    assert f'href="/{language}/privacy/"' in label  # the privacy notice of the language
    home = client.get(f"/{language}/").content.decode()
    assert f'action="/{language}/newsletter/"' in home
