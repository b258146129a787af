"""Explained partner suggestions: candidates on the other side (Ukrainian ↔ EU), ranked by a
score whose every point comes from a reason shown to the visitor.

``WEIGHTS`` is the one place the scoring is tuned. The database ranks all candidates with the
same weights, from columns of the candidate's own row (``offer_keys``, ``need_keys`` and
``language_keys`` hold its sector slugs and language codes, kept in step by
``community.models.sector_links.refresh_match_keys``), so ranking 50,000 candidates is one scan
with no subquery per row and no rows loaded into Python. The reasons of the candidates on the
page are then spelled out from prefetched data, so the page costs the same number of queries
whatever the number of candidates."""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Q,
    Value,
    When,
)
from django.utils.translation import gettext, ngettext

from community.models import Municipality, Partnership, with_sectors
from portal.pagination import page_from_request

# Points per reason. Sectors and languages count once per sector or language they share.
WEIGHTS = {
    # The candidate offers expertise in a sector the municipality needs help with.
    "offers_what_it_needs": 3,
    # The candidate needs help in a sector the municipality offers (the partnership gives back).
    "needs_what_it_offers": 2,
    # A working language both can use, per language.
    "shared_language": 1,
    # Population within a factor of SIZE_RATIO: similar administrations understand each other.
    "comparable_size": 2,
    # The candidate says it is open to new partners.
    "open_to_partners": 1,
    # A Ukrainian municipality with no partner yet comes first: the network's first aim.
    "ukrainian_without_partner": 2,
}
SIZE_RATIO = 3
PER_PAGE = 20
# The best suggestions a match page lists (50 pages of 20). Past them every candidate is one
# of thousands with the same few points, so nobody reads that far; counting them all cost a
# second scan of every candidate (78 ms of a 300 ms page at 100,000 municipalities).
MAX_SUGGESTIONS = 1000


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    text: str


def _shared(column, values):
    """How many of ``values`` the candidate's ``column`` (a " a b " key line) holds."""
    total = Value(0)
    for value in sorted(values):
        total = total + Case(
            When(**{f"{column}__contains": f" {value} "}, then=Value(1)),
            default=Value(0),
        )
    return total


def _partnered_ukrainian_keys():
    # No NULL may reach NOT IN (it would make the test unknown for every row).
    return (
        Partnership.objects.recorded()
        .filter(ukrainian_municipality__isnull=False)
        .values("ukrainian_municipality__translation_key")
    )


def existing_partner_keys(municipality):
    """Translation keys of the municipality's partners, in any language."""
    key = municipality.translation_key
    partnerships = Partnership.objects.recorded().filter(
        Q(ukrainian_municipality__translation_key=key) | Q(eu_municipality__translation_key=key)
    )
    pairs = partnerships.values_list(
        "ukrainian_municipality__translation_key", "eu_municipality__translation_key"
    )
    return {key for pair in pairs for key in pair if key is not None}


@dataclass
class Profile:
    """What the scoring needs to know about the municipality we find partners for."""

    municipality: Municipality
    offers: dict  # slug: sector
    needs: dict
    languages: dict  # code: language

    @classmethod
    def of(cls, municipality):
        return cls(
            municipality=municipality,
            offers={o.sector.slug: o.sector for o in municipality.offers.all()},
            needs={n.sector.slug: n.sector for n in municipality.needs.all()},
            languages={lang.code: lang for lang in municipality.working_languages.all()},
        )

    @property
    def population_range(self):
        population = self.municipality.population
        if not population:
            return None
        return population // SIZE_RATIO, population * SIZE_RATIO


def _any_share(column, values):
    """The candidate's ``column`` holds one of ``values`` (an OR that stops at the first)."""
    q = Q()
    for value in sorted(values):
        q |= Q(**{f"{column}__contains": f" {value} "})
    return q


def _others(profile, locale):
    """Live municipalities of the other side, not yet partners of the profile's."""
    subject = profile.municipality
    queryset = Municipality.objects.live().in_locale(locale)
    if subject.country == "UA":
        queryset = queryset.exclude(country="UA")
    else:
        queryset = queryset.filter(country="UA")
    return queryset.exclude(translation_key=subject.translation_key).exclude(
        translation_key__in=existing_partner_keys(subject)
    )


def with_any_reason(profile, queryset):
    """``queryset`` narrowed to the candidates with at least one reason (``match_score`` > 0),
    without computing the score: every weight is positive, so a score is above zero exactly
    when one of its conditions holds, and the database stops at the first that does."""
    q = (
        Q(open_to_partners=True)
        | _any_share("offer_keys", profile.needs)
        | _any_share("need_keys", profile.offers)
        | _any_share("language_keys", profile.languages)
    )
    size = profile.population_range
    if size:
        q |= Q(population__gte=size[0], population__lte=size[1])
    if profile.municipality.country != "UA":
        q |= ~Q(translation_key__in=_partnered_ukrainian_keys())
    return queryset.filter(q)


def candidates(profile, locale):
    """Live municipalities of the other side, not yet partners, ranked by score in the
    database (``match_score``), best first."""
    return _ranked(profile, _others(profile, locale)).filter(match_score__gt=0)


