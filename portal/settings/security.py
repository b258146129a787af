"""Security settings (issue 10), imported at the end of base.py: which address a request comes
from, login throttling, the CSRF failure page, Content-Security-Policy and Permissions-Policy."""

from . import env
from .base import MAP_TILE_URL

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

if MAP_TILE_URL:
    # The operator's tile server is the one other host the map's images may come from.
    from urllib.parse import urlsplit as _urlsplit

    _tiles = _urlsplit(MAP_TILE_URL.replace("{s}", "a"))
    _tile_host = f"{_tiles.scheme}://{_tiles.netloc}".replace("://a.", "://*.")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_tile_host)
