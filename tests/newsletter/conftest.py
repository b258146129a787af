"""The newsletter sign-up page in English and Ukrainian, a sector, and helpers to sign up and
follow the links of the emails as a person would."""

import re

import pytest
from wagtail.models import Locale

from community.models import Sector
from newsletter.models import NewsletterPage
from portal.factories import translate


@pytest.fixture
def signup_pages(homes):
    page = NewsletterPage(title="Newsletter", slug="newsletter", intro="<p>Monthly news.</p>")
    homes["en"].add_child(instance=page)
    page.save_revision().publish()
    uk = translate(page, "uk", title="Розсилка новин")
    Sector.objects.get_or_create(
        slug="energy", locale=Locale.objects.get(language_code="en"), defaults={"name": "Energy"}
    )
    return {"en": page, "uk": uk}


def sign_up(client, capture, language="en", email="olena@example.org", **extra):
    data = {
        "email": email,
        "languages": [language],
        "topics": ["calls", "events"],
        "consent": "on",
        **extra,
    }
    with capture(execute=True):
        return client.post(f"/{language}/newsletter/", data)


LINK = re.compile(r"https?://testserver(/\S+/newsletter-links/\S+/)")


def links(message):
    return LINK.findall(message.body)


def confirm_path(message):
    found = [link for link in links(message) if "/confirm/" in link]
    assert found, message.body
    return found[0]


def manage_paths(message):
    found = links(message)
    preferences = next(link for link in found if "/preferences/" in link)
    unsubscribe = next(link for link in found if "/unsubscribe/" in link)
    return preferences, unsubscribe
