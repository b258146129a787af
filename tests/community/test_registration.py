"""Registration: a draft profile for moderators, emails, duplicates, spam and bad input."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import override_settings

from community.factories import MunicipalityFactory
from community.models import Language, Municipality

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {
        "token": "6f1c3f56-8a52-4f33-8f0b-4b9d2a0f7a11",
        "name": "Kalush",
        "local_name": "Калуш",
        "country": "UA",
        "region": "Ivano-Frankivsk Oblast",
        "kind": "city_hromada",
        "population": "62000",
        "website": "https://kalush.example",
        "description": "A city on the Limnytsia river.\n\nWe look for partners in energy.",
        "offer_1_sector": "culture",
        "offer_1_note": "Youth exchanges",
        "need_1_sector": "energy",
        "need_1_note": "Heat pumps for schools",
        "working_languages": [Language.objects.get(code="uk").pk],
        "open_to_partners": "on",
        "contact_name": "International team",
        "contact_role": "Head of international cooperation",
        "contact_email": "international@kalush.example",
        "contact_phone": "+380 00 111 22 33",
        "privacy_consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderator", "moderator@bot.example", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_form_page_is_never_cached(client, registration):
    response = client.get("/en/register/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "csrfmiddlewaretoken" in response.content.decode()


@override_settings(STAFF_NOTIFICATION_EMAILS=["staff@bot.example"])
def test_registration_creates_draft_and_sends_emails(
    client, registration, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/register/", form_data())
    assert response.status_code == 303
    assert response["Location"] == "/en/register/thanks/"
    municipality = Municipality.objects.get(name="Kalush")
    assert municipality.live is False
    assert municipality.latest_revision is not None
    assert municipality.slug == "kalush-ua"
    assert municipality.local_name_folded == "kalush"
    assert [o.sector.slug for o in municipality.offers.all()] == ["culture"]
    assert municipality.needs.get().note == "Heat pumps for schools"
    assert "<p>A city on the Limnytsia river.</p>" in municipality.description
    assert municipality.possible_duplicate_of is None
    # Not public until approved.
    assert client.get("/en/directory/kalush-ua/").status_code == 404
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == [
        "international@kalush.example",
        "moderator@bot.example",
        "staff@bot.example",
    ]
    to_contact = next(m for m in mail.outbox if m.to == ["international@kalush.example"])
    assert "We received the registration of Kalush" in to_contact.subject
    to_moderator = next(m for m in mail.outbox if m.to == ["moderator@bot.example"])
    assert "POSSIBLE DUPLICATE" not in to_moderator.body
    assert f"/admin/snippets/community/municipality/edit/{municipality.pk}/" in to_moderator.body


def test_same_form_posted_twice_creates_one_profile(client, registration):
    client.post("/en/register/", form_data())
    client.post("/en/register/", form_data())
    assert Municipality.objects.filter(name="Kalush").count() == 1


@pytest.mark.parametrize(
    ("existing", "submitted"),
    [
        ({"name": "Kyiv", "local_name": "Київ"}, {"name": "Kiiv city", "local_name": "Київ"}),
        ({"name": "Kyiv", "local_name": ""}, {"name": "Kyiv City", "local_name": "Київ"}),
        (
            {"name": "Šiauliai district", "country": "LT"},
            {"name": "SIAULIAI DISTRICT", "country": "LT", "local_name": ""},
        ),
    ],
)  # fmt: skip
def test_duplicate_registration_is_flagged(
    client, registration, moderator, existing, submitted, django_capture_on_commit_callbacks
):
    other = MunicipalityFactory(**existing)
    with django_capture_on_commit_callbacks(execute=True):
        # The existing profile is published: the registrant chose to register anyway.
        client.post("/en/register/", form_data(token=None, register_anyway="on", **submitted))
    new = Municipality.objects.exclude(pk=other.pk).get()
    assert new.possible_duplicate_of == other
    to_moderator = next(m for m in mail.outbox if m.to == ["moderator@bot.example"])
    assert "POSSIBLE DUPLICATE" in to_moderator.body and other.name in to_moderator.body


def test_same_name_in_another_country_is_not_a_duplicate(client, registration):
    MunicipalityFactory(name="Kalush", country="PL")
    client.post("/en/register/", form_data())
    assert Municipality.objects.get(country="UA").possible_duplicate_of is None


def test_errors_next_to_fields_and_values_kept(
    client, registration, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/register/",
            form_data(contact_email="not-an-email", population="many", privacy_consent=None),
        )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_contact_email_error"' in html and "Enter a valid email address." in html
    assert 'id="id_population_error"' in html
    assert 'id="id_privacy_consent_error"' in html
    assert 'value="Kalush"' in html and 'value="Калуш"' in html
    assert "Heat pumps for schools" in html
    assert 'value="energy" selected' in html
    assert Municipality.objects.count() == 0 and mail.outbox == []


def test_nul_bytes_and_markup_are_neutralised(client, registration):
    client.post(
        "/en/register/",
        form_data(name="Kal\x00ush", description="<script>alert(1)</script>"),
    )
    municipality = Municipality.objects.get()
    assert municipality.name == "Kalush"
    assert "<script>" not in municipality.description
    assert "&lt;script&gt;" in municipality.description


def test_honeypot_pretends_success_and_stores_nothing(
    client, registration, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/register/", form_data(website_url="http://spam.example"))
    assert response.status_code == 303
    assert Municipality.objects.count() == 0 and mail.outbox == []


def test_rate_limit_per_address(client, registration):
    statuses = [
        client.post("/en/register/", form_data(token=None, name=f"Town {i}")).status_code
        for i in range(6)
    ]
    assert statuses == [303] * 5 + [429]
    assert Municipality.objects.count() == 5


def test_csrf_is_enforced(registration):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/en/register/", form_data())
    assert response.status_code == 403
    assert Municipality.objects.count() == 0


def test_ukrainian_form(client, registration):
    html = client.get("/uk/register/").content.decode()
    assert "Зареєструвати громаду" in html
    assert "Енергетика та енергоефективність" in html  # sectors in Ukrainian


def test_approval_publishes_and_tells_the_contact(
    client, registration, django_capture_on_commit_callbacks
):
    client.post("/en/register/", form_data())
    municipality = Municipality.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        municipality.latest_revision.publish()
    assert client.get("/en/directory/kalush-ua/").status_code == 200
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["international@kalush.example"]
    assert "http://testserver/en/directory/kalush-ua/" in mail.outbox[0].body
    # Publishing again later does not repeat the email.
    municipality.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        municipality.save_revision().publish()
    assert len(mail.outbox) == 1


def admin_form(municipality, **changes):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    data = {
        "name": municipality.name,
        "local_name": municipality.local_name,
        "alternate_names": "",
        "slug": municipality.slug,
        "country": municipality.country,
        "region": municipality.region,
        "kind": municipality.kind,
        "population": municipality.population,
        "website": municipality.website,
        "description": rich_text(municipality.description),
        "katotth_code": "",
        "lau_code": "",
        "open_to_partners": "on",
        "offers": inline_formset([]),
        "needs": inline_formset([]),
        "contact_name": municipality.contact_name,
        "contact_role": municipality.contact_role,
        "contact_email": municipality.contact_email,
        "contact_phone": municipality.contact_phone,
        "last_confirmed": "",
        "moderation_note": "",
        **changes,
    }
    return nested_form_data(data)


def test_moderator_approves_in_the_admin(
    client, registration, moderator, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    client.post("/en/register/", form_data())
    municipality = Municipality.objects.get()
    mail.outbox.clear()
    client.force_login(moderator)
    edit = reverse("wagtailsnippets_community_municipality:edit", args=[municipality.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {**admin_form(municipality), "action-publish": "publish"})
    assert response.status_code == 302, response.context["form"].errors
    municipality.refresh_from_db()
    assert municipality.live
    assert [m.to for m in mail.outbox] == [["international@kalush.example"]]
    assert "Kalush is now in the member directory" in mail.outbox[0].subject


def test_editor_cannot_approve(client, registration):
    from django.urls import reverse

    editor = User.objects.create_user("editor", "editor@bot.example", "pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.post("/en/register/", form_data())
    municipality = Municipality.objects.get()
    client.force_login(editor)
    edit = reverse("wagtailsnippets_community_municipality:edit", args=[municipality.pk])
    client.post(edit, {**admin_form(municipality), "action-publish": "publish"})
    municipality.refresh_from_db()
    assert not municipality.live
    assert client.get("/en/directory/kalush-ua/").status_code == 404


def test_coordinates_are_stored_with_the_profile(client, registration):
    client.post("/en/register/", form_data(latitude="49.0245", longitude="24.3608"))
    municipality = Municipality.objects.get(name="Kalush")
    assert (float(municipality.latitude), float(municipality.longitude)) == (49.0245, 24.3608)


@pytest.mark.parametrize(
    ("coordinates", "field", "message"),
    [
        ({"latitude": "49.02"}, "longitude", "Give both latitude and longitude, or neither."),
        ({"longitude": "24.36"}, "latitude", "Give both latitude and longitude, or neither."),
        ({"latitude": "91", "longitude": "24"}, "latitude", "less than or equal to 90"),
        ({"latitude": "north", "longitude": "24"}, "latitude", "Enter a number."),
    ],
)
def test_bad_coordinates_are_refused_next_to_their_field(
    client, registration, coordinates, field, message
):
    response = client.post("/en/register/", form_data(**coordinates))
    assert response.status_code == 400
    html = response.content.decode()
    errors = html[html.index(f'id="id_{field}_error"') :]
    assert message in errors[:300]
    assert Municipality.objects.count() == 0


def test_a_sentence_without_its_sector_is_refused_next_to_the_sector(client, registration):
    response = client.post("/en/register/", form_data(need_2_note="School buses"))
    assert response.status_code == 400
    html = response.content.decode()
    errors = html[html.index('id="id_need_2_sector_error"') :]
    assert "Choose the sector this sentence is about." in errors[:300]
    assert Municipality.objects.count() == 0


def test_a_sector_chosen_twice_is_stored_once(client, registration):
    client.post("/en/register/", form_data(offer_2_sector="culture", offer_2_note="Festivals"))
    municipality = Municipality.objects.get(name="Kalush")
    assert list(municipality.offers.values_list("sector__slug", "note")) == [
        ("culture", "Youth exchanges")
    ]
