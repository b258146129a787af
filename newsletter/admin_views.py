"""The digest in the admin: a preview in each language, then "queue" (one POST, 303)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from newsletter import digest as digests
from portal.http import no_store, redirect_303


def _languages():
    return [
        (code, name) for code, name in settings.LANGUAGES if code in settings.PORTAL_UI_LANGUAGES
    ]


@require_http_methods(["GET", "POST"])
def digest(request):
    if not request.user.has_perm("newsletter.add_digest"):
        raise PermissionDenied
    if request.method == "POST":
        created = digests.create(user=request.user)
        count = created.deliveries.count()
        messages.success(
            request,
            _("The digest is queued for %(count)s confirmed subscriber(s).") % {"count": count},
        )
        return redirect_303(reverse("newsletter_subscriber:index"))
    previews = []
    for code, name in _languages():
        subject, body = digests.preview(code)
        count = sum(1 for s in digests.recipients() if s.edition_language() == code)
        previews.append({"language": name, "subject": subject, "body": body, "count": count})
    context = {
        "previews": previews,
        "total": digests.recipients().count(),
        "page_title": _("Newsletter digest"),
    }
    return no_store(render(request, "newsletter/admin/digest.html", context))
