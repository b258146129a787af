"""Spreadsheet exports (applications, directory snippets) that cannot carry a live formula.

A value such as ``=HYPERLINK(...)`` typed into a public form would run as a formula when a
reviewer opens the CSV in a spreadsheet. Wagtail's XLSX export already stores such values as
text, its CSV export does not; every CSV text cell starting with one of these characters gets a
leading apostrophe, which spreadsheets show as plain text (OWASP's recommendation). In XLSX the
apostrophe would be visible ("'+380 …"), so it is added for CSV only. Times are written in the
site's time zone, as the admin shows them, not in UTC. Every export view of the portal uses
``SafeExportMixin``."""

import datetime
from decimal import Decimal

from django.utils import timezone

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


class SafeExportMixin:
    """For Wagtail's SpreadsheetExportMixin views: formulas neutralised in CSV (XLSX stores
    them as text already), aware times in the site's time zone in both formats."""

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
            if export_format == "xlsx":
                value = timezone.make_naive(value)
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == "csv" else value
