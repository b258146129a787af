"""The directory's filter state, parsed from the query string into one immutable object.

Only the names in ``FIELDS`` are read, and each value is checked against the values that
exist; anything else is dropped and listed in ``ignored`` so the page can say so. Nothing from
the request reaches a queryset without passing through here (PITFALLS: ``filter(**GET)``)."""

from dataclasses import dataclass, fields, replace
from urllib.parse import urlencode

from .models.municipality import POPULATION_BANDS, Kind

MAX_VALUE_LENGTH = 100


@dataclass(frozen=True)
class DirectoryFilters:
    country: str = ""
    region: str = ""
    kind: str = ""
    offers: str = ""
    needs: str = ""
    population: str = ""
    open: str = ""
    ignored: tuple = ()

    @classmethod
    def names(cls):
        return [f.name for f in fields(cls) if f.name != "ignored"]

    @classmethod
    def from_request(cls, request, *, countries, regions, sectors):
        """Filters from ``request.GET``; ``countries``, ``regions`` and ``sectors`` are the
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
        for name in cls.names():
            raw = request.GET.get(name, "")
            raw = raw.replace("\x00", "").strip()[:MAX_VALUE_LENGTH]
            if not raw:
                continue
            if raw in allowed[name]:
                values[name] = raw
            else:
                ignored.append(name)
        return cls(**values, ignored=tuple(ignored))

    @property
    def active(self):
        return {name: getattr(self, name) for name in self.names() if getattr(self, name)}

    def urlencode(self):
        return urlencode(self.active)

    def without(self, name):
        return replace(self, **{name: ""}, ignored=())

    def apply(self, queryset):
        if self.country:
            queryset = queryset.filter(country=self.country)
        if self.region:
            queryset = queryset.filter(region=self.region)
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.offers:
            queryset = queryset.filter(offers__sector__slug=self.offers)
        if self.needs:
            queryset = queryset.filter(needs__sector__slug=self.needs)
        if self.population:
            # The band stored on save (population_band_of), the partner search's facet too.
            queryset = queryset.filter(population_band=self.population)
        if self.open:
            queryset = queryset.filter(open_to_partners=True)
        # A join on offers/needs can repeat a municipality with two matching rows.
        return queryset.distinct() if (self.offers or self.needs) else queryset
