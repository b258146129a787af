"""Abuse of the member sign-in (django-allauth, django-axes), through HTTP: requests are
throttled per email address (the account) and per connection, an unknown address gets the same
answer as a known one, and one-time codes expire and work once."""

import re
import time

import pytest
import time_machine
from django.core import mail

from community.accounts import account_for

KNOWN = "olena@dolyna.example"
UNKNOWN = "nobody@dolyna.example"
PASSWORD = "a-long-member-password"


@pytest.fixture
def member(db):
    user, _address = account_for(KNOWN, verified=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def signed_in(client):
    return "_auth_user_id" in client.session


def main_text(response, *typed):
    """The page's <main> without the CSRF token and what the visitor typed."""
    html = response.content.decode()
    html = html[html.index("<main") : html.index("</main>")]
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    for value in typed:
        html = html.replace(value, "ADDRESS")
    return re.sub(r"\s+", " ", html)


def request_code(client, email, capture):
    with capture(execute=True):
        return client.post("/uk/account/login/code/", {"email": email})


def code_in(message):
    return re.search(r"^\s*([A-Z0-9-]{6,})\s*$", message.body, re.M).group(1)


def test_code_requests_are_throttled_per_address_with_the_form_error_in_ukrainian(
    client, homes, member, django_capture_on_commit_callbacks
):
    for _browser in range(3):
        response = request_code(type(client)(), KNOWN, django_capture_on_commit_callbacks)
        assert response.status_code == 302
    assert len(mail.outbox) == 3
    response = request_code(client, KNOWN, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header' in html and '<html lang="uk">' in html
    assert "Занадто багато невдалих спроб входу" in html  # next to the field, kept as typed
    assert f'value="{KNOWN}"' in html and "error-summary" in html
    assert len(mail.outbox) == 3  # no fourth code
    # An unknown address is throttled the same way, and another address is not held up.
    for _browser in range(3):
        request_code(type(client)(), UNKNOWN, django_capture_on_commit_callbacks)
    assert (
        request_code(type(client)(), UNKNOWN, django_capture_on_commit_callbacks).status_code == 200
    )
    other = request_code(type(client)(), "petro@dolyna.example", django_capture_on_commit_callbacks)
    assert other.status_code == 302


def test_wrong_passwords_are_throttled_per_address_even_with_the_right_one_after(
    client, homes, member
):
    for _attempt in range(5):
        response = client.post("/uk/account/login/", {"login": KNOWN, "password": "wrong"})
        assert response.status_code == 200 and not signed_in(client)
    response = type(client)().post("/uk/account/login/", {"login": KNOWN, "password": PASSWORD})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header' in html and "Занадто багато невдалих спроб входу" in html
    assert f'value="{KNOWN}"' in html
    assert not signed_in(client)


def test_too_many_requests_from_one_connection_answer_429_in_the_sites_layout(client, homes):
    for n in range(30):
        client.post("/uk/account/login/", {"login": f"x{n}@example.org", "password": "wrong"})
    response = client.post("/uk/account/login/", {"login": "y@example.org", "password": "wrong"})
    assert response.status_code == 429
    html = response.content.decode()
    assert 'class="site-header' in html and '<html lang="uk">' in html
    assert "Забагато запитів з вашої адреси" in html
    assert response["Cache-Control"] == "private, no-store"


def test_an_unknown_address_gets_the_same_answer_and_page_as_a_known_one(
    client, homes, member, django_capture_on_commit_callbacks
):
    # A code request: the same redirect, then the same page (only the address differs).
    known, unknown = type(client)(), type(client)()
    first = request_code(known, KNOWN, django_capture_on_commit_callbacks)
    second = request_code(unknown, UNKNOWN, django_capture_on_commit_callbacks)
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert main_text(known.get(first["Location"]), KNOWN) == main_text(
        unknown.get(second["Location"]), UNKNOWN
    )
    # Both addresses get an email (the unknown one says there is no account there), so both
    # answers take the same path through the outbox.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([KNOWN, UNKNOWN])
    unknown_mail = next(m for m in mail.outbox if m.to == [UNKNOWN])
    assert not re.search(r"^\s*[A-Z0-9]{3,}-?[A-Z0-9]{3,}\s*$", unknown_mail.body, re.M)
    # A password: a wrong one for a known address and any for an unknown address read alike.
    known_page = type(client)().post("/uk/account/login/", {"login": KNOWN, "password": "wrong"})
    unknown_page = type(client)().post(
        "/uk/account/login/", {"login": UNKNOWN, "password": "wrong"}
    )
    assert known_page.status_code == unknown_page.status_code == 200
    assert main_text(known_page, KNOWN) == main_text(unknown_page, UNKNOWN)
    # A password reset: the same redirect.
    known_reset = type(client)().post("/uk/account/password/reset/", {"email": KNOWN})
    unknown_reset = type(client)().post("/uk/account/password/reset/", {"email": UNKNOWN})
    assert known_reset["Location"] == unknown_reset["Location"]


def test_a_code_works_once(client, homes, member, django_capture_on_commit_callbacks):
    request_code(client, KNOWN, django_capture_on_commit_callbacks)
    code = code_in(mail.outbox[-1])
    assert client.post("/uk/account/login/code/confirm/", {"code": code}).status_code == 302
    assert signed_in(client)
    client.post("/uk/account/logout/")
    assert not signed_in(client)
    again = client.post("/uk/account/login/code/confirm/", {"code": code})
    assert not signed_in(client)
    assert again.status_code == 302 and again["Location"].startswith("/uk/account/login/")


def test_a_code_expires(client, homes, member, django_capture_on_commit_callbacks):
    request_code(client, KNOWN, django_capture_on_commit_callbacks)
    code = code_in(mail.outbox[-1])
    with time_machine.travel(time.time() + 11 * 60):
        response = client.post("/uk/account/login/code/confirm/", {"code": code})
    assert not signed_in(client)
    assert response.status_code == 302 and response["Location"].startswith("/uk/account/login/")


def test_wrong_codes_use_up_the_code(client, homes, member, django_capture_on_commit_callbacks):
    request_code(client, KNOWN, django_capture_on_commit_callbacks)
    code = code_in(mail.outbox[-1])
    response = client.post("/uk/account/login/code/confirm/", {"code": "WRONG-CODE"})
    assert response.status_code == 200 and 'value="WRONG-CODE"' in response.content.decode()
    assert "error-summary" in response.content.decode()
    for _attempt in range(2):
        client.post("/uk/account/login/code/confirm/", {"code": "WRONG-CODE"})
    assert not signed_in(client)
    response = client.post("/uk/account/login/code/confirm/", {"code": code})
    assert not signed_in(client)
    assert response.status_code == 302 and response["Location"].startswith("/uk/account/login/")


def test_password_resets_are_throttled_per_address_with_a_429_in_the_sites_layout(
    client, homes, member, django_capture_on_commit_callbacks
):
    for _browser in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = type(client)().post("/uk/account/password/reset/", {"email": KNOWN})
        assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/uk/account/password/reset/", {"email": KNOWN})
    assert response.status_code == 429
    html = response.content.decode()
    assert 'class="site-header' in html and "Забагато запитів з вашої адреси" in html
    assert len(mail.outbox) == 5


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/uk/account/login/code/", "email"),
        ("/uk/account/password/reset/", "email"),
        ("/uk/account/login/", "login"),
    ],
)
def test_a_malformed_address_is_refused_next_to_the_field_keeping_what_was_typed(
    client, homes, url, field
):
    response = client.post(url, {field: "olena at dolyna", "password": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="olena at dolyna"' in html and "error-summary" in html
    assert not mail.outbox
