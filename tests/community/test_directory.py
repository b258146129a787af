"""The public directory: list, filters, pagination, profile, languages and bad input."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from community.factories import (
    JointProjectFactory,
    MunicipalityFactory,
    NationalAssociationFactory,
    PartnershipFactory,
)
from community.models import Municipality, Sector

pytestmark = pytest.mark.django_db


def test_directory_lists_cards_with_sectors(client, directory):
    MunicipalityFactory(
        name="Dolyna", local_name="Долина", slug="dolyna-ua", population=20_600,
        sectors={"offers": ["water"], "needs": ["energy"]},
    )  # fmt: skip
    MunicipalityFactory(name="Hidden", slug="hidden", live=False)
    response = client.get("/en/directory/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dolyna" in html and "Долина" in html
    assert "Population 20,600" in html
    assert "Water supply and sanitation" in html and "Energy and energy efficiency" in html
    assert 'href="/en/directory/dolyna-ua/"' in html
    assert "Hidden" not in html


def test_filters_narrow_the_list_and_stay_in_links(client, directory):
    MunicipalityFactory(
        name="Dolyna", country="UA", population=20_000, sectors={"needs": ["water"]}
    )
    MunicipalityFactory(name="Siauliai district", country="LT", population=40_000)
    MunicipalityFactory(name="Kyiv", country="UA", population=2_900_000, open_to_partners=False)
    MunicipalityFactory.create_batch(
        30, country="UA", population=5000, sectors={"needs": ["water"]}
    )

    html = client.get("/en/directory/?country=LT").content.decode()
    assert "Siauliai district" in html and "Dolyna" not in html

    html = client.get("/en/directory/?country=UA&population=xlarge").content.decode()
    assert "Kyiv" in html and "Dolyna" not in html

    html = client.get("/en/directory/?open=1&country=UA&population=medium").content.decode()
    assert "Dolyna" in html and "Kyiv" not in html

    response = client.get("/en/directory/?needs=water")
    html = response.content.decode()
    assert "31 municipalities" in html
    # The next page keeps the filter.
    assert "?needs=water&amp;page=2" in html


def test_no_results_state(client, directory):
    MunicipalityFactory(country="UA")
    html = client.get("/en/directory/?country=FR").content.decode()
    assert "No municipality matches these filters." in html
    assert "Show all municipalities" in html


@pytest.mark.parametrize(
    "query",
    [
        "?country=XX",
        "?page=abc",
        "?page=-1",
        "?page=99999999999",
        "?population=<script>alert(1)</script>",
        "?kind=city_hromada%00",
        "?region=%27%20OR%201=1--",
        "?_connector=OR&country=UA",
        "?offers=nonexistent&needs=<b>x</b>",
    ],
)
def test_bad_filter_values_are_ignored_and_never_reflected(client, directory, query):
    MunicipalityFactory(name="Dolyna")
    response = client.get("/en/directory/" + query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dolyna" in html
    assert "<script>alert(1)" not in html and "<b>x</b>" not in html


def test_ignored_filter_is_noted(client, directory):
    """The portal's one rule for an unknown filter value: 200, the value ignored, a notice."""
    MunicipalityFactory(name="Dolyna", country="UA")
    response = client.get("/en/directory/?country=XX&population=%3Cscript%3E&kind=city")
    html = response.content.decode()
    assert response.status_code == 200
    assert "were ignored: Country, Population." in html
    assert "Dolyna" not in html  # the known value (kind=city) still filters


