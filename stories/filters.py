"""What a visitor has chosen on the story index and on the event index, parsed once from the
query string.

Only known names are read and every value is checked, so a crafted query string can neither reach
the database as a lookup nor cause an error. A value that cannot be valid (an unknown country
code, a month that is not YYYY-MM, a sector or programme slug that does not exist) is dropped and
its filter named in ``ignored``: the page still answers 200 and says which filters it ignored,
as every listing of the portal does. A well-formed tag that no story carries simply matches
nothing. Sectors and programmes are checked against the slugs the caller passes (the directory's
records; their slug is the same in every language)."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal.countries import COUNTRY_CODES
from portal.filters import ListingFilters

from .choices import FORMATS, KINDS

MAX_TAG_LENGTH = 100  # taggit's Tag.name and Tag.slug are 100 characters long
MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$")
# Months outside this range are certainly typing errors (and would overflow datetime).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def parse_tag(raw):
    """The tag slug a raw value names, or None when it cannot be one."""
    raw = raw.strip()
    if not raw or len(raw) > MAX_TAG_LENGTH or "\x00" in raw:
        return None
    # Tag slugs are made by taggit with Django's slugify (Unicode kept); folding here, in Python,
    # matches Cyrillic tags the same way on SQLite and PostgreSQL.
    return slugify(raw, allow_unicode=True) or None


def parse_month(raw):
    """(year, month) of a YYYY-MM value, or None."""
    match = MONTH.match(raw.strip())
    if not match:
        return None
    year, month = int(match["year"]), int(match["month"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return year, month


def month_bounds(month, tz=None):
    """The first moment of the month and of the next one, in the portal's time zone."""
    year, number = (int(part) for part in month.split("-"))
    tz = tz or timezone.get_current_timezone()
    start = datetime.datetime(year, number, 1, tzinfo=tz)
    end = datetime.datetime(year + number // 12, number % 12 + 1, 1, tzinfo=tz)
    return start, end


def _choose(query, name, known, values, ignored, *, upper=False):
    """Keeps the value of ``name`` when it is one of ``known``, else names the filter ignored."""
    value = ListingFilters.read(query, name)
    if upper:
        value = value.upper()
    if value:
        if value in known:
            values[name] = value
        else:
            ignored.append(name)


@dataclass(frozen=True)
class StoryFilters(ListingFilters):
    kind: str = ""
    tag: str = ""
    country: str = ""
    sector: str = ""
    programme: str = ""
    ignored: tuple = ()

    @staticmethod
    def labels():
        """Filter name -> the label the page shows (for the "ignored" notice)."""
        return {
            "kind": _("Kind"),
            "tag": _("Tag"),
            "country": _("Country"),
            "sector": _("Sector"),
            "programme": _("Programme"),
        }

    @classmethod
    def from_query(cls, query, *, sectors=(), programmes=()):
        """From a QueryDict or a plain dict of strings; ``sectors`` and ``programmes`` are the
        slugs that exist."""
        values, ignored = {}, []
        _choose(query, "kind", KINDS, values, ignored)
        # The raw tag, not read(): a value too long to be a tag must not be cut into one.
        raw_tag = query.get("tag") or ""
        if raw_tag.strip():
            tag = parse_tag(raw_tag)
            if tag:
                values["tag"] = tag
            else:
                ignored.append("tag")
        _choose(query, "country", COUNTRY_CODES, values, ignored, upper=True)
        _choose(query, "sector", sectors, values, ignored)
        _choose(query, "programme", programmes, values, ignored)
        return cls(**values, ignored=tuple(ignored))

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


@dataclass(frozen=True)
class EventFilters(ListingFilters):
    country: str = ""
    format: str = ""
    month: str = ""
    programme: str = ""
    ignored: tuple = ()

    @staticmethod
    def labels():
        """Filter name -> the label the page shows (for the "ignored" notice)."""
        return {
            "country": _("Country"),
            "format": _("Format"),
            "month": _("Month"),
            "programme": _("Programme"),
        }

    @classmethod
    def from_query(cls, query, *, programmes=()):
        """From a QueryDict or a plain dict; ``programmes`` are the slugs that exist (the same
        in every language)."""
        values, ignored = {}, []
        _choose(query, "country", COUNTRY_CODES, values, ignored, upper=True)
        _choose(query, "format", FORMATS, values, ignored)
        month = ListingFilters.read(query, "month")
        if month:
            parsed = parse_month(month)
            if parsed:
                values["month"] = f"{parsed[0]:04d}-{parsed[1]:02d}"
            else:
                ignored.append("month")
        _choose(query, "programme", programmes, values, ignored)
        return cls(**values, ignored=tuple(ignored))

    def apply(self, events):
        if self.country:
            events = events.filter(country=self.country)
        if self.format:
            events = events.filter(format=self.format)
        if self.month:
            start, end = month_bounds(self.month)
            # Every event that takes place at some time during the month.
            events = events.filter(starts_at__lt=end, ends_at__gte=start)
        if self.programme:
            events = events.filter(programme__slug=self.programme)
        return events
