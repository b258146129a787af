"""Abuse controls: login throttling, the client's address behind trusted proxies, rate-limit
counters in the shared cache, and a CSRF failure that keeps what was typed."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client, RequestFactory, override_settings

from portal import ratelimit
from portal.security import client_address

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("mod", "mod@example.org", "right-password")
    user.is_staff = True
    user.is_superuser = True
    user.save()
    return user


def logged_in(client):
    return "_auth_user_id" in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
@pytest.mark.parametrize("language", ["en", "uk"])
def test_admin_login_is_locked_after_five_wrong_passwords(client, homes, moderator, language):
    client.cookies["django_language"] = language
    for _attempt in range(4):
        response = client.post(LOGIN, {"username": "mod", "password": "wrong"})
        assert response.status_code == 200  # Wagtail's form, with its error
    response = client.post(LOGIN, {"username": "mod", "password": "wrong"})
    assert response.status_code == 429
    # The right password no longer opens the account from this address.
    response = client.post(LOGIN, {"username": "mod", "password": "right-password"})
    assert response.status_code == 429
    assert not logged_in(client)
    html = response.content.decode()
    assert 'class="site-header' in html
    if language == "en":
        assert "Too many failed logins" in html
        assert "blocked for 15 minutes" in html
    else:
        assert "Забагато невдалих входів" in html
    assert int(response["Retry-After"]) == 15 * 60


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_the_right_password_within_the_limit_logs_in(client, homes, moderator):
    for _attempt in range(3):
        client.post(LOGIN, {"username": "mod", "password": "wrong"})
    response = client.post(LOGIN, {"username": "mod", "password": "right-password"})
    assert response.status_code == 302
    assert logged_in(client)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=2, TRUSTED_PROXY_COUNT=1)
def test_the_lock_out_follows_the_client_behind_the_proxy(homes, moderator):
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _attempt in range(2):
        attacker.post(LOGIN, {"username": "mod", "password": "wrong"})
    assert (
        attacker.post(LOGIN, {"username": "mod", "password": "right-password"}).status_code == 429
    )
    # The same proxy, another visitor: not locked out.
    owner = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert owner.post(LOGIN, {"username": "mod", "password": "right-password"}).status_code == 302


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    "count, remote, forwarded, expected",
    [
        (0, "10.0.0.1", "203.0.113.9", "10.0.0.1"),  # no proxy: the header is the client's claim
        (1, "10.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, "10.0.0.1", "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # a forged left part is ignored
        (2, "10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "10.0.0.2", "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies: not trusted
        (1, "10.0.0.1", "not-an-address", "10.0.0.1"),
        (1, "10.0.0.1", "", "10.0.0.1"),
        (1, "10.0.0.1", " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_address_behind_trusted_proxies(settings, count, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(request_from(remote, forwarded)) == expected


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_rate_limit_buckets_are_per_client_behind_the_proxy():
    first = request_from("10.0.0.1", "203.0.113.9")
    for _post in range(3):
        assert ratelimit.allow(first, "test", 3, 60)
    assert not ratelimit.allow(first, "test", 3, 60)
    # A forged left-hand entry does not give the same client a new bucket.
    assert not ratelimit.allow(request_from("10.0.0.1", "6.6.6.6, 203.0.113.9"), "test", 3, 60)
    # Another visitor behind the same proxy has their own.
    assert ratelimit.allow(request_from("10.0.0.1", "198.51.100.7"), "test", 3, 60)


def test_rate_limit_counts_in_the_configured_cache(settings):
    """The count lives in the configured cache (shared by every worker with Redis), not in the
    process: another client of the same cache sees it and can clear it."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"},
    }
    request = request_from("192.0.2.5")
    for _post in range(2):
        assert ratelimit.allow(request, "count", 5, 60)
    key = ratelimit.cache_key(request, "count")
    assert caches["default"].get(key) == 2
    caches["default"].set(key, 5, 60)  # as if other workers had counted three more
    assert not ratelimit.allow(request, "count", 5, 60)
    caches["default"].delete(key)
    assert ratelimit.allow(request, "count", 5, 60)


def test_a_csrf_failure_keeps_what_was_typed(homes):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/en/",
        {
            "name": "Olena <Kovalenko>",
            "message": "Line one\nLine two",
            "password": "secret-123",
            "consent": "on",
            "form_started": "signed-value",
        },
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Please confirm and send again" in html
    assert 'class="site-header' in html
    assert 'value="Olena &lt;Kovalenko&gt;"' in html
    assert "Line one\nLine two</textarea>" in html
    assert 'type="hidden" name="form_started" value="signed-value"' in html
    assert "secret-123" not in html and "Password" in html  # named, not kept
    assert response["Cache-Control"] == "private, no-store"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    # Confirming sends the kept fields with the new token: the CSRF check passes.
    resent = client.post(
        "/en/", {"csrfmiddlewaretoken": token, "name": "Olena", "message": "Line one"}
    )
    assert resent.status_code == 200


def test_the_csrf_failure_page_is_translated(homes):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/uk/", {"name": "Олена"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Будь ласка, перевірте й надішліть ще раз" in html
    assert 'value="Олена"' in html
