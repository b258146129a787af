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
    assert 'class="site-header' in response.content.decode()  # the site's layout
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


def in_the_sites_layout_in_ukrainian(response):
    html = response.content.decode()
    return 'class="site-header' in html and '<html lang="uk">' in html


def test_password_reset_in_ukrainian_from_the_email_to_signing_in(
    client, homes, member, django_capture_on_commit_callbacks
):
    form = client.get("/uk/account/password/reset/")
    assert in_the_sites_layout_in_ukrainian(form) and "Відновлення Пароля" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/uk/account/password/reset/", {"email": "olena@dolyna.example"})
    link = re.search(
        r"http://testserver(/uk/account/password/reset/key/\S+/)", mail.outbox[-1].body
    )
    response = client.get(link.group(1))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert in_the_sites_layout_in_ukrainian(page) and "Новий Пароль" in page.content.decode()
    # Two different passwords: the form says so and nothing changes.
    refused = client.post(
        response["Location"], {"password1": "Dolyna-new-2026!", "password2": "something else"}
    )
    assert refused.status_code == 200 and "error-summary" in refused.content.decode()
    done = client.post(
        response["Location"], {"password1": "Dolyna-new-2026!", "password2": "Dolyna-new-2026!"}
    )
    assert done.status_code == 302
    assert in_the_sites_layout_in_ukrainian(client.get(done["Location"]))
    # The link worked once; the new password signs in, the old one no longer does.
    assert "/uk/account/password/reset/key/" not in client.get(link.group(1)).get("Location", "")
    old = type(client)().post(
        "/uk/account/login/",
        {"login": "olena@dolyna.example", "password": "a-long-member-password"},
    )
    assert old.status_code == 200
    new = client.post(
        "/uk/account/login/", {"login": "olena@dolyna.example", "password": "Dolyna-new-2026!"}
    )
    assert new.status_code == 302 and signed_in(client)


def test_email_change_in_ukrainian_counts_only_once_confirmed(
    client, homes, member, django_capture_on_commit_callbacks
):
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/uk/account/email/")
    assert (
        in_the_sites_layout_in_ukrainian(page) and "olena@dolyna.example" in page.content.decode()
    )
    refused = client.post("/uk/account/email/", {"action_add": "", "email": "not an address"})
    assert refused.status_code == 200 and 'value="not an address"' in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/uk/account/email/", {"action_add": "", "email": "olena.new@dolyna.example"})
    assert get_user_model().objects.get(pk=member.pk).email == "olena@dolyna.example"
    message = mail.outbox[-1]
    assert message.to == ["olena.new@dolyna.example"]
    link = re.search(r"http://testserver(/uk/account/confirm-email/\S+/)", message.body).group(1)
    confirm = client.get(link)
    assert in_the_sites_layout_in_ukrainian(confirm)
    assert "Підтвердити" in confirm.content.decode()
    client.post(link)
    assert get_user_model().objects.get(pk=member.pk).email == "olena.new@dolyna.example"
    client.post("/uk/account/logout/")
    response = client.post(
        "/uk/account/login/",
        {"login": "olena.new@dolyna.example", "password": "a-long-member-password"},
    )
    assert response.status_code == 302 and signed_in(client)


def test_sign_out_in_ukrainian_is_in_the_sites_layout(client, homes, member):
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/uk/account/logout/")
    assert in_the_sites_layout_in_ukrainian(page) and "Вийти" in page.content.decode()
    response = client.post("/uk/account/logout/")
    assert response.status_code == 302 and not signed_in(client)
    assert client.get("/uk/account/")["Location"].startswith("/uk/account/login/")


def test_a_member_never_reaches_the_admin(client, homes, member):
    client.post(
        "/en/account/login/",
        {"login": "olena@dolyna.example", "password": "a-long-member-password"},
    )
    assert signed_in(client)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.get("/admin/snippets/community/municipality/").status_code == 302
    # The admin's own login form does not let a member in either.
    other = type(client)()
    other.post("/admin/login/", {"username": member.username, "password": "a-long-member-password"})
    assert other.get("/admin/").status_code == 302


def test_password_change_and_first_password_in_ukrainian(client, homes, member):
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get("/uk/account/password/change/")
    assert in_the_sites_layout_in_ukrainian(page) and "Змінити Пароль" in page.content.decode()
    wrong = client.post(
        "/uk/account/password/change/",
        {"oldpassword": "wrong", "password1": "Dolyna-2027!", "password2": "Dolyna-2027!"},
    )
    assert wrong.status_code == 200 and "error-summary" in wrong.content.decode()
    client.post(
        "/uk/account/password/change/",
        {
            "oldpassword": "a-long-member-password",
            "password1": "Dolyna-2027!",
            "password2": "Dolyna-2027!",
        },
    )
    assert get_user_model().objects.get(pk=member.pk).check_password("Dolyna-2027!")
    # An account made by a registration or an invitation has no password yet: it sets one.
    user, _address = account_for("petro@dolyna.example", verified=True)
    other = type(client)()
    other.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert other.get("/uk/account/password/change/")["Location"] == "/uk/account/password/set/"
    other.post(
        "/uk/account/password/set/", {"password1": "Petro-2027!", "password2": "Petro-2027!"}
    )
    assert get_user_model().objects.get(pk=user.pk).check_password("Petro-2027!")
