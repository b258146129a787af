"""Site-wide views that are not Wagtail pages."""

import logging

from django.apps import apps
from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_GET

logger = logging.getLogger("portal")


def home_page_model():
    """The page type of each language's home page (setting PORTAL_HOME_PAGE_MODEL): the shared
    layer finds it by name, so it imports no feature app."""
    return apps.get_model(settings.PORTAL_HOME_PAGE_MODEL)


def available_home_pages() -> dict:
    """Live home pages by language code: the languages a visitor can actually be sent to."""
    pages = home_page_model().objects.live().select_related("locale")
    return {page.locale.language_code: page for page in pages}


def preferred_language(accept_language: str, available) -> str:
    """The first language of the browser's Accept-Language list that the portal has, by exact
    code or by its base language (uk-UA -> uk); English when none match."""
    for code, _quality in parse_accept_lang_header(accept_language or ""):
        if code == "*":
            break
        for candidate in (code.lower(), code.lower().split("-")[0]):
            try:
                candidate = get_supported_language_variant(candidate)
            except LookupError:
                continue
            if candidate in available:
                return candidate
    return settings.LANGUAGE_CODE


@require_GET
def root_redirect(request):
    """`/` sends the visitor to the home page in the language their browser prefers."""
    homes = available_home_pages()
    language = preferred_language(request.headers.get("Accept-Language", ""), homes)
    home = homes.get(language) or next(iter(homes.values()), None)
    target = home.get_url(request) if home else reverse("wagtailadmin_home")
    response = HttpResponseRedirect(target)
    patch_vary_headers(response, ["Accept-Language"])
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*?q=",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page uses no database and no context processors: whatever failed may fail again."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"LANGUAGE_CODE": settings.LANGUAGE_CODE}), status=500)
