"""A call's state, derived from its dates in one place, and the call listings' queries."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.query import PageQuerySet

OPEN, UPCOMING, CLOSED = "open", "upcoming", "closed"


def add_months(moment, months):
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def call_state(opens_at, closes_at, now):
    """The state of a call at ``now``: the one rule CallQuerySet expresses in SQL."""
    if now < opens_at:
        return UPCOMING
    if now < closes_at:
        return OPEN
    return CLOSED


class CallQuerySet(PageQuerySet):
    """A call's state is derived from its dates here (and in ``call_state``) and nowhere else:
    open from ``opens_at`` included until ``closes_at`` excluded."""

    def for_listing(self):
        """What a card needs, in a fixed number of queries however many calls are listed."""
        return self.select_related("listing_image").prefetch_related("listing_image__renditions")

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def upcoming(self, now=None):
        return self.filter(opens_at__gt=now or timezone.now())

    def closed(self, now=None):
        return self.filter(closes_at__lte=now or timezone.now())

    def in_programme(self, slug):
        """Calls of the directory's programme ``slug`` (the same in every language)."""
        return self.filter(programme__slug=slug) if slug else self

    def in_sector(self, slug):
        """Calls that fund the directory's sector ``slug``; a call with no sector named funds
        every sector. Subqueries rather than a join, so that no call is listed twice."""
        if not slug:
            return self
        links = self.model.sectors.through.objects
        funding = links.filter(sector__slug=slug).values("callpage_id")
        return self.filter(Q(pk__in=funding) | ~Q(pk__in=links.values("callpage_id")))


def default_language_only():
    """Editors relate a call to the directory's records in the default language, where
    translations start from; visitors read each record in their own language."""
    return {"locale__language_code": settings.LANGUAGE_CODE}
