"""The legal pages in the footer and the privacy notice in every consent label (portal/legal).

Each legal page is found by its slug (the same in every language) under the home page of the
visitor's language, else under the default language's home; read once per language and content
generation like the menu (navigation_tags.shared), so a warm page render makes no query."""

import re

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, gettext
from wagtail.models import Page, Site

from portal.legal import LEGAL_SLUGS, PRIVACY_SLUG

from .navigation_tags import shared

register = template.Library()

# Form fields that ask for consent to the privacy notice (registration, application).
CONSENT_FIELDS = ("privacy_consent", "consent")


def _legal_pages(request, language):
    """{slug: (title, url)} of the live legal pages, in ``language`` where translated."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page

    def lookup():
        homes = Page.objects.filter(translation_key=root.translation_key, depth=root.depth)
        pages = (
            Page.objects.live()
            .public()
            .filter(depth=root.depth + 1, slug__in=LEGAL_SLUGS)
            .filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
            .select_related("locale")
        )
        home_paths = [home.path for home in homes.only("path")]
        found = {}
        for page in pages:
            if not any(page.path.startswith(path) for path in home_paths):
                continue
            own = page.locale.language_code == language
            if page.slug not in found or own:
                found[page.slug] = (page.title, page.get_url(request) or "")
        return {slug: found[slug] for slug in LEGAL_SLUGS if slug in found and found[slug][1]}

    return shared(request, "legal", f"{site.pk}:{language}", lookup)


def legal_pages(context):
    request = context.get("request")
    if request is None:
        return {}
    return _legal_pages(request, get_language() or settings.LANGUAGE_CODE)


@register.inclusion_tag("components/legal_links.html", takes_context=True)
def legal_links(context):
    """The footer's list of legal and help pages in the visitor's language."""
    pages = legal_pages(context)
    return {"links": [{"title": title, "url": url} for title, url in pages.values()]}


@register.simple_tag(takes_context=True)
def privacy_url(context):
    """The privacy notice of the visitor's language (or the default one); "" when none."""
    return legal_pages(context).get(PRIVACY_SLUG, ("", ""))[1]


@register.simple_tag(takes_context=True)
def field_label(context, field):
    """A field's label; for a consent checkbox, with the words "privacy notice" linked to the
    privacy notice of the visitor's language (or a link after the label when the translation
    does not contain them)."""
    label = str(field.label)
    url = privacy_url(context) if field.name in CONSENT_FIELDS else ""
    if not url:
        return conditional_escape(label)
    phrase = gettext("privacy notice")
    match = re.search(re.escape(phrase), label, flags=re.IGNORECASE)
    if match is None:
        return format_html('{} (<a href="{}">{}</a>)', label, url, phrase)
    return format_html(
        '{}<a href="{}">{}</a>{}',
        label[: match.start()],
        url,
        match.group(0),
        label[match.end() :],
    )
