"""The member space at /<lang>/account/ (issue 11): a member's municipality, its profile and
applications. Every view answers ``private, no-store``; every object is looked up through the
signed-in member's own memberships, so another municipality's answers 404."""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from portal.http import no_store


@login_required
def home(request):
    return no_store(TemplateResponse(request, "community/member/home.html", {}))
