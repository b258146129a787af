"""Privacy of the member space through HTTP: a removed member's sessions end."""

import pytest
from django.contrib.sessions.models import Session

from community.factories import MunicipalityFactory
from community.models import MemberSession, Membership, Role
from tests.community.test_member_space import make_member

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def dolyna(directory):
    return MunicipalityFactory(name="Dolyna", slug="dolyna")


def signed_in(client_class, user):
    other = client_class()
    other.force_login(user, backend=BACKEND)
    return other


def sessions_of(user):
    return [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


def test_a_removed_colleague_is_signed_out_everywhere(
    client, dolyna, django_capture_on_commit_callbacks
):
    admin = make_member(dolyna, "olena@dolyna.example")
    petro = make_member(dolyna, "petro@dolyna.example", Role.COLLEAGUE)
    laptop, phone = signed_in(type(client), petro), signed_in(type(client), petro)
    page = f"/en/account/municipality/{dolyna.pk}/"
    assert laptop.get(page).status_code == 200 and phone.get(page).status_code == 200
    assert len(sessions_of(petro)) == 2
    client.force_login(admin, backend=BACKEND)
    membership = Membership.objects.get(user=petro)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{page}colleagues/{membership.pk}/remove/")
    assert response.status_code == 303
    assert sessions_of(petro) == [] and not MemberSession.objects.filter(user=petro).exists()
    for device in (laptop, phone):
        response = device.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/account/login/")
    # The administrator who removed them is still signed in.
    assert client.get(page).status_code == 200


def test_a_member_of_another_municipality_keeps_the_session_but_not_the_municipality(
    client, dolyna, django_capture_on_commit_callbacks
):
    siauliai = MunicipalityFactory(name="Šiauliai district", slug="siauliai", country="LT")
    admin = make_member(dolyna, "olena@dolyna.example")
    petro = make_member(dolyna, "petro@dolyna.example", Role.COLLEAGUE)
    Membership.objects.create(user=petro, municipality=siauliai, role=Role.COLLEAGUE)
    phone = signed_in(type(client), petro)
    client.force_login(admin, backend=BACKEND)
    membership = Membership.objects.get(user=petro, municipality=dolyna)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/account/municipality/{dolyna.pk}/colleagues/{membership.pk}/remove/")
    assert phone.get(f"/en/account/municipality/{dolyna.pk}/").status_code == 404
    assert phone.get(f"/en/account/municipality/{siauliai.pk}/").status_code == 200
    assert len(sessions_of(petro)) == 1


def test_a_deactivated_membership_ends_the_sessions(
    client, dolyna, django_capture_on_commit_callbacks
):
    petro = make_member(dolyna, "petro@dolyna.example", Role.COLLEAGUE)
    phone = signed_in(type(client), petro)
    assert phone.get(f"/en/account/municipality/{dolyna.pk}/").status_code == 200
    membership = Membership.objects.get(user=petro)
    membership.role = Role.REGISTRANT  # e.g. staff set it back to waiting in the admin
    with django_capture_on_commit_callbacks(execute=True):
        membership.save()
    assert phone.get(f"/en/account/municipality/{dolyna.pk}/").status_code == 302
    assert sessions_of(petro) == []


def test_leaving_signs_out_and_says_so(client, dolyna, django_capture_on_commit_callbacks):
    make_member(dolyna, "olena@dolyna.example")
    petro = make_member(dolyna, "petro@dolyna.example", Role.COLLEAGUE)
    client.force_login(petro, backend=BACKEND)
    own = Membership.objects.get(user=petro)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/account/municipality/{dolyna.pk}/colleagues/{own.pk}/remove/")
    assert response.status_code == 303
    page = client.get(response["Location"], follow=True).content.decode()
    assert "You have left the municipality." in page
    assert sessions_of(petro) == []
