"""The portal's URLs plus ``/bench/bare/``: a view that does nothing, behind the same
middleware and gunicorn, the ceiling every page is measured against."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
