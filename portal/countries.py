"""The countries of the network: Ukraine, the EU member states and their European neighbours.

Stored as ISO 3166-1 alpha-2 codes so that a filter or a calendar means the same thing in every
language; the names are translated for display."""

from django.utils.translation import gettext_lazy as _

# Ukraine and the EU member states: the countries whose municipalities the directory lists.
NETWORK_COUNTRIES = [
    ("UA", _("Ukraine")),
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
]
# With the European neighbours that take part in events and calls.
COUNTRY_CHOICES = [
    *NETWORK_COUNTRIES,
    ("MD", _("Moldova")),
    ("NO", _("Norway")),
    ("RS", _("Serbia")),
    ("CH", _("Switzerland")),
    ("TR", _("Türkiye")),
    ("GB", _("United Kingdom")),
]
COUNTRY_CODES = frozenset(code for code, _name in COUNTRY_CHOICES)


def country_name(code):
    """The translated name of a country code ('' for an unknown or empty code)."""
    return dict(COUNTRY_CHOICES).get(code, "")
