"""A data subject's request about the member space: ``manage.py member_data export|erase``
reaches accounts, email addresses, memberships, sessions, invitations and join requests."""

import io
import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.urls import reverse

from community.factories import MunicipalityFactory
from community.models import Invitation, JoinRequest, JoinStatus, Membership, Role
from tests.community.test_member_space import make_member

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def petro(client, directory):
    """A colleague at Dolyna who invited someone, asked to join Kalush and is signed in."""
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna")
    kalush = MunicipalityFactory(name="Kalush", slug="kalush")
    make_member(dolyna, "olena@dolyna.example")
    user = make_member(dolyna, "Petro@dolyna.example", Role.COLLEAGUE)
    Invitation.objects.create(municipality=dolyna, email="maria@dolyna.example", invited_by=user)
    Invitation.objects.create(municipality=kalush, email="petro@dolyna.example")
    JoinRequest.objects.create(
        municipality=kalush,
        email="petro@dolyna.example",
        name="Petro Ivanenko",
        message="I run the twin-city desk.",
        user=user,
        status=JoinStatus.WAITING,
    )
    client.force_login(user, backend=BACKEND)
    return user


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("member_data", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_lists_everything_held_about_the_address(petro):
    out, _err = run("export", "petro@dolyna.example")
    data = json.loads(out)
    (account,) = data["accounts"]
    assert account["email"] == "Petro@dolyna.example"
    assert account["email_addresses"] == [
        {"email": "Petro@dolyna.example", "verified": True, "primary": True}
    ]
    assert account["memberships"][0]["municipality"] == "Dolyna"
    assert account["memberships"][0]["role"] == "colleague"
    assert account["invitations_sent"][0]["email"] == "maria@dolyna.example"
    assert [i["municipality"] for i in data["invitations"]] == ["Kalush"]
    (request,) = data["join_requests"]
    assert request["name"] == "Petro Ivanenko" and request["message"] == "I run the twin-city desk."


def test_erase_removes_the_account_and_signs_it_out(
    client, petro, django_capture_on_commit_callbacks
):
    dolyna = Membership.objects.get(user=petro).municipality
    assert client.get(f"/en/account/municipality/{dolyna.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        _out, err = run("erase", "petro@dolyna.example")
    assert "1 accounts" in err and "1 join requests" in err
    assert not User.objects.filter(email__iexact="petro@dolyna.example").exists()
    assert not EmailAddress.objects.filter(email__iexact="petro@dolyna.example").exists()
    assert not Membership.objects.filter(user_id=petro.pk).exists()
    assert not JoinRequest.objects.exists()
    assert list(Invitation.objects.values_list("email", flat=True)) == ["maria@dolyna.example"]
    assert Invitation.objects.get().invited_by is None
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id")]
    response = client.get(f"/en/account/municipality/{dolyna.pk}/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    # The administrator and the other municipality are untouched.
    assert Membership.objects.filter(user__email="olena@dolyna.example").exists()
    with pytest.raises(CommandError):
        run("export", "petro@dolyna.example")


def test_join_requests_and_invitations_without_an_account_are_reached(directory):
    kalush = MunicipalityFactory(name="Kalush", slug="kalush")
    JoinRequest.objects.create(municipality=kalush, email="iryna@kalush.example")
    Invitation.objects.create(municipality=kalush, email="IRYNA@kalush.example")
    data = json.loads(run("export", "iryna@kalush.example")[0])
    assert data["accounts"] == [] and len(data["join_requests"]) == 1
    assert len(data["invitations"]) == 1
    run("erase", "iryna@kalush.example")
    assert not JoinRequest.objects.exists() and not Invitation.objects.exists()


def test_a_staff_account_and_an_unknown_address_are_refused(db):
    User.objects.create_user("editor", "editor@bot.example", "pw", is_staff=True)
    with pytest.raises(CommandError, match="staff"):
        run("erase", "editor@bot.example")
    assert User.objects.filter(username="editor").exists()
    with pytest.raises(CommandError, match="nothing"):
        run("export", "nobody@example.org")


def test_the_admin_exports_and_erases_after_confirmation(client, petro):
    url = reverse("community_member_data")
    editor = User.objects.create_user("editor", "editor@bot.example", "pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    # An editor may not: Wagtail sends them back to the dashboard, and nothing changes.
    assert client.get(url)["Location"] == "/admin/"
    client.post(url, {"email": "petro@dolyna.example", "action": "erase", "confirm": "on"})
    assert User.objects.filter(pk=petro.pk).exists()
    admin = User.objects.create_superuser("root", "root@bot.example", "pw")
    client.force_login(admin)
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "petro@dolyna.example", "action": "export"})
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["join_requests"][0]["name"] == "Petro Ivanenko"
    response = client.post(url, {"email": "petro@dolyna.example", "action": "erase"})
    assert response.status_code == 200 and "Tick the box" in response.content.decode()
    assert User.objects.filter(pk=petro.pk).exists()
    response = client.post(
        url, {"email": "petro@dolyna.example", "action": "erase", "confirm": "on"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=petro.pk).exists() and not JoinRequest.objects.exists()
    response = client.post(url, {"email": "nobody@example.org", "action": "export"})
    assert "holds nothing" in response.content.decode()
