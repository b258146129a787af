"""What the registration form (community/forms.py) and a member's edit of the profile
(member_forms.py, member_profile.py) ask the same way: the place on the map and the rows of
sectors offered and needed.

A sector row is the fields ``<kind>_<n>_sector`` and ``<kind>_<n>_note`` (a need on the
member's form also ``need_<n>_due``), numbered from 1; each form says how many rows of a kind
it has (``row_count``) and which parts a row has (``row_parts``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

SECTOR_KINDS = ("offer", "need")


def _degrees_field(label, limit, help_text):
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=-limit,
        max_value=limit,
        decimal_places=6,
        help_text=help_text,
    )


def latitude_field():
    return _degrees_field(
        _("Latitude"),
        90,
        _("Decimal degrees, e.g. 49.0; places the municipality on maps."),
    )


def longitude_field():
    return _degrees_field(_("Longitude"), 180, _("Decimal degrees, e.g. 23.9."))


def check_coordinates(form, cleaned):
    """Both coordinates or neither: the missing one is marked, unless either field has an
    error of its own already."""
    if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None) and not (
        form.has_error("latitude") or form.has_error("longitude")
    ):
        missing = "longitude" if cleaned.get("longitude") is None else "latitude"
        form.add_error(missing, _("Give both latitude and longitude, or neither."))


def row_field_name(kind, number, part="sector"):
    return f"{kind}_{number}_{part}"


def note_field(label, initial=""):
    """The sentence saying what a row's sector offer or need is about."""
    return forms.CharField(label=label, max_length=250, required=False, initial=initial)


class SectorRowsMixin:
    """For a form with sector rows; it defines ``row_count(kind)``."""

    def row_count(self, kind):
        raise NotImplementedError

    def row_parts(self, kind):
        """The parts of a row of ``kind`` after its sector, in the order of the form."""
        return ("note",)

    def sector_rows(self, kind):
        """[(sector field, note field, …)] for the template."""
        parts = ("sector", *self.row_parts(kind))
        return [
            tuple(self[row_field_name(kind, i, part)] for part in parts)
            for i in range(1, self.row_count(kind) + 1)
        ]

    def offer_rows(self):
        return self.sector_rows("offer")

    def need_rows(self):
        return self.sector_rows("need")

    def check_sector_rows(self, cleaned, *, refuse_repeats=False):
        """A row with a note (or a date) but no sector is an error on its sector; with
        ``refuse_repeats``, so is a sector chosen in two rows of the same kind."""
        for kind in SECTOR_KINDS:
            seen = set()
            for i in range(1, self.row_count(kind) + 1):
                name = row_field_name(kind, i)
                sector = cleaned.get(name)
                if sector in (None, ""):
                    if any(cleaned.get(row_field_name(kind, i, p)) for p in self.row_parts(kind)):
                        self.add_error(name, _("Choose the sector this sentence is about."))
                    continue
                if refuse_repeats and sector in seen:
                    self.add_error(name, _("This sector is listed already."))
                seen.add(sector)