def test_query_count_same_for_10_and_60_per_page(client, directory, django_assert_num_queries):
    """The SQL of the list does not grow with the number of cards on a page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page_type = type(directory["en"])
    counts = {}
    try:
        for size in (10, 60):
            Municipality.objects.all().delete()
            for _ in range(size):
                MunicipalityFactory(sectors={"offers": ["water"], "needs": ["health", "energy"]})
            page_type.per_page = size
            client.get("/en/directory/")  # warm Wagtail's site and locale caches
            if size == 10:
                with CaptureQueriesContext(connection) as queries:
                    html = client.get("/en/directory/").content.decode()
                counts[size] = len(queries)
            else:
                with django_assert_num_queries(counts[10]):
                    html = client.get("/en/directory/").content.decode()
            assert html.count('class="card card--municipality"') == size
            assert html.count("<strong>Needs:</strong> Healthcare and hospitals") == size
    finally:
        page_type.per_page = 24


def test_profile_shows_public_data_and_partnerships(client, directory):
    association = NationalAssociationFactory(name="Association of Ukrainian Cities", acronym="AUC")
    dolyna = MunicipalityFactory(
        name="Dolyna", local_name="Долина", slug="dolyna-ua", national_association=association,
        description="<p>A hromada in the Ivano-Frankivsk region.</p>", katotth_code="UA26",
    )  # fmt: skip
    partnership = PartnershipFactory(
        ukrainian_municipality=dolyna,
        eu_municipality=MunicipalityFactory(
            name="Šiauliai district", country="LT", slug="siauliai"
        ),
        programme__name="Bridges of Trust pilot",
    )
    JointProjectFactory(partnership=partnership, title="Summer school for children")
    html = client.get("/en/directory/dolyna-ua/").content.decode()
    assert "A hromada in the Ivano-Frankivsk region." in html
    assert "Association of Ukrainian Cities" in html
    assert "Šiauliai district" in html and "Bridges of Trust pilot" in html
    assert "Summer school for children" in html
    assert 'href="/en/directory/siauliai/"' in html


def test_profile_without_consent_never_shows_email_or_phone(client, directory):
    MunicipalityFactory(
        slug="private", contact_email="mayor@private.example", contact_phone="+380 11 222 33 44",
        contact_public=False,
    )  # fmt: skip
    html = client.get("/en/directory/private/").content.decode()
    assert "mayor@private.example" not in html
    assert "+380 11 222 33 44" not in html
    assert "Write to the municipality" in html  # the relay form instead


def test_profile_with_consent_shows_email(client, directory):
    MunicipalityFactory(slug="open", contact_email="hello@open.example", contact_public=True)
    assert "hello@open.example" in client.get("/en/directory/open/").content.decode()


def test_unknown_or_draft_profile_is_404(client, directory):
    MunicipalityFactory(slug="draft", live=False)
    assert client.get("/en/directory/draft/").status_code == 404
    assert client.get("/en/directory/nobody/").status_code == 404


def test_contact_form_relays_without_revealing_the_address(
    client, directory, django_capture_on_commit_callbacks
):
    MunicipalityFactory(slug="dolyna", name="Dolyna", contact_email="secret@dolyna.example")
    data = {
        "sender_name": "Ona",
        "sender_email": "ona@siauliai.example",
        "sender_organisation": "Šiauliai district",
        "message": "We would like to\x00 visit.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/directory/dolyna/contact/", data)
    assert response.status_code == 303
    assert response["Location"] == "/en/directory/dolyna/"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["secret@dolyna.example"]
    assert sent.reply_to == ["ona@siauliai.example"]
    assert "We would like to visit." in sent.body
    page = client.get(response["Location"]).content.decode()
    assert "Your message was sent" in page and "secret@dolyna.example" not in page


def test_contact_form_honeypot_and_rate_limit(
    client, directory, django_capture_on_commit_callbacks
):
    MunicipalityFactory(slug="dolyna", contact_email="secret@dolyna.example")
    data = {
        "sender_name": "Bot",
        "sender_email": "bot@spam.example",
        "sender_organisation": "Spam",
        "message": "Buy",
        "website_url": "http://spam.example",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/directory/dolyna/contact/", data).status_code == 303
    assert mail.outbox == []
    data.pop("website_url")
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post("/en/directory/dolyna/contact/", data).status_code for _ in range(5)
        ]
    assert statuses == [303] * 4 + [429]
    assert len(mail.outbox) == 4


def test_contact_form_errors_keep_values(client, directory):
    MunicipalityFactory(slug="dolyna")
    response = client.post(
        "/en/directory/dolyna/contact/", {"sender_name": "Ona", "sender_email": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Ona"' in html and "Enter a valid email address." in html
    assert response["Cache-Control"] == "private, no-store"


def test_stale_profile_shows_its_age(client, directory):
    old = timezone.localdate() - datetime.timedelta(days=400)
    MunicipalityFactory(slug="old", last_confirmed=old)
    MunicipalityFactory(slug="fresh")
    assert "400 days ago" in client.get("/en/directory/old/").content.decode()
    assert "last confirmed on" not in client.get("/en/directory/fresh/").content.decode()


def test_ukrainian_directory_translated(client, directory):
    from wagtail.models import Locale

    source = MunicipalityFactory(
        name="Dolyna", slug="dolyna", description="<p>A hromada in the mountains.</p>",
        sectors={"offers": ["water"]},
    )  # fmt: skip
    uk = source.copy_for_translation(Locale.objects.get(language_code="uk"))
    uk.description = "<p>Громада в горах.</p>"
    uk.save()
    MunicipalityFactory(name="Untranslated", slug="untranslated")
    html = client.get("/uk/directory/").content.decode()
    assert "Водопостачання та водовідведення" in html  # sector name in Ukrainian
    assert "Untranslated" in html  # not translated yet: shown in English
    assert 'href="/uk/directory/dolyna/"' in html
    profile = client.get("/uk/directory/dolyna/").content.decode()
    assert "Громада в горах." in profile and "A hromada in the mountains." not in profile
    assert Sector.objects.filter(locale__language_code="uk").count() == 15


def test_associations_directory_lists_members(client, directory):
    association = NationalAssociationFactory(name="Association of Ukrainian Cities", slug="auc")
    MunicipalityFactory(name="Dolyna", slug="dolyna", national_association=association)
    html = client.get("/en/directory/associations/").content.decode()
    assert "Association of Ukrainian Cities" in html
    assert 'href="/en/directory/dolyna/"' in html
    assert client.get("/en/directory/organisations/").status_code == 200


def test_ukrainian_interface(client, directory):
    MunicipalityFactory(name="Dolyna", slug="dolyna", population=20_600)
    html = client.get("/uk/directory/?country=XX").content.decode()
    assert "1 громада" in html
    assert "Відкрита для нових партнерів" in html
    assert "Країна." in html  # the translated label in the ignored-filter notice
    profile = client.get("/uk/directory/dolyna/").content.decode()
    assert "Пропонує досвід у сферах" in profile and "Написати громаді" in profile


def test_the_profile_has_no_form_and_links_to_its_contact_page(client, directory, settings):
    """The profile carries no CSRF token, so the page cache can keep it; the form that relays
    a message is a page of its own, never cached."""
    MunicipalityFactory(slug="dolyna", name="Dolyna", contact_email="secret@dolyna.example")
    MunicipalityFactory(slug="quiet", name="Quiet", contact_email="")
    settings.PAGE_CACHE_ENABLED = True
    client.get("/en/directory/dolyna/")  # the first render creates the site settings' row
    response = client.get("/en/directory/dolyna/")
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html and "<form" not in html
    assert 'href="/en/directory/dolyna/contact/"' in html
    assert "public" in response["Cache-Control"]
    assert client.get("/en/directory/dolyna/")["X-Page-Cache"] == "hit"
    assert client.post("/en/directory/dolyna/", {}).status_code == 405
    contact = client.get("/en/directory/dolyna/contact/")
    assert contact.status_code == 200 and contact["Cache-Control"] == "private, no-store"
    assert "csrfmiddlewaretoken" in contact.content.decode()
    assert "secret@dolyna.example" not in contact.content.decode()
    # Nobody to write to: no link, no form.
    assert "/contact/" not in client.get("/en/directory/quiet/").content.decode()
    assert client.get("/en/directory/quiet/contact/").status_code == 404
