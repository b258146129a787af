"""The map's pieces on other pages: the "Map" view switch of the directory and the small map of
a profile (templates/components/map/)."""

from urllib.parse import urlencode

from django import template
from django.utils import translation

register = template.Library()

# The query-string names the map understands (the directory's filters and the programme).
FILTER_NAMES = ("country", "region", "kind", "offers", "needs", "population", "open", "programme")


def _locale(context):
    from wagtail.models import Locale

    page = context.get("page")
    if getattr(page, "locale_id", None):
        return page.locale
    return Locale.objects.filter(language_code=translation.get_language()).first()


@register.simple_tag(takes_context=True)
def map_page_url(context, query=None):
    """The map of the page's language, with the filters of ``query`` (a QueryDict) kept, or ""
    when that language has no map page."""
    from search.models import MapPage

    locale = _locale(context)
    page = MapPage.objects.live().filter(locale=locale).first() if locale else None
    if page is None:
        return ""
    url = page.get_url(context.get("request"))
    pairs = [(name, query.get(name)) for name in FILTER_NAMES if query and query.get(name)]
    return f"{url}?{urlencode(pairs)}" if pairs else url


@register.simple_tag
def profile_map(municipality, partnerships):
    """The GeoJSON of a profile's small map (``search.map.profile_geojson``), or None."""
    from search.map import profile_geojson

    return profile_geojson(municipality, partnerships or [])


@register.simple_tag(takes_context=True)
def map_config(context):
    """The base layer settings and texts map-base.js reads from data- attributes."""
    from search.map_page import map_settings

    locale = _locale(context)
    language = locale.language_code if locale else translation.get_language()
    return map_settings(context.get("request"), language)
