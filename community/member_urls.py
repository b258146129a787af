"""/<lang>/account/…: the member space (issue 11) and allauth's sign-in pages."""

from allauth.account import urls as allauth_urls
from django.urls import path

from . import member_views
from .accounts import private_patterns

urlpatterns = [
    path("", member_views.home, name="member_home"),
    path("municipality/<int:pk>/", member_views.municipality, name="member_municipality"),
    path("municipality/<int:pk>/confirm/", member_views.confirm, name="member_confirm"),
    path("municipality/<int:pk>/edit/", member_views.edit, name="member_edit"),
    path(
        "municipality/<int:pk>/applications/",
        member_views.applications,
        name="member_applications",
    ),
    path(
        "municipality/<int:pk>/applications/<int:application_pk>/delete/",
        member_views.delete_draft,
        name="member_delete_draft",
    ),
    *private_patterns(allauth_urls.urlpatterns),
]
