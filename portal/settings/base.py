"""Settings shared by every environment. Values that differ between machines come from
``portal.settings.env`` (the documented list of environment variables)."""

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import dj_database_url
from django.utils.translation import gettext_lazy as _

from portal.countries import FIRST as NETWORK_AND_NEIGHBOURS

from . import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
if not os.environ.get("PORTAL_IGNORE_DOTENV"):  # tests ignore a developer's .env
    env.load_dotenv(BASE_DIR / ".env")

SECRET_KEY = env.get_str("SECRET_KEY")  # dev/test provide a local one; production requires it
DEBUG = env.get_bool("DEBUG")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")
BASE_URL = env.get_str("BASE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL
# No avatar from gravatar.com (a third-party request the CSP refuses, shown as a broken image):
# the admin shows Wagtail's own default avatar or the one a user uploads.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The shared layer (portal) imports no feature app: it finds the home page type and the demo
# builders through these two settings. The home page of each language is the root of that
# language's page tree; seed_demo runs the builders in this order, each seed(tree) adding to
# the pages the ones before it made.
PORTAL_HOME_PAGE_MODEL = "home.HomePage"
PORTAL_DEMO_SEEDERS = [
    "home.demo.seed",
    "community.demo.seed",
    "stories.demo.seed",
    "calls.demo.seed",
    "search.demo.seed",
    "portal.legal.seed.seed",  # privacy notice, cookies, accessibility, contact, imprint
    "newsletter.demo.seed",  # the newsletter sign-up page (issue 16)
]
# Demo accounts of feature apps, made by seed_demo unless --no-accounts (member space, issue 11).
PORTAL_DEMO_ACCOUNT_SEEDERS = [
    "community.demo_members.seed_members",
    "community.demo_associations.seed_association_members",
    "community.demo_interests.seed_interests",
    "community.demo_partnerships.seed_partnerships",  # after the interests: needs the match
]
# Issue 12: how many new interests (not answered yet) a municipality may express in 7 days.
INTERESTS_PER_WEEK = 10
# Issue 12, conversations of matched municipalities (community/conversations.py): messages older
# than this are deleted with their attachments by `purge_conversations`; the other side is emailed
# a digest this long after a message (several messages in between: one email); at most so many
# messages per member in so many seconds (429 beyond); attachments per message and their size.
CONVERSATION_RETENTION_DAYS = 730
CONVERSATION_DIGEST_DELAY_SECONDS = 600
CONVERSATION_RATE_LIMIT = (30, 600)
CONVERSATION_MAX_ATTACHMENTS = 3
CONVERSATION_MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024

INSTALLED_APPS = [
    "portal",
    "home",
    "community",
    "calls",
    "stories",
    "search",
    "newsletter",
    "wagtail_localize",
    "wagtail_localize.locales",
    # --- Security and reliability (issue 10): login throttling, Content-Security-Policy ---
    "axes",
    "csp",
    # --- end security and reliability ---  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    # --- Member space (issue 11): sign-in by email with a code or a password ---
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # --- Security and reliability (issue 10) ---------------------------------------------------
    # Content-Security-Policy (django-csp) and Permissions-Policy on every response but the admin.
    "csp.middleware.CSPMiddleware",
    "portal.security.PermissionsPolicyMiddleware",
    # --- end security and reliability ---
    # Before the session: a cached page is answered without session, CSRF or database work.
    "portal.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # --- Security and reliability (issue 10) ---------------------------------------------------
    # Refuses a declared Content-Length above MAX_REQUEST_BODY_SIZE before anything (the CSRF
    # check included) reads the body; after the locale and the (lazy) user so that its 413 page
    # is the site's, in the visitor's language.
    "portal.middleware.RequestSizeLimitMiddleware",
    # --- end security and reliability ---
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.middleware.DatabaseBusyMiddleware",
    "allauth.account.middleware.AccountMiddleware",  # member space (issue 11)
    # --- Security and reliability (issue 10): login lock-out (django-axes), last as required ---
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"


# Database ---------------------------------------------------------------------------------------


def database_from_env() -> dict:
    """PostgreSQL (or any dj-database-url address) from DATABASE_URL, else SQLite under var/.

    SQLite runs in WAL mode with IMMEDIATE transactions and a busy timeout, so concurrent
    writers wait for each other instead of failing with "database is locked"."""
    url = env.get_str("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        VAR_DIR.mkdir(exist_ok=True)
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "db.sqlite3"}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(
            {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            }
        )
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Search -----------------------------------------------------------------------------------------


def search_backend_from_env() -> dict:
    """Wagtail's database backend (SQLite FTS5 / PostgreSQL full-text) unless a cluster is named.

    The Elasticsearch backend matches the installed client's major version (8 or 9), which must
    match the cluster's."""
    choice = env.get_str("SEARCH_BACKEND").lower()
    es_url, os_url = env.get_str("ELASTICSEARCH_URL"), env.get_str("OPENSEARCH_URL")
    index = env.get_str("SEARCH_INDEX")
    if os_url or choice == "opensearch":
        return {
            "BACKEND": "wagtail.search.backends.opensearch2",
            "URLS": [os_url or "http://localhost:9200"],
            "INDEX_PREFIX": index + "_",
            "AUTO_UPDATE": True,
        }
    if es_url or choice == "elasticsearch":
        import elasticsearch

        major = elasticsearch.__versionstr__.split(".")[0]
        return {
            "BACKEND": f"wagtail.search.backends.elasticsearch{major}",
            "URLS": [es_url or "http://localhost:9200"],
            "INDEX_PREFIX": index + "_",
            "AUTO_UPDATE": True,
        }
    # Wagtail's database backend; on SQLite, relevance scored once per search (its docstring).
    return {"BACKEND": "portal.search_backend", "AUTO_UPDATE": True}


WAGTAILSEARCH_BACKENDS = {"default": search_backend_from_env()}


# Passwords --------------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Languages --------------------------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("uk", "Українська"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("pl", "Polski"),
]
# Languages in which the public interface is fully translated; the others fall back to English
# for interface strings while their content is translated page by page.
PORTAL_UI_LANGUAGES = ["en", "uk"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
# Synced: the editor translates in wagtail-localize's editor and sees its progress. A page sent for
# translation is created as a draft in the other language (never a live copy of the source's
# text): it goes live only when its translation is published through moderation
# (portal/translation_workflow.py adds "Submit for moderation" to the translation editor).
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False


# Static files and media -------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / env.get_str("MEDIA_ROOT")
PRIVATE_MEDIA_ROOT = BASE_DIR / env.get_str("PRIVATE_MEDIA_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads above this are refused before they are written anywhere but a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# --- Security and reliability (issue 10): the whole request body -----------------------------
# A request declaring a larger Content-Length is answered 413 before its body is read
# (portal.middleware.RequestSizeLimitMiddleware). It must hold the largest form the portal takes
# (an application's attachments plus its fields) and at least Django's own limits; a system check
# (portal.security) says so when it does not. The proxy's limit should be the same.
MAX_REQUEST_BODY_SIZE = env.get_int("UPLOAD_MAX_REQUEST_MB") * 1024 * 1024
# --- end security and reliability ---
FILE_UPLOAD_PERMISSIONS = 0o640


# Email ------------------------------------------------------------------------------------------


def email_from_env() -> dict:
    """SMTP from EMAIL_URL (smtp:// with STARTTLS, smtps:// with TLS), else the console."""
    url = env.get_str("EMAIL_URL")
    if not url:
        return {"EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parsed = urlparse(url)
    if parsed.scheme not in ("smtp", "smtps"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("EMAIL_URL must start with smtp:// or smtps://")
    return {
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.hostname or "localhost",
        "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parsed.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
        "EMAIL_USE_SSL": parsed.scheme == "smtps",
        "EMAIL_USE_TLS": parsed.scheme == "smtp",
        # A server that hangs holds a worker for this long, never a web request.
        "EMAIL_TIMEOUT": 20,
    }


globals().update(email_from_env())
# Every email is stored and queued (portal/mail.py); a background task sends it with
# EMAIL_DELIVERY_BACKEND after the transaction commits, retrying with backoff.
EMAIL_BACKEND = "portal.mail.OutboxBackend"
EMAIL_RETRY_DELAYS = (60, 300, 1800, 7200, 21600)
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAILS = env.get_list("STAFF_NOTIFICATION_EMAILS")


# Background tasks -------------------------------------------------------------------------------
# django-tasks with the database backend: the queue lives in the portal's database, so the
# embedded default needs no other service; `manage.py db_worker` runs the tasks (make run starts
# one; production runs one or more beside gunicorn, and they scale out over PostgreSQL). Wagtail
# queues its own search and reference index updates here too.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Public forms: a post sent sooner than this after the form was shown is treated as a robot's.
PUBLIC_FORM_MIN_FILL_SECONDS = 3


# Wagtail ----------------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Bridges of Trust"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("uk", "Українська")]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # documents go through a view that checks privacy
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILSEARCH_HITS_MAX_AGE = 30
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no call to another host from the admin
WAGTAIL_MODERATION_ENABLED = True
TAGGIT_CASE_INSENSITIVE = True


# Logging ----------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "portal": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL"), "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

PORTAL_NAME = _("Bridges of Trust")
# production.py sets this; commands that create known passwords refuse to run when it is True.
IS_PRODUCTION = False


# Calls for proposals ----------------------------------------------------------------------------

# One country list for every app (django-countries): the network's countries first, in the
# order of portal.countries (Ukraine, the EU member states, the neighbours), then the rest.
COUNTRIES_FIRST = list(NETWORK_AND_NEIGHBOURS)
COUNTRIES_FIRST_BREAK = "──────────"

CALLS_REFERENCE_PREFIX = "BOT"  # references read BOT-2026-00042
CALLS_MAX_ATTACHMENTS = 5
CALLS_MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
# Application posts allowed per address and window (seconds): generous for a town hall behind
# one address, low enough to stop a script.
CALLS_RATE_LIMIT = (60, 600)


# Map --------------------------------------------------------------------------------------------

# Empty: the map's base layer is the outline of Europe served by the portal (static/vendor/).
MAP_TILE_URL = env.get_str("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env.get_str("MAP_TILE_ATTRIBUTION")


# The caches (caching.py), security (security.py), the member space's accounts (accounts.py) --
from .accounts import *  # noqa: E402,F403
from .caching import *  # noqa: E402,F403
from .security import *  # noqa: E402,F403
