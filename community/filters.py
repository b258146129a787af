"""The directory's filter state, parsed from the query string into one immutable object.

Only the names declared here are read, and each value is checked against the values that
exist; anything else is dropped and named in ``ignored``, so that the page answers 200 and says
which filters it ignored, as every listing of the portal does (``portal.filters``). Nothing
from the request reaches a queryset without passing through here (PITFALLS: ``filter(**GET)``)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from portal.filters import ListingFilters

from .models import POPULATION_BANDS, Kind, SectorNeed, SectorOffer

# Query-string name -> label, in the order the page shows the filters.
FILTER_LABELS = {
    "country": _("Country"),
    "region": _("Region"),
    "kind": _("Kind"),
    "offers": _("Offers expertise in"),
    "needs": _("Needs help with"),
    "population": _("Population"),
    "open": _("Open to new partners"),
}


@dataclass(frozen=True)
class DirectoryFilters(ListingFilters):
    country: str = ""
    region: str = ""
    kind: str = ""
    offers: str = ""
    needs: str = ""
    population: str = ""
    open: str = ""
    ignored: tuple = ()

    @classmethod
    def from_query(cls, query, *, countries, regions, sectors):
        """Filters from a ``QueryDict``; ``countries``, ``regions`` and ``sectors`` are the
        accepted values (country codes, region names, sector slugs)."""
        allowed = {
            "country": set(countries),
            "region": set(regions),
            "kind": set(Kind.values),
            "offers": set(sectors),
            "needs": set(sectors),
            "population": {key for key, *_rest in POPULATION_BANDS},
            "open": {"1"},
        }
        values, ignored = {}, []
        for name in FILTER_LABELS:
            raw = cls.read(query, name)
            if not raw:
                continue
            if raw in allowed[name]:
                values[name] = raw
            else:
                ignored.append(name)
        return cls(**values, ignored=tuple(ignored))

    def apply(self, queryset):
        if self.country:
            queryset = queryset.filter(country=self.country)
        if self.region:
            queryset = queryset.filter(region=self.region)
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        # Sectors as semi-joins (``pk IN`` the links of that sector, read from the links'
        # (sector, municipality) index): no join that repeats a municipality, so no DISTINCT,
        # and the database hashes one sector's links instead of probing a municipality per link.
        if self.offers:
            queryset = queryset.filter(pk__in=_linked(SectorOffer, self.offers))
        if self.needs:
            queryset = queryset.filter(pk__in=_linked(SectorNeed, self.needs))
        if self.population:
            # The band stored on save (population_band_of), the partner search's facet too.
            queryset = queryset.filter(population_band=self.population)
        if self.open:
            queryset = queryset.filter(open_to_partners=True)
        return queryset


def _linked(link_model, slug):
    """Ids of the municipalities with a link of ``link_model`` to the sector ``slug``."""
    return link_model.objects.filter(sector__slug=slug).values("municipality_id")
