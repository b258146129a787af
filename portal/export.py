"""Spreadsheet exports (applications, directory snippets) that cannot carry a live formula.

A value such as ``=HYPERLINK(...)`` typed into a public form would run as a formula when a
reviewer opens the CSV in a spreadsheet. Wagtail's XLSX export already stores such values as
text, its CSV export does not; every text cell starting with one of these characters gets a
leading apostrophe, which spreadsheets show as plain text (OWASP's recommendation). Every
export view of the portal goes through ``neutralise``."""

import datetime
from decimal import Decimal

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
PLAIN = (int, float, Decimal, datetime.date, datetime.time, type(None))


def neutralise(value):
    """The value as a spreadsheet should store it: numbers and dates as they are, anything
    else as text that cannot start a formula."""
    if isinstance(value, PLAIN):
        return value
    if isinstance(value, list | tuple):
        value = ", ".join(str(item) for item in value)
    value = str(value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_row(row):
    return type(row)((key, neutralise(value)) for key, value in row.items())
