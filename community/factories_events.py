"""Factories for events (kept apart from community/factories.py, which holds the directory's)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from community.models import EventIndexPage, EventPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"
    introduction = "Solidarity Forums, annual gatherings and study visits."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An on-site event in Brussels starting in ``days`` days (default 10) and lasting 8 hours."""

    class Params:
        days = 10

    title = factory.Sequence(lambda n: f"Solidarity Forum {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "Mayors from Ukraine and the EU meet to start partnerships."
    starts_at = factory.LazyAttribute(
        lambda o: (timezone.now() + datetime.timedelta(days=o.days)).replace(
            hour=8, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=8))
    format = "on_site"
    city = "Brussels"
    country = "BE"

    class Meta:
        model = EventPage
