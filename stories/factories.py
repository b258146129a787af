"""Factories for stories and events, shared by the tests and usable for demo data."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from stories.models import EventIndexPage, EventPage, StoryCountry, StoryIndexPage, StoryPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Stories"
    slug = "stories"
    introduction = "Success stories and news from the partnerships."

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    """A live story; pass ``tags=[...]`` and ``countries=[...]`` (codes) to relate them."""

    title = factory.Sequence(lambda n: f"Partnership story {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    kind = "success"
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    standfirst = "Two municipalities worked together and it shows."

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True  # the hooks save when they change something

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if extracted:
            obj.tags.set(list(extracted))
            if create:
                obj.save()

    @factory.post_generation
    def countries(obj, create, extracted, **kwargs):
        if extracted:
            obj.countries = [StoryCountry(country=code) for code in extracted]
            if create:
                obj.save()


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