def _ranked(profile, queryset):
    """``queryset`` annotated with ``match_score`` and ordered by it, best first; candidates
    without any reason (score 0) are not removed here but come last."""
    subject = profile.municipality
    score = (
        WEIGHTS["offers_what_it_needs"] * _shared("offer_keys", profile.needs)
        + WEIGHTS["needs_what_it_offers"] * _shared("need_keys", profile.offers)
        + WEIGHTS["shared_language"] * _shared("language_keys", profile.languages)
        + Case(
            When(open_to_partners=True, then=Value(WEIGHTS["open_to_partners"])),
            default=Value(0),
        )
    )
    size = profile.population_range
    if size:
        score = score + Case(
            When(
                population__gte=size[0],
                population__lte=size[1],
                then=Value(WEIGHTS["comparable_size"]),
            ),
            default=Value(0),
        )
    if subject.country != "UA":
        # NOT IN one hashed list of partnered keys, not a subquery per candidate.
        score = score + Case(
            When(
                ~Q(translation_key__in=_partnered_ukrainian_keys()),
                then=Value(WEIGHTS["ukrainian_without_partner"]),
            ),
            default=Value(0),
        )
    return queryset.annotate(match_score=score).order_by("-match_score", "name", "pk")


def reasons(profile, candidate, sectors=None):
    """The reasons, with their points, why ``candidate`` suits the profile's municipality.
    ``candidate`` has offers, needs and working languages prefetched and ``has_partner`` set.
    ``sectors`` ({slug: sector}) gives sector names in the page's language."""
    sectors = sectors or {}
    name = profile.municipality.display_name  # "Долина" on /uk/
    found = []
    offered = [o.sector.slug for o in candidate.offers.all() if o.sector.slug in profile.needs]
    if offered:
        found.append(
            Reason(
                "offers_what_it_needs",
                WEIGHTS["offers_what_it_needs"] * len(offered),
                gettext("Offers expertise that %(name)s needs: %(sectors)s")
                % {"name": name, "sectors": _names(offered, sectors, profile.needs)},
            )
        )
    needed = [n.sector.slug for n in candidate.needs.all() if n.sector.slug in profile.offers]
    if needed:
        found.append(
            Reason(
                "needs_what_it_offers",
                WEIGHTS["needs_what_it_offers"] * len(needed),
                gettext("Needs help that %(name)s offers: %(sectors)s")
                % {"name": name, "sectors": _names(needed, sectors, profile.offers)},
            )
        )
    shared = [lang for lang in candidate.working_languages.all() if lang.code in profile.languages]
    if shared:
        found.append(
            Reason(
                "shared_language",
                WEIGHTS["shared_language"] * len(shared),
                ngettext(
                    "Shared working language: %(languages)s",
                    "Shared working languages: %(languages)s",
                    len(shared),
                )
                % {"languages": ", ".join(str(lang.name) for lang in shared)},
            )
        )
    size = profile.population_range
    if size and candidate.population and size[0] <= candidate.population <= size[1]:
        found.append(
            Reason(
                "comparable_size",
                WEIGHTS["comparable_size"],
                gettext("Comparable size to %(name)s") % {"name": name},
            )
        )
    if candidate.open_to_partners:
        found.append(
            Reason(
                "open_to_partners",
                WEIGHTS["open_to_partners"],
                gettext("Open to new partners"),
            )
        )
    if candidate.country == "UA" and not candidate.has_partner:
        found.append(
            Reason(
                "ukrainian_without_partner",
                WEIGHTS["ukrainian_without_partner"],
                gettext("A Ukrainian municipality that has no partner yet"),
            )
        )
    return found


def _names(slugs, sectors, fallback):
    return ", ".join(sectors.get(slug, fallback[slug]).name for slug in slugs)


class _RankedPaginator(Paginator):
    """Pages of ranked candidate ids; the number of candidates is counted without scoring,
    up to ``MAX_SUGGESTIONS``: the count stops there (``capped`` says it did), so a Ukrainian
    municipality facing 50,000 EU candidates costs a count of 1,001 rows, not of 50,000."""

    def __init__(self, ranked_ids, per_page, counted):
        super().__init__(ranked_ids, per_page)
        self._counted = counted
        self.capped = False

    @cached_property
    def count(self):
        # No ORDER BY: sorting every candidate by name before the LIMIT would read them all.
        found = self._counted.order_by()[: MAX_SUGGESTIONS + 1].count()
        self.capped = found > MAX_SUGGESTIONS
        return min(found, MAX_SUGGESTIONS)


def suggestions(municipality, locale, request, sectors=None, per_page=PER_PAGE):
    """A page of ranked candidates, each with ``reasons`` and ``score`` (the sum of the
    reasons' points, equal to the database's ``match_score``).

    The database ranks every candidate but returns only the ids of one page (the sort keeps
    20 narrow rows, not whole profiles), counts the candidates without scoring them, and
    then loads the page's profiles with their links.

    The ranking is not filtered on ``match_score > 0``: that would compute every candidate's
    score twice (in WHERE and in the sort). Candidates with no reason score 0 and sort after
    all the others, and the paginator's count (those with a reason, ``with_any_reason``) ends
    the last page before them, so no page shows one."""
    profile = Profile.of(municipality)
    others = _others(profile, locale)
    ranked = _ranked(profile, others).values_list("pk", "match_score")
    counted = with_any_reason(profile, others)
    page = page_from_request(_RankedPaginator(ranked, per_page, counted), request)
    scores = dict(page.object_list)
    ids = list(scores)
    loaded = (
        Municipality.objects.filter(pk__in=ids)
        .select_related("logo")
        .prefetch_related(*with_sectors(), "working_languages")
        .in_bulk()
    )
    page.object_list = [loaded[pk] for pk in ids if pk in loaded]
    partnered = set(
        _partnered_ukrainian_keys()
        .filter(
            ukrainian_municipality__translation_key__in=[
                c.translation_key for c in page.object_list
            ]
        )
        .values_list("ukrainian_municipality__translation_key", flat=True)
    )
    for candidate in page.object_list:
        candidate.match_score = scores[candidate.pk]
        candidate.has_partner = candidate.translation_key in partnered
        candidate.reasons = reasons(profile, candidate, sectors)
        candidate.score = sum(reason.points for reason in candidate.reasons)
    return page
