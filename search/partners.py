"""The partner search itself, shared by the page and the JSON API so that both give the same
results and facets.

Everything goes through Wagtail's search API, so the database backend (SQLite FTS5,
PostgreSQL full-text) and Elasticsearch / OpenSearch behave alike:

- the query is folded in Python (``community.text.word_keys``: any script, accents,
  transliterations) and sent to the backend's ``autocomplete``, which matches every folded
  word against the start of a word of ``Municipality.search_names``;
- facets narrow the queryset with lookups on the model's ``FilterField``s only, which every
  backend can apply (related facets as ``id__in`` a subquery);
- all facets are counted in one statement over the backend's matches, materialised once (a
  CTE): the single-valued ones (country, region, kind, association, population band, open)
  grouped as the database backends' ``facet()`` groups them, the sector and language facets
  from the matches' match keys, programmes through their partnerships
  (``search/facets.py``; on Elasticsearch / OpenSearch the single-valued ones by ``facet()``).

No request loads more rows than one page of results, and the number of queries does not
depend on the number of results.

When the backend fails (an Elasticsearch/OpenSearch cluster that is unreachable, a database
index that errors), the search answers from the database alone: the facets still filter and
count, the words are matched against the folded names with a plain substring lookup, and the
answer says "Search is unavailable right now" (``PartnerSearch.unavailable``), never a 500."""

import logging
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backend
from wagtail.search.query import MATCH_ALL, MATCH_NONE

from community.cards import prepare_cards, sectors_by_slug, with_card_data
from community.models import (
    POPULATION_BANDS,
    Kind,
    Language,
    Municipality,
    NationalAssociation,
    Partnership,
    Programme,
    SectorNeed,
    SectorOffer,
)
from community.models.base import COUNTRY_NAMES
from community.regions import region_name
from community.text import word_keys
from portal.pagination import page_from_request

from .facets import facet_counts
from .filters import FACETS, PartnerFilters
from .search_errors import SEARCH_ERRORS

logger = logging.getLogger("portal.search")

PER_PAGE = 20
# Options shown per facet (largest counts first, chosen values always).
FACET_LIMIT = 30

FACET_LABELS = {
    "q": _("Search words"),
    "country": _("Country"),
    "region": _("Region"),
    "kind": _("Kind"),
    "offers": _("Offers expertise in"),
    "needs": _("Needs help with"),
    "population": _("Population"),
    "language": _("Working language"),
    "association": _("National association"),
    "programme": _("Programme"),
    "open": _("Open to new partners"),
    "sort": _("Sort"),
}
SORT_LABELS = {"relevance": _("Relevance"), "name": _("Name"), "population": _("Population")}

_LANGUAGE_LINK = Municipality.working_languages.through


class _Lazy:
    """A set of accepted values read from the database only when a value is checked, so that a
    request without that filter costs no query."""

    def __init__(self, load):
        self._load, self._values = load, None

    def __contains__(self, value):
        if self._values is None:
            self._values = set(self._load())
        return value in self._values


@dataclass
class Vocabulary:
    """Labels of facet values in one language, read once per request."""

    locale: object
    sectors: dict = field(init=False)

    def __post_init__(self):
        self.sectors = sectors_by_slug(self.locale)

    @cached_property
    def _association_names(self):
        return {a.slug: str(a) for a in NationalAssociation.objects.in_locale(self.locale)}

    @cached_property
    def _association_slugs(self):
        return dict(NationalAssociation.objects.values_list("pk", "slug"))

    @cached_property
    def _programme_names(self):
        return {p.slug: p.name for p in Programme.objects.in_locale(self.locale)}

    def associations(self):
        """{slug: name} of the associations a visitor of this language sees."""
        return self._association_names

    def association_slugs(self):
        """{id: slug} in every language: the backend filters and counts associations by id,
        and a profile may point to an association's copy in another language."""
        return self._association_slugs

    def programmes(self):
        return self._programme_names

    def label(self, name, value):
        if name == "country":
            return str(COUNTRY_NAMES.get(value, value))
        if name == "kind":
            return str(dict(Kind.choices).get(value, value))
        if name in ("offers", "needs"):
            sector = self.sectors.get(value)
            return sector.name if sector else value
        if name == "population":
            return str(next((band[1] for band in POPULATION_BANDS if band[0] == value), value))
        if name == "language":
            return str(Language(code=value).name)
        if name == "association":
            return self.associations().get(value, value)
        if name == "programme":
            return self.programmes().get(value, value)
        if name == "region":
            return region_name(value)
        return value


