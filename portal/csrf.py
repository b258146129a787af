"""The page shown when a form's CSRF check fails (an expired session, a form left open for a
day, cookies cleared meanwhile): instead of Django's bare 403, the site's page with what the
person typed, in a fresh form with a new token, to check and send again.

Every kept value is shown in a visible field, so nothing is sent that the person has not seen:
a form posted from another site arrives here too, and only a deliberate click sends it on.
Files cannot be kept (a browser never lets a page fill a file field), nor are passwords and
tokens: they are named so that the person types them again."""

from django.http import QueryDict
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

MAX_FIELDS = 60
MAX_VALUE_LENGTH = 20_000
# Never written back into a page.
SECRET_WORDS = ("password", "passwd", "secret", "csrf", "otp", "token_key")
# Values a form needs back unchanged and that say nothing to a person (a signed start time, the
# honeypot, the one-time submission token): kept as hidden fields.
HIDDEN_FIELDS = {"form_started", "website_url", "website", "submission_token", "next"}


def _label(name):
    return name.replace("_", " ").replace("-", " ").strip().capitalize() or name


def kept_fields(post: QueryDict):
    """[(name, label, value, kind)] of the posted fields that can be offered again, and the
    labels of those that cannot (passwords)."""
    fields, dropped = [], []
    for name, values in list(post.lists())[:MAX_FIELDS]:
        lowered = name.lower()
        if lowered == "csrfmiddlewaretoken":
            continue
        if any(word in lowered for word in SECRET_WORDS):
            dropped.append(_label(name))
            continue
        for value in values:
            value = value[:MAX_VALUE_LENGTH]
            if name in HIDDEN_FIELDS:
                kind = "hidden"
            elif value == "on":
                kind = "checkbox"
            elif "\n" in value or len(value) > 120:
                kind = "textarea"
            else:
                kind = "text"
            fields.append({"name": name, "label": _label(name), "value": value, "kind": kind})
    return fields, dropped


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: 403 with the posted fields in a new form that posts to the same
    address with a fresh token (rendered by {% csrf_token %})."""
    fields, dropped = ([], [])
    if request.method == "POST":
        try:
            fields, dropped = kept_fields(request.POST)
        except Exception:  # noqa: BLE001 - an unreadable body: offer an empty page, not a 500
            fields, dropped = [], []
    action = request.get_full_path()
    if not url_has_allowed_host_and_scheme(action, allowed_hosts={request.get_host()}):
        action = "/"
    response = render(
        request,
        "csrf_failure.html",
        {
            "title": _("Please confirm and send again"),
            "fields": fields,
            "dropped": dropped,
            "had_files": bool(request.method == "POST" and request.FILES),
            "action": action,
        },
        status=403,
    )
    response["Cache-Control"] = "private, no-store"
    return response
