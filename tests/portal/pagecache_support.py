"""What the page cache's tests share: the cache switched on, fetching, warming, publishing."""

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The test settings switch the page cache off for the other tests."""
    settings.PAGE_CACHE_ENABLED = True


LANGUAGES = ["en", "uk"]


def model(label):
    return apps.get_model(label)


def live(label, language):
    return (
        model(label).objects.live().filter(locale__language_code=language).order_by("path").first()
    )


def first_municipality(language):
    """The first live municipality of ``language``'s directory, by name."""
    return (
        model("community.Municipality")
        .objects.filter(live=True, locale__language_code=language)
        .order_by("name")
        .first()
    )


def page_to_move(language):
    """(the language's first content page, a new published section to move it under)."""
    from wagtail.models import Page

    home = Page.objects.get(depth=2, locale__language_code=language)
    target = model("portal.ContentPage")(title="Network", slug="network-" + language)
    home.add_child(instance=target)
    target.save_revision().publish()
    return live("portal.ContentPage", language), target


def get(client, path, **headers):
    response = client.get(path, **headers)
    return response, response.content.decode()


def warm(client, path):
    """Fetch twice; the second answer must come from the cache."""
    first, _html = get(client, path)
    assert first.status_code == 200, path
    second, html = get(client, path)
    assert second["X-Page-Cache"] == "hit", path
    return html


def publish(page, **values):
    for name, value in values.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
