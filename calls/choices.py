"""Fixed vocabularies of the calls: countries, kinds of municipality, sectors and programmes.

They are data, not models, so that a call's rules and an application can name them before the
member directory (community/) exists; the directory's own vocabularies can replace these lists
by mapping to the same codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# ISO 3166-1 alpha-2 codes of the countries the network works with: Ukraine and its neighbours
# in the Eastern Partnership, the EU member states, the EEA, Switzerland, the UK and the
# candidate countries of the Western Balkans.
COUNTRIES = [
    ("UA", _("Ukraine")),
    ("MD", _("Moldova")),
    ("GE", _("Georgia")),
    ("AT", _("Austria")),
    ("BE", _("Belgium")),
    ("BG", _("Bulgaria")),
    ("HR", _("Croatia")),
    ("CY", _("Cyprus")),
    ("CZ", _("Czechia")),
    ("DK", _("Denmark")),
    ("EE", _("Estonia")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("DE", _("Germany")),
    ("GR", _("Greece")),
    ("HU", _("Hungary")),
    ("IE", _("Ireland")),
    ("IT", _("Italy")),
    ("LV", _("Latvia")),
    ("LT", _("Lithuania")),
    ("LU", _("Luxembourg")),
    ("MT", _("Malta")),
    ("NL", _("Netherlands")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("RO", _("Romania")),
    ("SK", _("Slovakia")),
    ("SI", _("Slovenia")),
    ("ES", _("Spain")),
    ("SE", _("Sweden")),
    ("NO", _("Norway")),
    ("IS", _("Iceland")),
    ("LI", _("Liechtenstein")),
    ("CH", _("Switzerland")),
    ("GB", _("United Kingdom")),
    ("AL", _("Albania")),
    ("BA", _("Bosnia and Herzegovina")),
    ("ME", _("Montenegro")),
    ("MK", _("North Macedonia")),
    ("RS", _("Serbia")),
]
EU_MEMBER_STATES = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]  # fmt: skip


class MunicipalityKind(models.TextChoices):
    CITY = "city", _("City")
    TOWN = "town", _("Town or settlement")
    RURAL = "rural", _("Rural municipality or village")
    REGION = "region", _("Region or oblast")
    ASSOCIATION = "association", _("Association of local governments")


class Sector(models.TextChoices):
    WATER = "water", _("Water and sanitation")
    ENERGY = "energy", _("Energy and climate")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education and youth")
    WASTE = "waste", _("Waste management")
    TRANSPORT = "transport", _("Transport and mobility")
    HOUSING = "housing", _("Housing and reconstruction")
    ECONOMY = "economy", _("Local economic development")
    SOCIAL = "social", _("Social services and inclusion")
    CULTURE = "culture", _("Culture and heritage")
    DIGITAL = "digital", _("Digital services")
    GOVERNANCE = "governance", _("Good governance and EU integration")


class Programme(models.TextChoices):
    BRIDGES_OF_TRUST = "bridges-of-trust", _("Bridges of Trust")
    PROJECTS_FUND = "projects-fund", _("European Partnership Hub Projects Fund")
    OTHER = "other", _("Other programme")


def country_name(code):
    return dict(COUNTRIES).get(code, code)
