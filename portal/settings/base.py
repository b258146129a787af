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
]
# Demo accounts of feature apps, made by seed_demo unless --no-accounts (member space, issue 11).
PORTAL_DEMO_ACCOUNT_SEEDERS = [
    "community.demo_members.seed_members",
    "community.demo_associations.seed_association_members",
]

INSTALLED_APPS = [
    "portal",
    "home",
    "community",
    "calls",
    "stories",
    "search",
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


# Cache ------------------------------------------------------------------------------------------


# --- Security and reliability (issue 10): the cache degrades, it never fails a page ----------
# With REDIS_URL, django-redis with DJANGO_REDIS_IGNORE_EXCEPTIONS: a Redis that is down is a
# cache miss (logged on the "portal.cache" logger), so pages get slower, never broken. The rate
# limits count in this cache: with several workers it must be shared (Redis). Login lock-outs
# (django-axes) count in the database.
def redis_cache(url: str) -> dict:
    """The cache settings for a Redis at ``url`` (tests use it with their own redis-server)."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "bot",
        "OPTIONS": {
            # A stopped Redis answers "connection refused" at once; a hung one within 0.5 s.
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


if env.get_str("REDIS_URL"):
    CACHES = {"default": redis_cache(env.get_str("REDIS_URL"))}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "portal.cache"
# --- end security and reliability ---


# Page cache and HTTP caching (portal/pagecache.py) ---------------------------------------------
# Anonymous GETs of public pages are stored in CACHES["default"] and served until a page or a
# shown snippet changes; these bound what depends on the clock alone (a call closing).
PAGE_CACHE_ENABLED = env.get_bool("PAGE_CACHE")
PAGE_CACHE_SECONDS = 600  # stored pages; s-maxage for Varnish/CDN (purged on change anyway)
PAGE_CACHE_SHORT_SECONDS = 60  # search and partner search results, 301/404 answers
PAGE_CACHE_BROWSER_SECONDS = 60  # max-age: a browser cannot be purged
PAGE_CACHE_STALE_SECONDS = 60  # stale-while-revalidate
PAGE_CACHE_GENERATION_FILE = VAR_DIR / "pagecache-generation"  # shared by local-memory workers
# Varnish in front (deploy/varnish/default.vcl): Wagtail purges a published page's URLs and the
# page cache bans everything on any other change. Off when FRONTEND_CACHE_URL is empty.
FRONTEND_CACHE_URL = env.get_str("FRONTEND_CACHE_URL")
if FRONTEND_CACHE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }


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
    return {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": True}


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
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"


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


# --- Security and reliability (issue 10) ---------------------------------------------------------
# Which address a request comes from: the n-th entry from the right of X-Forwarded-For when n
# trusted proxies stand in front of the portal (each appends the address it was reached from),
# REMOTE_ADDR when n is 0. Used by the rate limits (portal.ratelimit) and the login lock-out.
TRUSTED_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT")

# Login throttling (django-axes), for the Wagtail admin's login and every other login form that
# authenticates with the request: after LOGIN_FAILURE_LIMIT wrong passwords for one account from
# one address, that pair is locked out for LOGIN_LOCKOUT_MINUTES (a translated 429 page).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",  # members sign in by email
]
AXES_FAILURE_LIMIT = env.get_int("LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = env.get_int("LOGIN_LOCKOUT_MINUTES") / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.security.client_address"
AXES_LOCKOUT_CALLABLE = "portal.security.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
# allauth authenticates with email=…: axes counts failures against that address too.
AXES_USERNAME_CALLABLE = "community.accounts.axes_username"

# A failed CSRF check shows the site's page with what was typed, ready to be sent again.
CSRF_FAILURE_VIEW = "portal.csrf.csrf_failure"

# Content-Security-Policy (django-csp 4) on every page but Wagtail's admin (which needs inline
# scripts). Everything the public pages use is served by the portal; video players are framed
# from their hosts only when the reader asks (js/video.js). JSON-LD blocks are data, not scripts.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Wagtail's responsive embeds size the player with a style attribute.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https://i.ytimg.com", "https://i.vimeocdn.com"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Sent with every response by portal.security.PermissionsPolicyMiddleware.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# --- end security and reliability ---


# Map --------------------------------------------------------------------------------------------

# Empty: the map's base layer is the outline of Europe served by the portal (static/vendor/).
MAP_TILE_URL = env.get_str("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env.get_str("MAP_TILE_ATTRIBUTION")
if MAP_TILE_URL:
    # The operator's tile server is the one other host the map's images may come from.
    from urllib.parse import urlsplit as _urlsplit

    _tiles = _urlsplit(MAP_TILE_URL.replace("{s}", "a"))
    _tile_host = f"{_tiles.scheme}://{_tiles.netloc}".replace("://a.", "://*.")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_tile_host)

# Member space (issue 11) ------------------------------------------------------------------------
# Members of a municipality sign in at /<lang>/account/login/ (django-allauth) with their email
# and a password or a one-time code sent by email. Accounts are made by registration and
# invitations only (community.accounts.AccountAdapter closes open sign-up); staff keep /admin/.
# allauth's rate limits (sign-in, codes, password resets) count in the default cache, shared
# between workers through Redis; an unknown address gets the same answer as a known one.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "member_home"
ACCOUNT_LOGOUT_REDIRECT_URL = "root"
ACCOUNT_ADAPTER = "community.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a link scanner opening the mail confirms nothing
ACCOUNT_CHANGE_EMAIL = True  # one address per account, a new one confirmed before it counts
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None  # the visitor chooses
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Bridges of Trust] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if BASE_URL.startswith("https") else "http"
