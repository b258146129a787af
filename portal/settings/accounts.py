"""The member space's accounts (django-allauth), imported at the end of base.py."""

from .base import BASE_URL

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
