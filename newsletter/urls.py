"""The newsletter's private links (in every language: /<lang>/newsletter-links/...)."""

from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
