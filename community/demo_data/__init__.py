"""Data of the demo directory (seeded by ``community.demo_directory``): real places with rounded
public population estimates and their coordinates, in English and Ukrainian.

The facts about the network (the pilot pair Dolyna – Šiauliai district, the SUN4Ukraine cities,
Munich as an adviser) come from the public reports in /work/shared/source-facts. What each
profile offers and needs, its working languages and contact are demonstration data, and every
profile says so (``DEMO_NOTE``).

A municipality is a dict:
  slug, name, local (name in the local script, "" when the same), country, region, kind,
  population, at (latitude, longitude as strings), languages (ISO 639-1 codes),
  offers / needs ([(sector slug, English note, Ukrainian note)]), orgs (partner organisation
  slugs), en / uk (the description, one paragraph of HTML).
"""

from .eu import EU_MUNICIPALITIES
from .records import municipality
from .ukraine import UKRAINIAN_MUNICIPALITIES

__all__ = ["DEMO_NOTE", "MUNICIPALITIES", "municipality"]

MUNICIPALITIES = [*UKRAINIAN_MUNICIPALITIES, *EU_MUNICIPALITIES]

# Appended to every demo profile's description.
DEMO_NOTE = {
    "en": "<p><i>Demonstration profile: the sectors, working languages and contact shown here "
    "are examples for the portal's demo, not statements of the municipality.</i></p>",
    "uk": "<p><i>Демонстраційний профіль: сектори, робочі мови й контакт тут — приклади для "
    "демонстрації порталу, а не заяви самої громади.</i></p>",
}
