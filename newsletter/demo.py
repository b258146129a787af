"""The newsletter sign-up page of the demo, in English and Ukrainian (seed_demo)."""

from newsletter.models import NewsletterPage
from portal.demo import upsert_page, upsert_translation

TEXTS = {
    "en": {
        "title": "Newsletter",
        "listing_summary": "News of the partnerships, calls for proposals and events, once a month.",
        "intro": "<p>Once a month: new success stories, open calls for proposals and the "
        "coming events of the network, in the languages you choose.</p>",
    },
    "uk": {
        "title": "Розсилка новин",
        "listing_summary": "Новини партнерств, конкурси пропозицій і події раз на місяць.",
        "intro": "<p>Раз на місяць: нові історії успіху, відкриті конкурси пропозицій і "
        "майбутні події мережі мовами, які ви оберете.</p>",
    },
}


def seed(tree):
    page = upsert_page(
        tree.homes["en"], NewsletterPage, "newsletter", show_in_menus=False, **TEXTS["en"]
    )
    tree.indexes[("newsletter", "en")] = page
    for language, values in TEXTS.items():
        if language != "en" and language in tree.homes:
            tree.indexes[("newsletter", language)] = upsert_translation(page, language, **values)
