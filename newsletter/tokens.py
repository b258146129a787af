"""Signed links of the newsletter: confirmation (expires) and the private link to the
preferences and the unsubscribe (lasts as long as the subscription)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"


def confirm_days():
    return getattr(settings, "NEWSLETTER_CONFIRM_DAYS", 7)


def make(subscriber, salt):
    return signing.dumps({"s": subscriber.pk, "k": subscriber.key}, salt=salt, compress=True)


def read(token, salt, max_age=None):
    """(pk, key); raises signing.SignatureExpired or signing.BadSignature."""
    data = signing.loads(token, salt=salt, max_age=max_age)
    if not isinstance(data, dict) or "s" not in data or "k" not in data:
        raise signing.BadSignature("not a newsletter link")
    return data["s"], data["k"]


def absolute(name, token, language):
    with translation.override(language):
        return settings.BASE_URL + reverse(f"newsletter:{name}", args=[token])


def confirm_link(subscriber):
    return absolute("confirm", make(subscriber, CONFIRM_SALT), subscriber.language)


def manage_links(subscriber, language=None):
    token = make(subscriber, MANAGE_SALT)
    language = language or subscriber.language
    return {
        "preferences_link": absolute("preferences", token, language),
        "unsubscribe_link": absolute("unsubscribe", token, language),
    }


def list_unsubscribe_headers(unsubscribe_link):
    """RFC 2369 and RFC 8058 (one-click: a POST to the link, no sign-in, no CSRF token)."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
