"""Header navigation, breadcrumbs, the language switcher and the footer's site settings.

What these show changes only when pages or settings do, so each is read once per *content
generation* (portal/cache_generation.py) and shared by every request and worker through the cache;
within a request each is computed at most once (stored on the request)."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, Site

from portal import generation_cache

register = template.Library()

SHARED_SECONDS = generation_cache.SHARED_SECONDS
_memo = generation_cache.memo
shared = generation_cache.shared
live_ancestors = generation_cache.live_ancestors


def _site(request):
    return Site.find_for_request(request)  # Wagtail keeps it on the request after routing


def _home_for(request, page=None):
    """The home page of the current language (the site root translated), or None. A page's
    home is its ancestor at depth 2 (each language's tree starts there)."""
    if isinstance(page, Page) and page.pk and page.depth >= 2:
        if page.depth == 2:
            return page
        ancestors = live_ancestors(request, page)
        if ancestors and ancestors[0].depth == 2:
            return ancestors[0]
    site = _site(request)
    if site is None:
        return None
    language = get_language()

    def lookup():
        root = site.root_page
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            return root
        if root.locale_id == locale.pk:
            return root
        translated = Page.objects.filter(translation_key=root.translation_key, locale=locale)
        return translated.first() or root

    return shared(request, "home", f"{site.pk}:{language}", lookup)


@register.simple_tag(takes_context=True)
def home_page(context):
    request = context.get("request")
    if request is None:
        return None
    memo = _memo(request)
    if "home" not in memo:
        memo["home"] = _home_for(request, context.get("page"))
    return memo["home"]


@register.simple_tag(takes_context=True)
def site_settings(context):
    """The footer's contact details (portal.SiteSettings) of the request's site."""
    from portal.models import SiteSettings

    request = context.get("request")
    site = _site(request) if request is not None else None
    if site is None:
        return None
    return shared(request, "settings", site.pk, lambda: SiteSettings.for_site(site))


@register.simple_tag(takes_context=True)
def site_search_url(context):
    """The address of the site search of the current language (or the default one), for the
    search box in the header; "" when there is none."""
    request = context.get("request")
    if request is None:
        return ""
    if "_portal_search_url" not in context:
        language = get_language() or settings.LANGUAGE_CODE

        def find_search_page():
            pages = Page.objects.live().filter(
                content_type__app_label="portal_search", content_type__model="searchpage"
            )
            page = (
                pages.filter(locale__language_code=language).first()
                or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
            )
            return (page.get_url(request) or "") if page else ""

        # Once per language and content generation, like the menu: no query on a warm render.
        site = _site(request)
        context["_portal_search_url"] = shared(
            request, "search_url", f"{language}:{site.pk if site else ''}", find_search_page
        )
    return context["_portal_search_url"]


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    home = home_page(context)
    current = context.get("page")
    items = []
    if home is not None:
        items = shared(
            context["request"],
            "menu",
            home.pk,
            lambda: list(home.get_children().live().public().in_menu().order_by("path")),
        )
    return {
        "home": home,
        "items": items,
        "current_path": current.path if isinstance(current, Page) else "",
        "request": context.get("request"),
    }


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    request = context.get("request")
    if isinstance(page, Page) and page.pk and page.depth > 2 and request is not None:
        ancestors = live_ancestors(request, page)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


def routed_subpath(page, request):
    """What follows a routable page's own address in the request (``dolyna/`` on
    ``/en/directory/dolyna/``), or "" on the page itself. A profile, match or application page
    is the same route under each translation of its page (the slugs are synchronised)."""
    if request is None or not isinstance(page, RoutablePageMixin) or not page.pk:
        return ""
    base = page.get_url(request)
    if not base:
        return ""
    base_path = urlsplit(base).path
    if request.path.startswith(base_path):
        return request.path[len(base_path) :]
    return ""


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The address search engines should index for what is shown: a view can set
    ``canonical_url``; a routable page's sub-page is its own address (``page.full_url`` plus
    the route), never the page it is routed through. No query string: filters and pages of a
    listing are variations of it."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return ""
    url = page.full_url
    if not url:
        return ""
    return url + routed_subpath(page, context.get("request"))


def page_alternates(page, request, subpath=""):
    """(language code, language name, path) of each live translation of the page, with the
    same route (``subpath``) under each."""
    names = dict(settings.LANGUAGES)
    order = [code for code, _name in settings.LANGUAGES]
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    alternates = []
    for translation in translations:
        code = translation.locale.language_code
        url = translation.get_url(request)
        if url and code in names:
            alternates.append((code, names[code], url + subpath))
    return sorted(alternates, key=lambda item: order.index(item[0]))


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """Translations of the current page as (code, name, absolute URL) for hreflang links and
    the language switcher; for views that are not pages, the same address in each interface
    language. Absolute URLs are built from the request so they name the host being served."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return []
    memo = _memo(request)
    if "alternates" in memo:
        return memo["alternates"]
    if isinstance(page, Page) and page.pk:
        site = _site(request)
        subpath = routed_subpath(page, request)
        alternates = shared(
            request,
            "alternates",
            f"{page.pk}:{site.pk if site else ''}:{subpath}",
            lambda: page_alternates(page, request, subpath),
        )
        # A view that knows its object is missing in some languages says which exist.
        languages = context.get("alternate_languages")
        if languages is not None:
            alternates = [item for item in alternates if item[0] in languages]
    else:
        names = dict(settings.LANGUAGES)
        alternates = [
            (code, names[code], translate_url(request.path, code))
            for code in settings.PORTAL_UI_LANGUAGES
        ]
    alternates = [(code, name, request.build_absolute_uri(url)) for code, name, url in alternates]
    memo["alternates"] = alternates
    return alternates


@register.inclusion_tag("navigation/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in the interface languages. A language the page is not
    translated into leads to that language's home page, and says so."""
    current = get_language()
    names = dict(settings.LANGUAGES)
    available = {code: url for code, _name, url in language_alternates(context)}
    request = context.get("request")
    homes = {}
    if request is not None and any(code not in available for code in settings.PORTAL_UI_LANGUAGES):
        home = home_page(context)
        if home is not None:

            def translations_of_home():
                return [
                    (translation.locale.language_code, translation.get_url(request))
                    for translation in (
                        home.get_translations(inclusive=True).live().select_related("locale")
                    )
                ]

            site = _site(request)
            for code, url in shared(
                request, "homes", f"{home.pk}:{site.pk if site else ''}", translations_of_home
            ):
                homes[code] = request.build_absolute_uri(url)
    # The same object in the other language keeps what the visitor asked for: filters, query.
    query = request.GET.urlencode() if request is not None else ""
    links = []
    for code in dict.fromkeys([*settings.PORTAL_UI_LANGUAGES, *available]):
        url = available.get(code) or homes.get(code)
        if url and code in available and query:
            url = f"{url}?{query}"
        if url:
            links.append(
                {
                    "code": code,
                    "name": names[code],
                    "url": url,
                    "current": code == current,
                    "translated": code in available,
                }
            )
    return {"links": links}
