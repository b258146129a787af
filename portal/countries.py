"""The one list of countries of every app: django-countries' ISO 3166-1 list.

Stored as ISO 3166-1 alpha-2 codes (``CountryField``), so a filter or a calendar means the same
thing in every language; names come translated from django-countries itself (Ukrainian
included). The network's countries come first in every list (``settings.COUNTRIES_FIRST`` is
``FIRST``); this module only adds the groupings the apps need on top of that list."""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import get_language
from django_countries import Countries, countries
from django_countries.data import COUNTRIES
from django_countries.fields import CountryField as BaseCountryField

from portal.collation import sorted_by_name

# Ukraine and the EU member states: the countries whose municipalities the directory lists.
UKRAINE = "UA"
EU_MEMBER_STATES = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)  # fmt: skip
NETWORK = (UKRAINE, *EU_MEMBER_STATES)
# The European neighbours that take part in events, stories and calls.
NEIGHBOURS = ("MD", "NO", "RS", "CH", "TR", "GB")
FIRST = (*NETWORK, *NEIGHBOURS)

# Every code a stored country or a filter value may take.
COUNTRY_CODES = frozenset(COUNTRIES)


class NetworkCountries(Countries):
    """Ukraine and the EU member states, in the order above: the choices of a directory
    record's country (``CountryField(countries=NetworkCountries)``)."""

    only = list(NETWORK)
    first = list(NETWORK)
    first_break = None


class CountryField(BaseCountryField):
    """django-countries' field (a ``Country`` in Python, its code in the database) whose value
    reaches a search index as the plain code: a ``Country`` object is not JSON."""

    def get_searchable_content(self, value):
        if self.multiple:
            return codes(value)
        return str(value or "")


def country_name(code):
    """The translated name of a country code or Country ('' for an unknown or empty one)."""
    return countries.name(str(code)) if code else ""


_lazy_name = lazy(country_name, str)


class CountryChoices:
    """(code, name) pairs of ``codes``, the names translated each time the pairs are read (a
    module-level list would freeze the language it was built in), in the alphabetical order
    of the active language (portal.collation), the codes of ``first`` ahead."""

    def __init__(self, codes, first=()):
        self.codes = tuple(codes)
        self.first = tuple(first)
        self._by_language = {}  # names and order are fixed for a language: computed once

    def __iter__(self):
        language = get_language()
        pairs = self._by_language.get(language)
        if pairs is None:
            named = [(code, country_name(code)) for code in self.codes]
            pairs = tuple(sorted_by_name(named, first=self.first))
            self._by_language[language] = pairs
        return iter(pairs)

    def __len__(self):
        return len(self.codes)


# The directory's countries as (code, lazy name), and the countries offered in listing filters
# and in editors' short lists: the network and its neighbours. Choices put Ukraine first, the
# others in the alphabetical order of the visitor's language.
NETWORK_COUNTRIES = [(code, _lazy_name(code)) for code in NETWORK]
NETWORK_CHOICES = CountryChoices(NETWORK, first=(UKRAINE,))
COUNTRY_CHOICES = CountryChoices(FIRST, first=(UKRAINE,))


def all_country_choices():
    """Every country as (code, name) in the active language, the network's first (without the
    separator line): for admin filters, as a callable so it is read at each request."""
    return [(code, name) for code, name in countries if code]


def country_select_choices():
    """Every country for a form's select: the network and its neighbours (Ukraine first), a
    separator, then every other country, each part in the visitor's alphabetical order
    (django-countries sorts by an ASCII folding of the name, which leaves Cyrillic names in
    the order of their English codes)."""
    first = set(FIRST)
    others = [(code, name) for code, name in countries if code and code not in first]
    return [
        *COUNTRY_CHOICES,
        ("", settings.COUNTRIES_FIRST_BREAK),
        *sorted_by_name(others),
    ]


def codes(values):
    """Plain codes from what a ``CountryField(multiple=True)`` holds (Country objects)."""
    return [str(value) for value in values or ()]
