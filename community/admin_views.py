"""Admin views of the directory that Wagtail's snippet views do not provide."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from community.logos import LOGO_CONTENT_TYPES, logo_format
from community.models import Municipality


def submitted_logo(request, pk):
    """The logo a registration sent, for moderators deciding on the profile. Only users who may
    change municipalities see it; it is never under a public URL."""
    if not request.user.has_perm("community.change_municipality"):
        raise PermissionDenied
    municipality = get_object_or_404(Municipality, pk=pk)
    if not municipality.submitted_logo:
        raise Http404
    image_format = logo_format(municipality.submitted_logo)
    if image_format is None:
        raise Http404
    response = FileResponse(
        municipality.submitted_logo.open("rb"), content_type=LOGO_CONTENT_TYPES[image_format]
    )
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    # An image, nothing else: no script can run even if a browser were tricked into it.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'"
    response["Cache-Control"] = "private, no-store"
    return response
