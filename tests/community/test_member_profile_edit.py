"""A member's edit of every public field through HTTP: sectors offered and needed (a need with
a date), working languages and the logo, saved as a revision that moderators publish."""

import datetime
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from community.factories import MunicipalityFactory
from community.models import Language, Municipality, Sector
from tests.community.test_member_space import make_member, moderator  # noqa: F401
from tests.community.test_registration_logo import files_under, image_upload


@pytest.fixture(autouse=True)
def private_and_public_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


@pytest.fixture
def dolyna(directory):
    municipality = MunicipalityFactory(
        name="Dolyna", slug="dolyna", sectors={"offers": ["water"], "needs": ["energy"]}
    )
    municipality.working_languages.set(Language.objects.filter(code="uk"))
    municipality.save()  # modelcluster writes the languages on save
    return municipality


@pytest.fixture
def member(client, dolyna):
    user = make_member(dolyna, "olena@dolyna.example")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return user


def sector(slug):
    return Sector.objects.get(slug=slug, locale__language_code="en").pk


def language(code):
    return Language.objects.get(code=code).pk


def edit_data(municipality, **changes):
    """The edit form as shown for ``municipality``, with ``changes``."""
    data = {
        "name": municipality.name,
        "local_name": municipality.local_name,
        "region": municipality.region,
        "kind": municipality.kind,
        "population": municipality.population,
        "website": municipality.website,
        "latitude": municipality.latitude,
        "longitude": municipality.longitude,
        "national_association": municipality.national_association_id,
        "description": "A hromada in the Carpathian foothills.",
        "open_to_partners": "on",
        "contact_name": municipality.contact_name,
        "contact_role": municipality.contact_role,
        "contact_email": municipality.contact_email,
        "contact_phone": municipality.contact_phone,
        "offer_1_sector": sector("water"),
        "offer_1_note": "Water supply and sanitation know-how",
        "need_1_sector": sector("energy"),
        "need_1_note": "Energy and energy efficiency know-how",
        "working_languages": [language("uk")],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def waiting_changes(html):
    """The labels listed under "Changed fields waiting for review"."""
    if 'class="member-changes"' not in html:
        return []
    listed = html.split('class="member-changes">')[1].split("</ul>")[0]
    return re.findall(r"<li>([^<]*)</li>", listed)


def test_sectors_with_a_due_date_and_languages_wait_for_review_then_are_published(
    client,
    dolyna,
    member,
    moderator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    edit = f"/en/account/municipality/{dolyna.pk}/edit/"
    form = client.get(edit).content.decode()
    assert 'name="need_1_due"' in form and 'name="offer_3_sector"' in form
    mail.outbox.clear()
    data = edit_data(
        dolyna,
        offer_2_sector=sector("waste"),
        offer_2_note="Sorting lines and a composting site.",
        need_1_note="Solar panels on schools.",
        need_1_due="2027-03-31",
        need_2_sector=sector("health"),
        working_languages=[language("uk"), language("pl")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, data)
    assert response.status_code == 303
    moderators_email = mail.outbox[0].body
    assert "Sectors offered" in moderators_email and "Working languages" in moderators_email
    page = client.get(response["Location"]).content.decode()
    assert "waiting for review" in page
    assert waiting_changes(page) == ["Sectors offered", "Sectors needed", "Working languages"]
    # The published profile is unchanged until a moderator publishes.
    public = client.get("/en/directory/dolyna/").content.decode()
    assert "Sorting lines" not in public and "Polish" not in public
    assert list(dolyna.needs.values_list("sector__slug", flat=True)) == ["energy"]
    # The form shows the waiting edit, not the published profile.
    form = client.get(edit).content.decode()
    assert "Sorting lines and a composting site." in form and 'value="2027-03-31"' in form
    with django_capture_on_commit_callbacks(execute=True):
        Municipality.objects.get(pk=dolyna.pk).latest_revision.publish()
    public = client.get("/en/directory/dolyna/").content.decode()
    assert "Sorting lines and a composting site." in public
    assert "(needed by March 31, 2027)" in public and "Polish" in public
    need = dolyna.needs.get(sector__slug="energy")
    assert need.due_date == datetime.date(2027, 3, 31) and need.note == "Solar panels on schools."
    assert sorted(dolyna.offers.values_list("sector__slug", flat=True)) == ["waste", "water"]
    page = client.get(f"/en/account/municipality/{dolyna.pk}/").content.decode()
    assert "waiting for review" not in page


def test_removing_a_sector_and_a_language_is_a_change(client, dolyna, member):
    edit = f"/en/account/municipality/{dolyna.pk}/edit/"
    data = edit_data(dolyna, need_1_sector="", need_1_note="", working_languages=[])
    data.pop("working_languages")
    response = client.post(edit, data)
    assert response.status_code == 303
    page = client.get(response["Location"]).content.decode()
    assert waiting_changes(page) == ["Sectors needed", "Working languages"]
    draft = Municipality.objects.get(pk=dolyna.pk).get_latest_revision_as_object()
    assert list(draft.needs.all()) == [] and list(draft.working_languages.all()) == []


def test_the_same_values_change_nothing(client, dolyna, member):
    revisions = dolyna.revisions.count()
    response = client.post(f"/en/account/municipality/{dolyna.pk}/edit/", edit_data(dolyna))
    assert response.status_code == 303
    assert "Nothing was changed" in client.get(response["Location"]).content.decode()
    assert dolyna.revisions.count() == revisions


def test_invalid_sector_rows_keep_what_was_typed(client, dolyna, member):
    response = client.post(
        f"/uk/account/municipality/{dolyna.pk}/edit/",
        edit_data(
            dolyna,
            offer_2_sector=sector("water"),
            offer_3_note="Бригада водопостачання",
            need_1_due="not a date",
            region="Нова область",
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html
    assert 'value="Бригада водопостачання"' in html and 'value="Нова область"' in html
    assert 'value="not a date"' in html
    assert 'id="id_offer_2_sector_error"' in html and 'id="id_offer_3_sector_error"' in html
    assert 'id="id_need_1_due_error"' in html
    assert "Потрібно до" in html and "Сектори, у яких громада" not in html  # in Ukrainian
    assert dolyna.revisions.count() == 0


def test_a_new_logo_is_private_until_a_moderator_publishes_it(
    client, dolyna, member, settings, django_capture_on_commit_callbacks
):
    edit = f"/en/account/municipality/{dolyna.pk}/edit/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, {**edit_data(dolyna), "logo": image_upload()})
    assert response.status_code == 303
    assert waiting_changes(client.get(response["Location"]).content.decode()) == [
        "Logo or coat of arms"
    ]
    stored = files_under(settings.PRIVATE_MEDIA_ROOT)
    assert len(stored) == 1 and "coat-of-arms" not in stored[0].name
    assert files_under(settings.MEDIA_ROOT) == []
    live = Municipality.objects.get(pk=dolyna.pk)
    assert live.logo is None and live.submitted_logo.name.endswith(stored[0].name)
    assert live.latest_revision.content["submitted_logo"] == live.submitted_logo.name
    # A moderator publishes: the logo becomes the profile's image, the private copy goes.
    with django_capture_on_commit_callbacks(execute=True):
        live.latest_revision.publish()
    live = Municipality.objects.get(pk=dolyna.pk)
    assert live.logo is not None and not live.submitted_logo
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []
    assert "profile__logo" in client.get("/en/directory/dolyna/").content.decode()
    # A later edit without a logo keeps it.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, edit_data(dolyna, population="21000"))
        Municipality.objects.get(pk=dolyna.pk).latest_revision.publish()
    live = Municipality.objects.get(pk=dolyna.pk)
    assert live.population == 21000 and live.logo is not None


def test_a_second_logo_replaces_the_first_one_waiting(
    client, dolyna, member, settings, django_capture_on_commit_callbacks
):
    edit = f"/en/account/municipality/{dolyna.pk}/edit/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {**edit_data(dolyna), "logo": image_upload()})
        client.post(edit, {**edit_data(dolyna), "logo": image_upload("b.jpg", "JPEG")})
    stored = files_under(settings.PRIVATE_MEDIA_ROOT)
    assert [p.suffix for p in stored] == [".jpg"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("logo.png", b"not an image at all"), "Upload a valid image"),
        (image_upload("logo.gif", "GIF"), "must be a PNG, JPEG or WebP"),
        (
            SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024)),
            "larger than 2 MB",
        ),
    ],
)
def test_a_bad_logo_is_refused_next_to_its_field(client, dolyna, member, settings, upload, message):
    response = client.post(
        f"/en/account/municipality/{dolyna.pk}/edit/",
        {**edit_data(dolyna, region="Typed region"), "logo": upload},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html[html.index('id="id_logo_error"') :][:400]
    assert 'value="Typed region"' in html and "error-summary" in html
    assert dolyna.revisions.count() == 0
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_an_oversized_edit_is_refused_before_it_is_read(client, dolyna, member, settings):
    response = client.post(
        f"/en/account/municipality/{dolyna.pk}/edit/",
        {**edit_data(dolyna), "logo": image_upload()},
        CONTENT_LENGTH=str(5 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Nothing was stored" in response.content.decode()
    assert dolyna.revisions.count() == 0
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_another_municipality_logo_and_sectors_answer_404(client, dolyna, member, settings):
    other = MunicipalityFactory(name="Šiauliai district", slug="siauliai", country="LT")
    response = client.post(
        f"/en/account/municipality/{other.pk}/edit/",
        {**edit_data(other), "logo": image_upload(), "offer_1_sector": sector("water")},
    )
    assert response.status_code == 404
    assert other.revisions.count() == 0 and not Path(settings.PRIVATE_MEDIA_ROOT).exists()


def test_a_moderator_sees_the_member_logo_in_the_admin(
    client,
    dolyna,
    member,
    moderator,  # noqa: F811
):
    from django.urls import reverse

    edit = f"/en/account/municipality/{dolyna.pk}/edit/"
    client.post(edit, {**edit_data(dolyna), "logo": image_upload()})
    client.force_login(moderator)
    admin_edit = reverse("wagtailsnippets_community_municipality:edit", args=[dolyna.pk])
    html = client.get(admin_edit).content.decode()
    assert "edit came with a new logo" in html
    response = client.get(reverse("community_submitted_logo", args=[dolyna.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_kind_map_position_and_association_are_edited_too(client, dolyna, member):
    from community.factories import NationalAssociationFactory

    auc = NationalAssociationFactory(name="Association of Ukrainian Cities", slug="auc")
    edit = f"/en/account/municipality/{dolyna.pk}/edit/"
    form = client.get(edit).content.decode()
    assert 'name="kind"' in form and 'name="latitude"' in form
    assert "Association of Ukrainian Cities" in form
    # Half a map position: refused next to the field, everything typed kept, nothing saved.
    revisions = dolyna.revisions.count()
    half = edit_data(dolyna, latitude="48.99", national_association=auc.pk, kind="village_hromada")
    response = client.post(edit, half)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give both latitude and longitude, or neither." in html
    assert 'value="48.99"' in html and f'<option value="{auc.pk}" selected>' in html
    assert '<option value="village_hromada" selected>' in html
    assert dolyna.revisions.count() == revisions
    # Complete: waits for review like every other field.
    response = client.post(edit, {**half, "longitude": "24.01"})
    assert response.status_code == 303
    page = client.get(response["Location"]).content.decode()
    assert waiting_changes(page) == ["Kind", "Latitude", "Longitude", "National association"]
    draft = Municipality.objects.get(pk=dolyna.pk).get_latest_revision_as_object()
    assert (draft.kind, float(draft.latitude), float(draft.longitude)) == (
        "village_hromada",
        48.99,
        24.01,
    )
    assert draft.national_association == auc
    assert (
        "Association of Ukrainian Cities"
        not in client.get("/en/directory/dolyna/").content.decode()
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"offer_2_note": "Bus depots"},
            "offer_2_sector",
            "Choose the sector this sentence is about.",
        ),
        (
            {"need_2_due": "2027-01-31"},
            "need_2_sector",
            "Choose the sector this sentence is about.",
        ),
        ({"offer_2_sector": "water"}, "offer_2_sector", "This sector is listed already."),
    ],
)
def test_a_sector_row_without_its_sector_or_twice_is_refused(
    client, dolyna, member, changes, field, message
):
    edit = f"/en/account/municipality/{dolyna.pk}/edit/"
    changes = {k: sector(v) if k.endswith("_sector") else v for k, v in changes.items()}
    revisions = dolyna.revisions.count()
    response = client.post(edit, edit_data(dolyna, **changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html[html.index(f'id="id_{field}_error"') :][:300]
    assert dolyna.revisions.count() == revisions
