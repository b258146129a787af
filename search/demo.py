"""Demo content of the search app: the map of the network under each home page, in the menu."""

from portal.demo import upsert_page, upsert_translation

from .models import MapPage

TEXTS = {
    "en": (
        "Map",
        "Where the municipalities of the network are and who works with whom. The list below "
        "the map shows the same results.",
    ),
    "uk": (
        "Мапа",
        "Де розташовані громади мережі і хто з ким співпрацює. Список під мапою показує ті "
        "самі результати.",
    ),
}


def seed(tree):
    title, introduction = TEXTS["en"]
    page = upsert_page(
        tree.homes["en"], MapPage, "map", title=title, introduction=introduction, show_in_menus=True
    )
    tree.indexes[("map", "en")] = page
    title, introduction = TEXTS["uk"]
    tree.indexes[("map", "uk")] = upsert_translation(
        page, "uk", title=title, introduction=introduction, slug="map"
    )
