"""A logo sent with a registration: checked by content and size, kept private until a
moderator publishes the profile, then made the profile's logo."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image

from community.models import Municipality
from tests.community.test_registration import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_and_public_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def image_upload(name="coat-of-arms.png", image_format="PNG", size=(120, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#ffd500").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def files_under(folder):
    return [p for p in Path(folder).rglob("*") if p.is_file()] if Path(folder).exists() else []


def test_logo_is_stored_privately_under_a_name_of_our_own(client, registration, settings):
    response = client.post("/en/register/", {**form_data(), "logo": image_upload()})
    assert response.status_code == 303
    municipality = Municipality.objects.get(name="Kalush")
    stored = files_under(settings.PRIVATE_MEDIA_ROOT)
    assert len(stored) == 1 and stored[0].suffix == ".png"
    assert "coat-of-arms" not in stored[0].name
    assert files_under(settings.MEDIA_ROOT) == []
    with pytest.raises(ValueError):
        municipality.submitted_logo.url  # noqa: B018 - private files have no URL


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("logo.png", b"not an image at all"), "Upload a valid image"),
        (image_upload("logo.gif", "GIF"), "must be a PNG, JPEG or WebP"),
        (image_upload("huge.png", size=(4100, 4100)), "must be a PNG, JPEG or WebP"),
        (
            SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024)),
            "larger than 2 MB",
        ),
    ],
)
def test_a_bad_logo_is_refused_next_to_its_field(client, registration, settings, upload, message):
    response = client.post("/en/register/", {**form_data(), "logo": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html[html.index('id="id_logo_error"') :][:400]
    assert 'value="Kalush"' in html  # everything else is kept
    assert Municipality.objects.count() == 0
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_an_oversized_request_is_refused_before_it_is_read(client, registration, settings):
    response = client.post(
        "/en/register/",
        {**form_data(), "logo": image_upload()},
        CONTENT_LENGTH=str(5 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Nothing was stored" in response.content.decode()
    assert Municipality.objects.count() == 0


def test_moderators_see_the_submitted_logo_others_do_not(client, registration):
    client.post("/en/register/", {**form_data(), "logo": image_upload()})
    municipality = Municipality.objects.get()
    url = reverse("community_submitted_logo", args=[municipality.pk])

    assert client.get(url).status_code == 302  # anonymous: to the admin login

    outsider = User.objects.create_user("outsider", "o@example.org", "pw", is_staff=True)
    outsider.user_permissions.add(
        *Group.objects.get(name="Editors").permissions.filter(codename="access_admin")
    )
    client.force_login(outsider)
    refused = client.get(url)
    # Wagtail's admin turns a PermissionDenied into a redirect to the dashboard with a message.
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")

    moderator = User.objects.create_user("mod", "m@example.org", "pw", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    edit = client.get(
        reverse("wagtailsnippets_community_municipality:edit", args=[municipality.pk])
    )
    assert url in edit.content.decode()


def test_publishing_makes_it_the_profile_logo(
    client, registration, settings, django_capture_on_commit_callbacks
):
    client.post("/en/register/", {**form_data(), "logo": image_upload()})
    municipality = Municipality.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        municipality.latest_revision.publish()
    municipality.refresh_from_db()
    assert municipality.logo is not None
    assert isinstance(municipality.logo, Image)
    assert municipality.logo.description == "Logo of Kalush"
    assert not municipality.submitted_logo
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []
    html = client.get("/en/directory/kalush-ua/").content.decode()
    # Shown beside the heading that names the municipality, so decorative (alt="").
    assert 'class="profile__logo"' in html and 'alt=""' in html
