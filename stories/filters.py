"""What a visitor has chosen on the story index, parsed once from the query string.

Only known names are read and every value is checked, so a crafted query string can neither reach
the database as a lookup nor cause an error: a value that cannot be valid is reported in
``errors`` (the page answers 400), a well-formed tag that no story carries simply matches nothing.
Sectors and programmes are checked against the slugs the caller passes (the directory's records;
their slug is the same in every language)."""

from dataclasses import dataclass

from django.utils.text import slugify

from portal.countries import COUNTRY_CODES
from portal.filters import ListingFilters

from .choices import KINDS

MAX_TAG_LENGTH = 100  # taggit's Tag.name and Tag.slug are 100 characters long


def parse_tag(raw):
    """The tag slug a raw value names, or None when it cannot be one."""
    raw = raw.strip()
    if not raw or len(raw) > MAX_TAG_LENGTH or "\x00" in raw:
        return None
    # Tag slugs are made by taggit with Django's slugify (Unicode kept); folding here, in Python,
    # matches Cyrillic tags the same way on SQLite and PostgreSQL.
    return slugify(raw, allow_unicode=True) or None


@dataclass(frozen=True)
class StoryFilters(ListingFilters):
    kind: str = ""
    tag: str = ""
    country: str = ""
    sector: str = ""
    programme: str = ""
    errors: tuple = ()

    @classmethod
    def from_query(cls, query, *, sectors=(), programmes=()):
        """From a QueryDict or a plain dict of strings; ``sectors`` and ``programmes`` are the
        slugs that exist."""
        values, errors = {}, []
        for name, known in (("sector", sectors), ("programme", programmes)):
            value = (query.get(name) or "").strip()
            if value:
                if value in known:
                    values[name] = value
                else:
                    errors.append(name)
        kind = (query.get("kind") or "").strip()
        if kind:
            if kind in KINDS:
                values["kind"] = kind
            else:
                errors.append("kind")
        country = (query.get("country") or "").strip().upper()
        if country:
            if country in COUNTRY_CODES:
                values["country"] = country
            else:
                errors.append("country")
        raw_tag = query.get("tag") or ""
        if raw_tag.strip():
            tag = parse_tag(raw_tag)
            if tag:
                values["tag"] = tag
            else:
                errors.append("tag")
        return cls(**values, errors=tuple(errors))

    def apply(self, stories):
        if self.kind:
            stories = stories.filter(kind=self.kind)
        if self.country:
            stories = stories.filter(countries__country=self.country)
        if self.tag:
            stories = stories.filter(tagged_items__tag__slug=self.tag)
        if self.sector:
            stories = stories.filter(sectors__slug=self.sector)
        if self.programme:
            stories = stories.filter(programme__slug=self.programme)
        return stories.distinct() if self.country or self.tag or self.sector else stories
