"""Sign-in of members (django-allauth) at /<lang>/account/…, through HTTP as a person would."""

import re

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from community.accounts import account_for


@pytest.fixture
def member(db):
    user, _address = account_for("olena@dolyna.example", verified=True)
    user.set_password("a-long-member-password")
    user.save()
    return user


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Send me a sign-in code"), ("uk", "Надіслати код для входу")]
)
def test_the_login_page_is_in_the_sites_layout_in_both_languages(client, homes, language, text):
    response = client.get(f"/{language}/account/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header' in html
    assert text in html
    assert f'<html lang="{language}">' in html
    assert response["Cache-Control"] == "private, no-store"
    assert "<script>" not in html  # no inline script under the CSP


def test_a_member_signs_in_with_the_password_and_reaches_the_member_space(client, homes, member):
    response = client.post(
        "/en/account/login/",
        {"login": "Olena@Dolyna.example", "password": "a-long-member-password"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/account/"
    assert signed_in(client)
    page = client.get("/en/account/")
    assert "olena@dolyna.example" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    # A member is not staff: the admin still asks for a staff login.
    assert not get_user_model().objects.get(pk=member.pk).is_staff
    assert client.get("/admin/").status_code == 302


def test_a_wrong_password_keeps_the_form_and_signs_nobody_in(client, homes, member):
    response = client.post(
        "/en/account/login/", {"login": "olena@dolyna.example", "password": "wrong"}
    )
    assert response.status_code == 200
    assert 'value="olena@dolyna.example"' in response.content.decode()
    assert not signed_in(client)


def test_a_member_signs_in_with_a_code_sent_by_email(
    client, homes, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/account/login/code/", {"email": "olena@dolyna.example"})
    assert response.status_code == 302
    assert response["Location"] == "/en/account/login/code/confirm/"
    assert len(mail.outbox) == 1  # through the portal's outbox
    assert mail.outbox[0].to == ["olena@dolyna.example"]
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", mail.outbox[0].body, re.M).group(1)
    response = client.post("/en/account/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert signed_in(client)


def test_an_unknown_email_gets_the_same_answer_as_a_known_one(client, homes, member):
    known = client.post("/en/account/login/code/", {"email": "olena@dolyna.example"})
    other = type(client)()
    unknown = other.post("/en/account/login/code/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    page = other.get(unknown["Location"])
    assert page.status_code == 200  # the code form, as for a known address


def test_nobody_signs_up_on_their_own(client, homes):
    response = client.post(
        "/en/account/signup/",
        {
            "email": "x@example.org",
            "password1": "a-long-member-password",
            "password2": "a-long-member-password",
        },
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="x@example.org").exists()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_wrong_passwords_are_counted_by_axes_and_lock_the_address_out(client, homes, member):
    for _attempt in range(3):
        client.post("/en/account/login/", {"login": "olena@dolyna.example", "password": "wrong"})
    assert AccessAttempt.objects.filter(username="olena@dolyna.example").exists()
    response = client.post(
        "/en/account/login/",
        {"login": "olena@dolyna.example", "password": "a-long-member-password"},
    )
    assert response.status_code == 429
    assert not signed_in(client)


def test_password_reset_is_sent_to_a_member_and_answers_the_same_for_anyone(
    client, homes, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/uk/account/password/reset/", {"email": "olena@dolyna.example"})
        unknown = client.post("/uk/account/password/reset/", {"email": "nobody@example.org"})
    assert known["Location"] == unknown["Location"] == "/uk/account/password/reset/done/"
    assert [m.to for m in mail.outbox if "/uk/account/password/reset/key/" in m.body] == [
        ["olena@dolyna.example"]
    ]


def test_email_change_waits_for_confirmation(
    client, homes, member, django_capture_on_commit_callbacks
):
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/account/email/", {"action_add": "", "email": "new@dolyna.example"}
        )
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=member, email="new@dolyna.example").verified is False
    assert get_user_model().objects.get(pk=member.pk).email == "olena@dolyna.example"
    link = re.search(r"http://testserver(/en/account/confirm-email/[^\s]+/)", mail.outbox[-1].body)
    client.post(link.group(1))
    assert get_user_model().objects.get(pk=member.pk).email == "new@dolyna.example"


def test_sign_out_asks_then_ends_the_session(client, homes, member):
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/uk/account/logout/").status_code == 200
    client.post("/uk/account/logout/")
    assert not signed_in(client)
