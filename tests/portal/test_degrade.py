"""Degrade, don't fail: a cache that is down, a search backend that cannot answer, and the
health endpoint that tells the load balancer which one it is."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

from search.models import SearchPage
from tests.search.conftest import directory  # noqa: F401  (the partner search's fixture)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
BROKEN_SEARCH = {"default": {"BACKEND": "tests.portal.broken_search", "AUTO_UPDATE": True}}
UNAVAILABLE = "Search is unavailable right now"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_server(tmp_path):
    """A real redis-server on a free port, stopped by the test (or at the end)."""
    if not Path(REDIS_SERVER).exists():
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run does)")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - a fixed local binary
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("redis-server did not start")

    class Server:
        url = f"redis://127.0.0.1:{port}/0"

        @staticmethod
        def stop():
            if process.poll() is None:
                process.terminate()
                process.wait(10)

    yield Server
    Server.stop()


def redis_caches(url):
    """The production cache settings (portal.settings.base) for this Redis."""
    from portal.settings.caching import redis_cache

    return {"default": redis_cache(url)}


def test_the_production_cache_ignores_redis_errors(monkeypatch):
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s;"
            "print(s.CACHES['default']['BACKEND'], s.DJANGO_REDIS_IGNORE_EXCEPTIONS)",
        ],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "PORTAL_IGNORE_DOTENV": "1",
            "REDIS_URL": "redis://127.0.0.1:1/0",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["django_redis.cache.RedisCache", "True"], result.stderr


def test_pages_stay_up_when_redis_stops(client, homes, redis_server):
    with override_settings(CACHES=redis_caches(redis_server.url)):
        cache.set("probe", "up")
        assert cache.get("probe") == "up"  # really talking to Redis
        assert client.get("/en/").status_code == 200
        assert client.get("/healthz").status_code == 200
        redis_server.stop()
        started = time.monotonic()
        for path in ("/en/", "/uk/", "/sitemap.xml", "/robots.txt"):
            response = client.get(path)
            assert response.status_code == 200, path
        assert time.monotonic() - started < 10
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["down"] == ["cache"]


def test_rate_limit_counts_across_worker_processes(redis_server, settings):
    """Two workers (this process and another one) share one count through Redis."""
    with override_settings(CACHES=redis_caches(redis_server.url), TRUSTED_PROXY_COUNT=0):
        from django.test import RequestFactory

        from portal import ratelimit

        request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.44")
        for _post in range(3):
            assert ratelimit.allow(request, "workers", 4, 60)
        code = (
            "import django; django.setup();"
            "from django.test import RequestFactory; from portal import ratelimit;"
            "r = RequestFactory().post('/', REMOTE_ADDR='192.0.2.44');"
            "print(ratelimit.allow(r, 'workers', 4, 60), ratelimit.allow(r, 'workers', 4, 60))"
        )
        other = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={
                "PATH": "/usr/bin:/bin",
                "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
                "PORTAL_IGNORE_DOTENV": "1",
                "REDIS_URL": redis_server.url,
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        # The 4th post (first in the other worker) is allowed, the 5th is not.
        assert other.stdout.split() == ["True", "False"], other.stderr
        assert not ratelimit.allow(request, "workers", 4, 60)


def test_healthz_is_ok_when_everything_answers(client, homes):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok" and data["down"] == []
    assert set(data["checks"]) == {"database", "cache", "search", "tasks"}
    assert all(check["ok"] for check in data["checks"].values())
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@override_settings(WAGTAILSEARCH_BACKENDS=BROKEN_SEARCH)
def test_healthz_names_the_search_backend_when_it_is_down(client, homes):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["search"]
    assert "Connection refused" not in response.content.decode()  # no error details


def test_healthz_names_the_database_when_it_is_down(client, homes, monkeypatch):
    from django.db import OperationalError

    from portal import health

    def refuse():
        raise OperationalError("could not connect to server")

    monkeypatch.setitem(health.CHECKS, "database", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["database"]


def test_partner_search_answers_from_the_database_when_the_backend_fails(client, directory):  # noqa: F811
    with override_settings(WAGTAILSEARCH_BACKENDS=BROKEN_SEARCH):
        response = client.get("/en/partners/", {"country": "UA", "needs": "water"})
        assert response.status_code == 200
        html = response.content.decode()
        assert UNAVAILABLE in html
        # The filters still work from the database: UA towns that need water.
        assert "/directory/dolyna/" in html and "/directory/kalush/" in html
        assert "/directory/siauliai/" not in html and "/directory/kyiv/" not in html
        assert "facet__count" in html  # facets counted by the database
        # Words are matched without the backend (folded: Київ = Kyiv).
        html = client.get("/en/partners/", {"q": "Київ"}).content.decode()
        assert UNAVAILABLE in html
        assert "/directory/kyiv/" in html and "/directory/dolyna/" not in html


def test_partner_api_answers_from_the_database_when_the_backend_fails(client, directory):  # noqa: F811
    with override_settings(WAGTAILSEARCH_BACKENDS=BROKEN_SEARCH):
        response = client.get("/api/partners/", {"country": "UA", "needs": "water"})
    assert response.status_code == 200
    data = response.json()
    assert data["search_unavailable"] is True
    assert data["message"].startswith(UNAVAILABLE)
    assert sorted(r["slug"] for r in data["results"]) == ["dolyna", "kalush"]
    countries = next(f for f in data["facets"] if f["name"] == "country")
    assert {o["value"]: o["count"] for o in countries["options"]} == {"UA": 2}


def test_partner_api_says_when_search_is_available(client, directory):  # noqa: F811
    data = client.get("/api/partners/", {"country": "UA"}).json()
    assert data["search_unavailable"] is False and data["message"] == ""


def test_site_search_says_it_is_unavailable(client, homes):
    homes["en"].add_child(instance=SearchPage(title="Search", slug="search"))
    with override_settings(WAGTAILSEARCH_BACKENDS=BROKEN_SEARCH):
        response = client.get("/en/search/", {"q": "Kyiv"})
    assert response.status_code == 200
    assert "Search is unavailable at the moment" in response.content.decode()


def test_partner_search_survives_a_failing_database_index(client, directory, monkeypatch):  # noqa: F811
    """The database backend's query fails for real (PostgreSQL then aborts the transaction):
    the answer still comes from the database, through a savepoint."""
    from django.db import connection

    from search import partners

    def failing_search(filters, queryset):
        with connection.cursor() as cursor:
            cursor.execute("SELECT no_such_column FROM wagtailcore_page")
        raise AssertionError("the query above must fail")

    monkeypatch.setattr(partners, "search", failing_search)
    response = client.get("/api/partners/", {"country": "UA", "needs": "water"})
    assert response.status_code == 200
    data = response.json()
    assert data["search_unavailable"] is True
    assert sorted(r["slug"] for r in data["results"]) == ["dolyna", "kalush"]
