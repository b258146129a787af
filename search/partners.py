"""The partner search itself, shared by the page and the JSON API so that both give the same
results and facets.

Text matching works on ``Municipality.search_names`` (every spelling folded in Python by
``community.text.search_keys``): each folded query word must start a stored word. This is a
plain database filter, so it behaves the same on SQLite and PostgreSQL whatever the script or
accents of the query, and it keeps the results a queryset, so that every facet is counted by
one aggregate query in the database. The number of queries does not depend on the results."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from community.filters import population_condition
from community.models import (
    POPULATION_BANDS,
    DirectoryPage,
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
from community.models.directory import sectors_by_slug, with_card_data
from community.text import fold_name, word_keys
from portal.pagination import page_from_request

from .filters import FACETS, PartnerFilters

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
        self._associations = None
        self._programmes = None

    def associations(self):
        if self._associations is None:
            self._associations = {
                a.slug: str(a) for a in NationalAssociation.objects.in_locale(self.locale)
            }
        return self._associations

    def programmes(self):
        if self._programmes is None:
            self._programmes = {p.slug: p.name for p in Programme.objects.in_locale(self.locale)}
        return self._programmes

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
        return value


def live_municipalities(locale):
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


def _partner_keys(programmes):
    """Translation keys of the municipalities with a partnership under one of ``programmes``."""
    partnerships = Partnership.objects.filter(programme__slug__in=programmes)
    return Q(
        translation_key__in=partnerships.values("ukrainian_municipality__translation_key")
    ) | Q(translation_key__in=partnerships.values("eu_municipality__translation_key"))


def apply_filters(filters, queryset):
    """``queryset`` narrowed by every part of ``filters``; related facets use EXISTS so that no
    municipality appears twice."""
    if filters.q:
        keys = word_keys(filters.q)
        if not keys:
            return queryset.none()
        for key in keys:
            queryset = queryset.filter(search_names__contains=f" {key}")
    if filters.country:
        queryset = queryset.filter(country__in=filters.country)
    if filters.region:
        queryset = queryset.filter(region__in=filters.region)
    if filters.kind:
        queryset = queryset.filter(kind__in=filters.kind)
    if filters.offers:
        queryset = queryset.filter(
            Exists(
                SectorOffer.objects.filter(
                    municipality=OuterRef("pk"), sector__slug__in=filters.offers
                )
            )
        )
    if filters.needs:
        queryset = queryset.filter(
            Exists(
                SectorNeed.objects.filter(
                    municipality=OuterRef("pk"), sector__slug__in=filters.needs
                )
            )
        )
    if filters.population:
        condition = Q()
        for key in filters.population:
            condition |= population_condition(key)
        queryset = queryset.filter(condition)
    if filters.language:
        queryset = queryset.filter(
            Exists(
                _LANGUAGE_LINK.objects.filter(
                    municipality=OuterRef("pk"), language__code__in=filters.language
                )
            )
        )
    if filters.association:
        queryset = queryset.filter(national_association__slug__in=filters.association)
    if filters.programme:
        queryset = queryset.filter(_partner_keys(filters.programme))
    if filters.open:
        queryset = queryset.filter(open_to_partners=True)
    return queryset


def ordered(filters, queryset):
    """Sorted as asked: by relevance (a whole-name match first, then whole-word matches before
    word beginnings), by name, or largest population first."""
    sort = filters.effective_sort
    if sort == "population":
        return queryset.order_by("-population", "name", "pk")
    if sort == "name":
        return queryset.order_by("name", "pk")
    whole = fold_name(filters.q)
    score = Case(
        When(Q(name_folded=whole) | Q(local_name_folded=whole), then=Value(10)),
        default=Value(0),
        output_field=IntegerField(),
    )
    for key in word_keys(filters.q):
        score = score + Case(
            When(search_names__contains=f" {key} ", then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return queryset.annotate(relevance=score).order_by("-relevance", "name", "pk")


def _counts(rows, key="value"):
    return {row[key]: row["n"] for row in rows if row[key] not in (None, "")}


def facet_counts(matched):
    """{facet name: {value: count}} over ``matched``, each facet one aggregate query."""
    matched = matched.order_by()
    ids = matched.values("pk")
    counts = {
        name: _counts(matched.values(value=F(path)).annotate(n=Count("pk")))
        for name, path in (
            ("country", "country"),
            ("region", "region"),
            ("kind", "kind"),
            ("association", "national_association__slug"),
        )
    }
    for name, model in (("offers", SectorOffer), ("needs", SectorNeed)):
        counts[name] = _counts(
            model.objects.filter(municipality__in=ids)
            .values(value=F("sector__slug"))
            .annotate(n=Count("municipality", distinct=True))
            .order_by()
        )
    counts["language"] = _counts(
        _LANGUAGE_LINK.objects.filter(municipality__in=ids)
        .values(value=F("language__code"))
        .annotate(n=Count("municipality", distinct=True))
        .order_by()
    )
    # A municipality is on one side of its partnerships only (Ukrainian or EU), so the two
    # sides add up without counting anyone twice.
    keys = matched.values("translation_key")
    programmes = {}
    for side in ("ukrainian_municipality", "eu_municipality"):
        rows = (
            Partnership.objects.filter(
                **{f"{side}__translation_key__in": keys}, programme__isnull=False
            )
            .values(value=F("programme__slug"))
            .annotate(n=Count(f"{side}__translation_key", distinct=True))
            .order_by()
        )
        for value, n in _counts(rows).items():
            programmes[value] = programmes.get(value, 0) + n
    counts["programme"] = programmes
    totals = matched.aggregate(
        open=Count("pk", filter=Q(open_to_partners=True)),
        **{
            f"band_{key}": Count("pk", filter=population_condition(key))
            for key, *_rest in POPULATION_BANDS
        },
    )
    counts["population"] = {
        key: totals[f"band_{key}"] for key, *_rest in POPULATION_BANDS if totals[f"band_{key}"]
    }
    counts["open"] = {"1": totals["open"]} if totals["open"] else {}
    return counts


@dataclass
class PartnerSearch:
    """One answer of the partner search: the page of results, facets, suggestions."""

    filters: PartnerFilters
    page: object
    facets: list
    suggestions: list
    total: int


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
    """Search the live municipalities of ``locale`` as ``request.GET`` asks."""
    vocabulary = Vocabulary(locale)
    filters = parse_filters(request.GET, locale, vocabulary)
    matched = apply_filters(filters, live_municipalities(locale))
    found = with_card_data(ordered(filters, matched))
    page = page_from_request(Paginator(found, per_page), request)
    if directory is not None:
        directory.prepare_cards(page, request, vocabulary.sectors)
    else:
        for municipality in page:
            municipality.profile_url = None
            municipality.offered = [o.sector for o in municipality.offers.all()]
            municipality.needed = [n.sector for n in municipality.needs.all()]
    total = page.paginator.count
    suggestions = []
    if total == 0:
        # Which single filter, dropped, would give results: one count per active filter.
        names = (["q"] if filters.q else []) + list(filters.active)
        for name in names:
            wider = filters.without(name)
            count = apply_filters(wider, live_municipalities(locale)).count()
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
        facets=facet_options(filters, facet_counts(matched), vocabulary),
        suggestions=suggestions,
        total=total,
    )


def directory_for(locale):
    return DirectoryPage.objects.live().filter(locale=locale).first()
