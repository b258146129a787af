"""Factories for the shared page types and the language tree every test builds on."""

import factory
import wagtail_factories
from django.conf import settings
from wagtail.models import Locale, Page, Site

from portal.models import ContentPage


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page of the type PORTAL_HOME_PAGE_MODEL names ("app_label.Model", which
    factory_boy resolves when the factory is first used): portal imports no feature app."""

    title = "Bridges of Trust"
    hero_title = "Ukrainian and EU municipalities rebuilding together"
    slug = factory.Sequence(lambda n: f"home-{n}")

    class Meta:
        model = settings.PORTAL_HOME_PAGE_MODEL


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"About page {n}")
    introduction = "What the European Partnership Hub does."

    class Meta:
        model = ContentPage


def ensure_wagtail_root():
    """Re-create what Wagtail's data migrations made (default locale, root page, root
    collection) when a transactional test's flush has removed them: live-server tests commit
    for real, and Django empties every table after each of them."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


def build_language_tree(languages=("en", "uk")):
    """A live home page per language (translations of one another) as the default site's root.

    Returns {language code: home page}."""
    root = Page.get_first_root_node()
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in languages}
    home = HomePageFactory(parent=root, locale=locales[languages[0]], slug=f"home-{languages[0]}")
    homes = {languages[0]: home}
    for code in languages[1:]:
        translation = home.copy_for_translation(locales[code], alias=False)
        translation.slug = f"home-{code}"
        translation.title = {"uk": "Мости довіри"}.get(code, home.title)
        translation.hero_title = {"uk": "Громади України та ЄС відбудовують разом"}.get(
            code, home.hero_title
        )
        translation.save_revision().publish()
        translation.refresh_from_db()
        homes[code] = translation
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "BoT"},
    )
    Page.objects.filter(depth=2, content_type__model="page").delete()
    return homes


def translate(page, language, **values):
    """A published translation of ``page`` with ``values`` set (parents must exist)."""
    locale = Locale.objects.get_or_create(language_code=language)[0]
    translation = page.copy_for_translation(locale, alias=False)
    for name, value in values.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific
