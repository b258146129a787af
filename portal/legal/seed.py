"""The legal pages of the demo, in English and Ukrainian (seed_demo runs ``seed`` after the
home pages exist; it needs only ``tree.homes``, so the shared layer imports no feature app)."""

from portal.demo import upsert_page, upsert_translation
from portal.models import ContentPage

from . import LEGAL_SLUGS
from .texts_en import PAGES as EN
from .texts_uk import PAGES as UK

TEXTS = {"uk": UK}


def seed(tree):
    home = tree.homes["en"]
    for slug in LEGAL_SLUGS:
        page = upsert_page(home, ContentPage, slug, show_in_menus=False, **EN[slug])
        tree.indexes[(slug, "en")] = page
        for language, pages in TEXTS.items():
            if language in tree.homes:
                tree.indexes[(slug, language)] = upsert_translation(page, language, **pages[slug])