def live_municipalities(locale):
    """The live municipalities a visitor of ``locale`` sees; ``in_locale`` uses only lookups a
    search backend can apply."""
    return Municipality.objects.live().in_locale(locale)


def parse_filters(params, locale, vocabulary):
    """The filters of a query string, every value checked against what exists."""
    live = live_municipalities(locale)
    allowed = {
        "country": COUNTRY_NAMES,
        "region": _Lazy(lambda: live.exclude(region="").values_list("region", flat=True)),
        "kind": Kind.values,
        "offers": vocabulary.sectors,
        "needs": vocabulary.sectors,
        "population": {band[0] for band in POPULATION_BANDS},
        "language": _Lazy(lambda: Language.objects.values_list("code", flat=True)),
        "association": _Lazy(vocabulary.associations),
        "programme": _Lazy(vocabulary.programmes),
    }
    return PartnerFilters.from_params(params, allowed)


def _partner_ids(programmes):
    """Ids of the municipalities with a partnership under one of ``programmes``."""
    partnerships = Partnership.objects.published().filter(programme__slug__in=programmes)
    return Municipality.objects.filter(
        Q(translation_key__in=partnerships.values("ukrainian_municipality__translation_key"))
        | Q(translation_key__in=partnerships.values("eu_municipality__translation_key"))
    ).values("id")


def apply_filters(filters, queryset, vocabulary):
    """``queryset`` narrowed by the facets of ``filters`` (not the text query), with lookups on
    the model's FilterFields only, so that any search backend can apply them."""
    if filters.country:
        queryset = queryset.filter(country__in=filters.country)
    if filters.region:
        queryset = queryset.filter(region__in=filters.region)
    if filters.kind:
        queryset = queryset.filter(kind__in=filters.kind)
    if filters.offers:
        offering = SectorOffer.objects.filter(sector__slug__in=filters.offers)
        queryset = queryset.filter(id__in=offering.values("municipality_id"))
    if filters.needs:
        needing = SectorNeed.objects.filter(sector__slug__in=filters.needs)
        queryset = queryset.filter(id__in=needing.values("municipality_id"))
    if filters.population:
        queryset = queryset.filter(population_band__in=filters.population)
    if filters.language:
        speaking = _LANGUAGE_LINK.objects.filter(language__code__in=filters.language)
        queryset = queryset.filter(id__in=speaking.values("municipality_id"))
    if filters.association:
        ids = [
            pk for pk, slug in vocabulary.association_slugs().items() if slug in filters.association
        ]
        queryset = queryset.filter(national_association__in=ids)
    if filters.programme:
        queryset = queryset.filter(id__in=_partner_ids(filters.programme))
    if filters.open:
        queryset = queryset.filter(open_to_partners=True)
    return queryset


def search(filters, queryset):
    """The backend's results for ``filters`` within ``queryset``, sorted as asked: by the
    backend's relevance, by name, or largest population first."""
    backend = get_search_backend()
    sort = filters.effective_sort
    if sort == "population":
        queryset = queryset.order_by("-population", "name", "id")
    elif sort == "name" or not filters.q:
        queryset = queryset.order_by("name", "id")
    if not filters.q:
        return backend.search(MATCH_ALL, queryset, order_by_relevance=False)
    keys = word_keys(filters.q)
    if not keys:
        return backend.search(MATCH_NONE, queryset, order_by_relevance=False)
    return backend.autocomplete(
        " ".join(keys),
        queryset,
        operator="and",
        order_by_relevance=sort == "relevance",
    )


