"""Production: everything from the environment; refuses to start without a secret."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env.require_str("SECRET_KEY")
DEBUG = False
IS_PRODUCTION = True
if not ALLOWED_HOSTS:  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ALLOWED_HOSTS must name the portal's host names in production")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- Security and reliability (issue 10) -----------------------------------------------------
# The load balancer may ask /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# --- end security and reliability ---
