"""Factories for stories, shared by the tests and usable for demo data."""

import datetime

import factory
import wagtail_factories

from stories.models import StoryCountry, StoryIndexPage, StoryPage


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
