"""What a visitor has chosen on the call index, parsed once from the query string.

Only known names are read and every value is checked against the directory's programmes and
sectors (their slugs are the same in every language), so a crafted query string never reaches
the database as a lookup. A value that is not known is ignored, and named in ``ignored`` so the
page can say so (components/filters_ignored.html): the page still answers 200."""

from dataclasses import dataclass

from portal.filters import ListingFilters


@dataclass(frozen=True)
class CallFilters(ListingFilters):
    programme: str = ""
    sector: str = ""
    ignored: tuple = ()

    @classmethod
    def from_query(cls, query, *, programmes=(), sectors=()):
        """From a QueryDict or a plain dict; ``programmes`` and ``sectors`` are the slugs that
        exist."""
        values, ignored = {}, []
        for name, known in (("programme", programmes), ("sector", sectors)):
            value = cls.read(query, name)
            if not value:
                continue
            if value in known:
                values[name] = value
            else:
                ignored.append(name)
        return cls(**values, ignored=tuple(ignored))

    def apply(self, calls):
        return calls.in_programme(self.programme).in_sector(self.sector)
