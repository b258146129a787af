"""What a visitor has chosen on the event index, parsed once from the query string.

Only known names are read and every value is checked: a value that cannot be valid (an unknown
country code, a month that is not YYYY-MM, a programme slug that does not exist) is reported in
``errors`` and the page answers 400."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from portal.countries import COUNTRY_CODES
from portal.filters import ListingFilters

FORMATS = ("on_site", "online", "hybrid")
MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$")
# Months outside this range are certainly typing errors (and would overflow datetime).
FIRST_YEAR, LAST_YEAR = 2000, 2100


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


@dataclass(frozen=True)
class EventFilters(ListingFilters):
    country: str = ""
    format: str = ""
    month: str = ""
    programme: str = ""
    errors: tuple = ()

    @classmethod
    def from_query(cls, query, *, programmes=()):
        """From a QueryDict or a plain dict; ``programmes`` are the slugs that exist (the same
        in every language)."""
        values, errors = {}, []
        programme = (query.get("programme") or "").strip()
        if programme:
            if programme in programmes:
                values["programme"] = programme
            else:
                errors.append("programme")
        country = (query.get("country") or "").strip().upper()
        if country:
            if country in COUNTRY_CODES:
                values["country"] = country
            else:
                errors.append("country")
        event_format = (query.get("format") or "").strip()
        if event_format:
            if event_format in FORMATS:
                values["format"] = event_format
            else:
                errors.append("format")
        month = query.get("month") or ""
        if month.strip():
            parsed = parse_month(month)
            if parsed:
                values["month"] = f"{parsed[0]:04d}-{parsed[1]:02d}"
            else:
                errors.append("month")
        return cls(**values, errors=tuple(errors))

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
