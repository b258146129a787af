"""The partner search as JSON for integrations: the same results and facets as the page."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from community.cards import directory_for

from .partners import FACET_LABELS, run_search

API_PER_PAGE = 20


def card(municipality, request):
    """One result as JSON (public fields only: no contact details)."""
    return {
        "name": municipality.name,
        "local_name": municipality.display_local_name,
        "slug": municipality.slug,
        "country": str(municipality.country),
        "region": municipality.region,
        "kind": municipality.kind,
        "population": municipality.population,
        "open_to_partners": municipality.open_to_partners,
        "offers": [sector.slug for sector in municipality.offered],
        "needs": [sector.slug for sector in municipality.needed],
        "url": request.build_absolute_uri(municipality.profile_url)
        if municipality.profile_url
        else None,
    }


@require_GET
def partners_api(request):
    """``/api/partners/?q=…&country=…&lang=uk&page=2``: results, facets and paging; ``lang``
    chooses the language of labels and profile links (default: the site's default)."""
    language = request.GET.get("lang") or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        return JsonResponse(
            {"error": "Unknown language.", "languages": list(dict(settings.LANGUAGES))},
            status=400,
        )
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    with translation.override(language):
        return _answer(request, locale)


def _answer(request, locale):
    result = run_search(request, locale, directory_for(locale), per_page=API_PER_PAGE)
    page = result.page
    return JsonResponse(
        {
            # The search backend failed: the facets were applied by the database and the words
            # matched without ranking (search.partners); "message" says so in the language.
            "search_unavailable": result.unavailable,
            "message": unavailable_message() if result.unavailable else "",
            "query": result.filters.q,
            "query_truncated": result.filters.truncated,
            "ignored": list(result.filters.ignored),
            "count": result.total,
            "page": page.number,
            "num_pages": page.paginator.num_pages,
            "results": [card(municipality, request) for municipality in page],
            "facets": [
                {
                    "name": facet["name"],
                    "label": facet["label"],
                    "options": [
                        {key: option[key] for key in ("value", "label", "count", "selected")}
                        for option in facet["options"]
                    ],
                }
                for facet in result.facets
            ],
            "suggestions": [
                {"drop": s["name"], "label": s["label"], "count": s["count"]}
                for s in result.suggestions
            ],
            "filter_labels": {name: str(label) for name, label in FACET_LABELS.items()},
        },
        json_dumps_params={"ensure_ascii": False},
    )


def unavailable_message():
    return _(
        "Search is unavailable right now. The filters still work, and the words you typed are "
        "matched more simply, without ranking."
    )


@require_GET
def map_api(request):
    """``/api/map/?lang=uk&country=PL&programme=…&bbox=west,south,east,north&zoom=6``: the
    published municipalities matching the directory's filters as GeoJSON points (clusters
    when there are too many in the box) and their partnerships as lines (``search.map``).
    Open data: anyone may fetch it (CORS), it holds public fields only."""
    from django.http import HttpResponse

    from community.cards import sectors_by_slug

    from .map import BadViewport, MapFilters, Viewport, geojson_bytes

    language = request.GET.get("lang") or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        return JsonResponse(
            {"error": "Unknown language.", "languages": list(dict(settings.LANGUAGES))},
            status=400,
        )
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    with translation.override(language):
        try:
            viewport = Viewport.from_query(request.GET)
        except BadViewport as error:
            return JsonResponse({"error": str(error)}, status=400)
        sectors = sectors_by_slug(locale)
        filters = MapFilters.from_request(request, locale, sectors)
        body = geojson_bytes(request, locale, filters, viewport, sectors)
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=60"
    response["Access-Control-Allow-Origin"] = "*"
    return response
