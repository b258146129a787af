from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views

from . import health, routing, views
from .sitemaps import AllLanguagesSitemap

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),  # for the load balancer (issue 10)
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
    # Outside i18n_patterns: integrations choose the language with ?lang=.
    path("api/partners/", search_views.partners_api, name="partners_api"),
    path("api/map/", search_views.map_api, name="map_api"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:
    # Public renditions and images only; private uploads live outside MEDIA_ROOT.
    from django.views.static import serve

    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += i18n_patterns(
    # The member space (issue 11): sign-in (django-allauth) and "my municipality".
    path("account/", include("community.member_urls")),
    # The newsletter's private links: confirm, preferences, one-click unsubscribe (issue 16).
    path("newsletter-links/", include("newsletter.urls")),
    # Wagtail's page addresses have no dots, but calendar files (…/event.ics, …/calendar.ics) are
    # routes of the pages themselves (RoutablePageMixin): let those addresses reach Wagtail too.
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.ics)$", routing.serve, name="wagtail_serve_ics"),
    # Wagtail's page addresses (its serve_pattern, but not its own _util/ views), routed once
    # per content generation. Wagtail's own "wagtail_serve" below still names them in reverse().
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", routing.serve, name="portal_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
