"""Settings come from one documented list of environment variables and fail loudly."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings import base, env

ROOT = Path(__file__).resolve().parents[2]


def run_python(code, **environ):
    full = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    full.update(environ)
    full["PORTAL_IGNORE_DOTENV"] = "1"
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_variable_is_documented_in_readme_and_env_example():
    readme = (ROOT / "README.md").read_text()
    example = (ROOT / ".env.example").read_text()
    for name in env.VARIABLES:
        assert f"| `{name}` |" in readme, f"{name} missing from README's environment table"
        assert re.search(rf"^#? ?{name}=", example, re.M), f"{name} missing from .env.example"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_production_passes_the_deploy_checks():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-for-the-check-only-9a8b7c6d5e",
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_sqlite_default_uses_wal_immediate_transactions_and_a_busy_timeout(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = base.database_from_env()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert str(config["NAME"]).endswith("var/db.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 10


def test_database_url_selects_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://bot:secret@db.example.org:5432/bridges")
    config = base.database_from_env()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["NAME"], config["USER"]) == ("db.example.org", "bridges", "bot")


@pytest.mark.parametrize(
    ("variables", "backend"),
    [
        ({}, "portal.search_backend"),
        (
            {"ELASTICSEARCH_URL": "https://es.example.org:9200"},
            "wagtail.search.backends.elasticsearch",
        ),
        ({"OPENSEARCH_URL": "https://os.example.org:9200"}, "wagtail.search.backends.opensearch2"),
        ({"SEARCH_BACKEND": "elasticsearch"}, "wagtail.search.backends.elasticsearch"),
    ],
)
def test_search_backend_follows_the_environment(monkeypatch, variables, backend):
    for name in ("ELASTICSEARCH_URL", "OPENSEARCH_URL", "SEARCH_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    config = base.search_backend_from_env()
    assert config["BACKEND"].startswith(backend)
    if "URLS" in config:
        assert config["URLS"][0] in variables.values() or config["URLS"] == [
            "http://localhost:9200"
        ]


def test_email_url_configures_smtp(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://mailer:p%40ss@smtp.example.org:2525")
    config = base.email_from_env()
    assert config["EMAIL_DELIVERY_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"]) == ("smtp.example.org", 2525)
    assert config["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert config["EMAIL_USE_TLS"] is True
    monkeypatch.setenv("EMAIL_URL", "")
    assert base.email_from_env()["EMAIL_DELIVERY_BACKEND"].endswith("console.EmailBackend")
    # Whatever delivers, every email goes through the outbox first.
    assert base.EMAIL_BACKEND == "portal.mail.OutboxBackend"


def test_a_malformed_value_fails_loudly(monkeypatch):
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "one year")
    with pytest.raises(ImproperlyConfigured, match="SECURE_HSTS_SECONDS"):
        env.get_int("SECURE_HSTS_SECONDS")
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env.get_bool("DEBUG")


def test_dotenv_file_is_read_and_rejects_unknown_names(tmp_path, monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    dotenv = tmp_path / ".env"
    dotenv.write_text("# comment\nREDIS_URL=redis://127.0.0.1:6379/3\n")
    env.load_dotenv(dotenv)
    assert os.environ["REDIS_URL"] == "redis://127.0.0.1:6379/3"
    dotenv.write_text("REDIS_ULR=redis://typo\n")
    with pytest.raises(ImproperlyConfigured, match="REDIS_ULR"):
        env.load_dotenv(dotenv)


def test_the_admin_asks_no_third_party_for_avatars(client, django_user_model):
    """The admin's avatar is Wagtail's own static image, not gravatar.com (which the CSP
    refuses: the walk saw a broken image on the dashboard)."""
    user = django_user_model.objects.create_superuser("hub", "hub@bot.example", "pw")
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    assert "wagtailadmin/images/default-user-avatar" in html
