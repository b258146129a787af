"""Accounts of the member space (issue 11), through django-allauth: members sign in with their
email and a password or a one-time code. Nobody signs up on their own: an account is made by a
registration (``community.registration``) or an invitation (``community.members``), so the
adapter closes allauth's sign-up form. Every page of allauth is answered ``private, no-store``
(they carry a CSRF token or personal data)."""

import copy
from functools import wraps

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.http import no_store


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def get_email_confirmation_url(self, request, emailconfirmation):
        """Outside a request (a command, a task) the link starts with BASE_URL."""
        from allauth.core import context

        if request is None:
            request = context.request
        if request is None:
            return settings.BASE_URL + reverse(
                "account_confirm_email", args=[emailconfirmation.key]
            )
        return super().get_email_confirmation_url(request, emailconfirmation)


def axes_username(request, credentials=None):
    """The name django-axes counts failed sign-ins against: the username the admin's form
    posts, or the email allauth authenticates with."""
    credentials = credentials or {}
    for key in ("username", "email"):
        if credentials.get(key):
            return str(credentials[key]).strip().lower()
    data = getattr(request, "POST", {}) or {}
    return (data.get("username") or data.get("login") or "").strip().lower() or None


def never_stored(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return no_store(view(request, *args, **kwargs))

    return wrapped


def private_patterns(patterns):
    """Copies of allauth's URL patterns whose views answer ``private, no-store``."""
    result = []
    for pattern in patterns:
        pattern = copy.copy(pattern)
        if hasattr(pattern, "url_patterns"):  # an include()
            pattern.urlconf_name = private_patterns(pattern.url_patterns)
        else:
            pattern.callback = never_stored(pattern.callback)
        result.append(pattern)
    return result


def username_for(email):
    """A unique username for a member's account (members sign in with their email)."""
    User = get_user_model()
    base = email.strip().lower()[:140]
    name, n = base, 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{base}~{n}"
    return name


def account_for(email, *, verified=False):
    """The member account of ``email`` (created without a usable password when new), and its
    allauth EmailAddress. An existing staff account is used as it is."""
    from allauth.account.models import EmailAddress

    User = get_user_model()
    email = email.strip()
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address:
        if verified and not address.verified:
            address.verified = True
            address.save(update_fields=["verified"])
        return address.user, address
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=username_for(email), email=email)
        user.set_unusable_password()
        user.save()
    address = EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user, address
