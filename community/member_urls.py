"""/<lang>/account/…: the member space (issue 11) and allauth's sign-in pages."""

from allauth.account import urls as allauth_urls
from django.urls import path

from . import member_views
from .accounts import private_patterns

urlpatterns = [
    path("", member_views.home, name="member_home"),
    *private_patterns(allauth_urls.urlpatterns),
]