def matching(filters, locale, vocabulary):
    """The backend's results for ``filters`` among the live municipalities of ``locale``."""
    return search(filters, apply_filters(filters, live_municipalities(locale), vocabulary))


@dataclass
class PartnerSearch:
    """One answer of the partner search: the page of results, facets, suggestions."""

    filters: PartnerFilters
    page: object
    facets: list
    suggestions: list
    total: int
    # The backend failed: the results come from the database alone (see the module docstring).
    unavailable: bool = False


def facet_options(filters, counts, vocabulary):
    """[{name, label, options: [{value, label, count, selected, url}]}] in ``FACETS`` order."""
    facets = []
    for name in (*FACETS, "open"):
        values = counts.get(name, {})
        chosen = getattr(filters, name) if name != "open" else (("1",) if filters.open else ())
        top = sorted(values.items(), key=lambda item: (-item[1], str(item[0])))[:FACET_LIMIT]
        shown = dict(top)
        for value in chosen:
            shown.setdefault(value, values.get(value, 0))
        options = [
            {
                "value": value,
                "label": str(FACET_LABELS["open"])
                if name == "open"
                else vocabulary.label(name, value),
                "count": count,
                "selected": value in chosen,
                "url": filters.toggle(name, value).url(),
            }
            for value, count in shown.items()
        ]
        if options:
            facets.append({"name": name, "label": str(FACET_LABELS[name]), "options": options})
    return facets


def run_search(request, locale, directory, per_page=PER_PAGE):
    """Search the live municipalities of ``locale`` as ``request.GET`` asks; from the database
    alone when the search backend fails."""
    vocabulary = Vocabulary(locale)
    filters = parse_filters(request.GET, locale, vocabulary)
    queryset = apply_filters(filters, with_card_data(live_municipalities(locale)), vocabulary)
    try:
        # A savepoint, so that a database error of the backend leaves the connection usable for
        # the fallback even inside an outer transaction (PostgreSQL aborts it otherwise).
        with transaction.atomic():
            return _backend_search(
                request, locale, directory, per_page, filters, vocabulary, queryset
            )
    except SEARCH_ERRORS:
        logger.exception("Partner search backend failed; answering from the database")
    return _database_search(request, directory, per_page, filters, vocabulary, queryset)


def _backend_search(request, locale, directory, per_page, filters, vocabulary, queryset):
    results = search(filters, queryset)
    page = page_from_request(Paginator(results, per_page), request)
    prepare_cards(page, request, vocabulary.sectors, directory)
    total = page.paginator.count
    suggestions = []
    if total == 0:
        # Which single filter, dropped, would give results: one count per active filter.
        names = (["q"] if filters.q else []) + list(filters.active)
        for name in names:
            wider = filters.without(name)
            count = matching(wider, locale, vocabulary).count()
            if count:
                suggestions.append(
                    {
                        "name": name,
                        "label": str(FACET_LABELS[name]),
                        "count": count,
                        "url": wider.url(),
                    }
                )
    return PartnerSearch(
        filters=filters,
        page=page,
        facets=facet_options(filters, facet_counts(results, vocabulary), vocabulary),
        suggestions=suggestions,
        total=total,
    )


def _database_search(request, directory, per_page, filters, vocabulary, queryset):
    """The facets applied and counted by the database; each folded word of the query must
    appear in the folded names (``search_names``), without ranking."""
    for key in word_keys(filters.q) if filters.q else ():
        queryset = queryset.filter(search_names__icontains=key)
    if filters.effective_sort == "population":
        queryset = queryset.order_by("-population", "name", "id")
    else:
        queryset = queryset.order_by("name", "id")
    page = page_from_request(Paginator(queryset, per_page), request)
    prepare_cards(page, request, vocabulary.sectors, directory)
    counts = facet_counts(None, vocabulary, queryset=queryset)
    return PartnerSearch(
        filters=filters,
        page=page,
        facets=facet_options(filters, counts, vocabulary),
        suggestions=[],
        total=page.paginator.count,
        unavailable=True,
    )
