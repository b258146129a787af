"""The map page: its settings for the browser, the list beside the map (which works without
JavaScript), the filter fields and the page's context. ``search.map`` builds the GeoJSON."""

from django.db.models import Q

from community.cards import directory_for, sectors_by_slug
from community.models import Programme, Stage

from .map import profile_url_template
from .map_query import FILTER_LABELS, MapFilters, public_position, published

# The page ---------------------------------------------------------------------------------------


def map_settings(request, language):
    """What map.js needs, for the container's data- attributes (no inline script: CSP)."""
    from django.conf import settings
    from django.templatetags.static import static
    from django.urls import reverse

    return {
        "api_url": reverse("map_api"),
        "language": language,
        "outline_url": static("vendor/world-atlas/europe-50m.geojson"),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def prepare_list(municipalities, sectors, url_template):
    """Give each municipality of a list (loaded ``with_card_data``) what its entry shows, with
    no query per municipality."""
    for municipality in municipalities:
        municipality.profile_url = (
            url_template.replace("{slug}", municipality.slug) if (url_template) else ""
        )
        municipality.offered = [
            sectors.get(o.sector.slug, o.sector) for o in municipality.offers.all()
        ]
        municipality.needed = [
            sectors.get(n.sector.slug, n.sector) for n in municipality.needs.all()
        ]
        municipality.map_position = public_position(municipality)
    return municipalities


def filter_fields(filters, locale, sectors):
    """The form's selects: (name, label, [(value, label)], current value)."""
    from community.models import POPULATION_BANDS, Kind
    from community.models.base import COUNTRIES
    from community.regions import region_name
    from portal.collation import sorted_by_name

    regions = sorted(
        set(published(locale).exclude(region="").values_list("region", flat=True).order_by())
    )
    options = {
        "country": list(COUNTRIES),
        "region": sorted_by_name((region, region_name(region)) for region in regions),
        "kind": list(Kind.choices),
        "offers": [(slug, sector.name) for slug, sector in sectors.items()],
        "needs": [(slug, sector.name) for slug, sector in sectors.items()],
        "population": [(key, label) for key, label, *_rest in POPULATION_BANDS],
        "programme": [(p.slug, p.name) for p in Programme.objects.in_locale(locale)],
    }
    return [
        (name, FILTER_LABELS[name], choices, filters.value(name))
        for name, choices in options.items()
    ]


def map_page_context(page, request):
    from django.core.paginator import Paginator

    from community.cards import with_card_data
    from portal.pagination import page_from_request

    locale = page.locale
    sectors = sectors_by_slug(locale)
    filters = MapFilters.from_request(request, locale, sectors)
    matching = filters.matching(locale)
    page_obj = page_from_request(
        Paginator(with_card_data(matching).order_by("name", "pk"), page.per_page), request
    )
    prepare_list(page_obj, sectors, profile_url_template(locale, request, absolute=False))
    directory = directory_for(locale, request)
    directory_url = directory.get_url(request) if directory else ""
    if directory_url and filters.directory.urlencode():
        directory_url += "?" + filters.directory.urlencode()
    return {
        "filters": filters,
        "filter_labels": FILTER_LABELS,
        "filter_fields": filter_fields(filters, locale, sectors),
        "page_obj": page_obj,
        "without_location": matching.filter(
            Q(latitude__isnull=True) | Q(longitude__isnull=True)
        ).count(),
        "map": map_settings(request, locale.language_code),
        "directory_url": directory_url,
        "stages": Stage.choices,
    }
