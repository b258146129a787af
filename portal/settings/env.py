"""The one typed list of environment variables the portal reads.

Every setting that differs between machines comes from here, so README's table and
``.env.example`` can be checked against ``VARIABLES`` (tests/portal/test_settings.py does).
A value that cannot be parsed fails loudly at start-up instead of being silently ignored.
"""

import os
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Variable:
    name: str
    default: str | None
    help: str


VARIABLES = {
    v.name: v
    for v in [
        Variable(
            "DJANGO_SETTINGS_MODULE",
            "portal.settings.dev",
            "Settings module: portal.settings.dev, .test or .production.",
        ),
        Variable(
            "SECRET_KEY",
            None,
            "Django's signing key. Required in production (start-up fails without it).",
        ),
        Variable("DEBUG", "false", "true only on a developer's machine."),
        Variable(
            "ALLOWED_HOSTS",
            "localhost,127.0.0.1",
            "Comma-separated host names the portal answers to.",
        ),
        Variable(
            "CSRF_TRUSTED_ORIGINS",
            "",
            "Comma-separated origins (https://example.org) trusted for form posts.",
        ),
        Variable(
            "BASE_URL",
            "http://127.0.0.1:8000",
            "Public address of the portal, used in emails and feeds.",
        ),
        Variable(
            "DATABASE_URL",
            "",
            "Database; empty means the SQLite file var/db.sqlite3 (WAL mode). "
            "Production: postgres://user:password@host:5432/name.",
        ),
        Variable(
            "SEARCH_BACKEND",
            "database",
            "database (default), elasticsearch or opensearch. Setting ELASTICSEARCH_URL or "
            "OPENSEARCH_URL selects the matching backend without this.",
        ),
        Variable(
            "ELASTICSEARCH_URL",
            "",
            "Elasticsearch 8/9 cluster, e.g. https://user:password@es.example.org:9200.",
        ),
        Variable("OPENSEARCH_URL", "", "OpenSearch 2/3 cluster address."),
        Variable(
            "SEARCH_INDEX", "bridges_of_trust", "Index name prefix on Elasticsearch/OpenSearch."
        ),
        Variable(
            "REDIS_URL",
            "",
            "Shared cache, e.g. redis://127.0.0.1:6379/1 (needed with several workers: rate "
            "limits count in it); empty: local memory. Redis errors are logged, not fatal.",
        ),
        Variable(
            "EMAIL_URL",
            "",
            "SMTP server as smtp://user:password@host:587 (smtps:// for TLS on connect); "
            "empty: emails are printed to the console.",
        ),
        Variable(
            "DEFAULT_FROM_EMAIL",
            "Bridges of Trust <noreply@bridges-of-trust.example>",
            "Sender of the portal's emails.",
        ),
        Variable(
            "STAFF_NOTIFICATION_EMAILS",
            "",
            "Comma-separated addresses told about new registrations and applications "
            "in addition to the moderators.",
        ),
        Variable("MEDIA_ROOT", "var/media", "Where uploaded public media is stored."),
        Variable(
            "PRIVATE_MEDIA_ROOT",
            "var/private",
            "Where private uploads (application attachments) are stored; never served directly.",
        ),
        Variable("SECURE_SSL_REDIRECT", "true", "Production: redirect http to https."),
        Variable("SECURE_HSTS_SECONDS", "31536000", "Production: HSTS max-age in seconds."),
        Variable("LOG_LEVEL", "INFO", "Log level of the portal's own loggers."),
        # --- Security and reliability (issue 10) ---------------------------------------------
        Variable(
            "UPLOAD_MAX_REQUEST_MB",
            "52",
            "Largest request body in MB (all files and fields of one post); a larger declared "
            "Content-Length is refused with 413 before the body is read. Keep the proxy's limit "
            "(nginx client_max_body_size) the same.",
        ),
        Variable(
            "TRUSTED_PROXY_COUNT",
            "0",
            "Number of proxies in front of the portal that append to X-Forwarded-For; the "
            "client's address is the n-th entry from the right (0: REMOTE_ADDR).",
        ),
        Variable(
            "LOGIN_FAILURE_LIMIT",
            "5",
            "Wrong passwords allowed per account and address before logins are locked.",
        ),
        Variable("LOGIN_LOCKOUT_MINUTES", "15", "How long a login lock-out lasts."),
        Variable(
            "PAGE_CACHE",
            "true",
            "Serve anonymous visitors' pages from the cache until something they show changes.",
        ),
        Variable(
            "FRONTEND_CACHE_URL",
            "",
            "Varnish in front of the portal, e.g. http://127.0.0.1:6081: published pages are "
            "purged there and every other change bans it; empty: no front-end cache.",
        ),
        Variable(
            "MAP_TILE_URL",
            "",
            "Raster tiles for the map, e.g. https://tiles.example.org/{z}/{x}/{y}.png; "
            "empty: the portal's own outline of Europe (no third-party server).",
        ),
        Variable(
            "MAP_TILE_ATTRIBUTION",
            "",
            "Attribution shown on the map with MAP_TILE_URL (HTML), as the tile provider requires.",
        ),
    ]
}


def load_dotenv(path) -> None:
    """Read KEY=VALUE lines of a local .env file into the environment; variables already set
    in the environment win. Only names in VARIABLES are accepted, so a typo fails loudly."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        name = name.strip()
        if not sep or name not in VARIABLES:
            raise ImproperlyConfigured(f"{path}:{number}: {name!r} is not a known variable")
        os.environ.setdefault(name, value.strip().strip("'\""))


def _raw(name: str) -> str | None:
    if name not in VARIABLES:
        raise KeyError(f"{name} is not in portal.settings.env.VARIABLES: document it there first")
    return os.environ.get(name, VARIABLES[name].default)


def get_str(name: str) -> str:
    return _raw(name) or ""


def require_str(name: str) -> str:
    value = _raw(name)
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required: {VARIABLES[name].help}"
        )
    return value


def get_bool(name: str) -> bool:
    value = get_str(name).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("", "0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use true or false)")


def get_int(name: str) -> int:
    value = get_str(name)
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from error


def get_list(name: str) -> list[str]:
    return [item.strip() for item in get_str(name).split(",") if item.strip()]
