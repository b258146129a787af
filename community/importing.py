"""Reading the municipality spreadsheets the team receives (CSV, one municipality a row).

Every row is validated before anything is written; the import then runs in one transaction,
so a file with one bad row changes nothing. A row updates the municipality with the same
official code (KATOTTH or LAU), else the one with the same country and folded name."""

import csv
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from portal.forms import clean_text

from .models import Kind, Language, Municipality, Sector, SectorNeed, SectorOffer
from .models.base import COUNTRY_NAMES
from .registration import unique_slug
from .text import fold_name

COLUMNS = [
    "name", "local_name", "country", "region", "kind", "population", "latitude", "longitude",
    "website", "katotth_code", "lau_code", "open_to_partners", "offers", "needs",
    "working_languages", "contact_name", "contact_role", "contact_email", "contact_phone",
    "contact_public", "last_confirmed", "alternate_names",
]  # fmt: skip
REQUIRED_COLUMNS = {"name", "country"}
YES = {"1", "yes", "y", "true", "так"}
NO = {"", "0", "no", "n", "false", "ні"}


class RowForm(forms.Form):
    """One row of the spreadsheet; lists are separated by semicolons (``water; energy``)."""

    name = forms.CharField(max_length=150)
    local_name = forms.CharField(max_length=150, required=False)
    country = forms.ChoiceField(choices=list(COUNTRY_NAMES.items()))
    region = forms.CharField(max_length=100, required=False)
    kind = forms.ChoiceField(choices=Kind.choices, required=False)
    population = forms.IntegerField(min_value=0, required=False)
    latitude = forms.DecimalField(min_value=-90, max_value=90, decimal_places=6, required=False)
    longitude = forms.DecimalField(min_value=-180, max_value=180, decimal_places=6, required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    katotth_code = forms.CharField(max_length=19, required=False)
    lau_code = forms.CharField(max_length=20, required=False)
    open_to_partners = forms.CharField(required=False)
    offers = forms.CharField(required=False)
    needs = forms.CharField(required=False)
    working_languages = forms.CharField(required=False)
    contact_name = forms.CharField(max_length=120, required=False)
    contact_role = forms.CharField(max_length=120, required=False)
    contact_email = forms.EmailField(required=False)
    contact_phone = forms.CharField(max_length=40, required=False)
    contact_public = forms.CharField(required=False)
    last_confirmed = forms.DateField(required=False)
    alternate_names = forms.CharField(required=False)

    def __init__(self, *args, sectors, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.sectors, self.languages = sectors, languages

    def _yes_no(self, name, default):
        value = self.cleaned_data.get(name, "").strip().lower()
        if value in YES:
            return True
        if value in NO:
            return default if value == "" else False
        raise forms.ValidationError("write yes or no")

    def clean_open_to_partners(self):
        return self._yes_no("open_to_partners", True)

    def clean_contact_public(self):
        return self._yes_no("contact_public", False)

    def _list(self, name, known, what):
        items = [item.strip() for item in self.cleaned_data.get(name, "").split(";")]
        items = [item for item in items if item]
        unknown = [item for item in items if item not in known]
        if unknown:
            raise forms.ValidationError(f"unknown {what}: {', '.join(unknown)}")
        return list(dict.fromkeys(items))

    def clean_offers(self):
        return self._list("offers", self.sectors, "sector")

    def clean_needs(self):
        return self._list("needs", self.sectors, "sector")

    def clean_working_languages(self):
        return self._list("working_languages", self.languages, "language")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # (row number, message)


def read_rows(file):
    reader = csv.DictReader(file)
    headers = {h.strip() for h in reader.fieldnames or []}
    missing = REQUIRED_COLUMNS - headers
    unknown = headers - set(COLUMNS)
    problems = []
    if missing:
        problems.append((1, f"missing columns: {', '.join(sorted(missing))}"))
    if unknown:
        problems.append((1, f"unknown columns: {', '.join(sorted(unknown))}"))
    rows = [
        {(k or "").strip(): clean_text(v or "", multiline=True).strip() for k, v in row.items()}
        for row in reader
    ]
    return rows, problems


def import_municipalities(file, *, dry_run=False):
    """Validate every row of ``file`` (a text stream), then create or update all of them in
    one transaction, publishing each change. Nothing is written if any row has an error."""
    locale = Locale.get_default()
    sectors = {s.slug: s for s in Sector.objects.filter(locale=locale)}
    languages = {language.code: language for language in Language.objects.all()}
    rows, errors = read_rows(file)
    result = ImportResult(errors=errors)
    valid, seen = [], {}
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        form = RowForm(row, sectors=sectors, languages=languages)
        if not form.is_valid():
            for name, messages in form.errors.items():
                result.errors.extend((number, f"{name}: {message}") for message in messages)
            continue
        data = form.cleaned_data
        key = data["katotth_code"] or data["lau_code"] or (data["country"], fold_name(data["name"]))
        if key in seen:
            result.errors.append((number, f"same municipality as row {seen[key]}"))
            continue
        seen[key] = number
        valid.append(data)
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        for data in valid:
            municipality = find_existing(data, locale)
            if municipality is None:
                municipality = Municipality(
                    locale=locale, slug=unique_slug(data["name"], data["country"], locale)
                )
                result.created += 1
            else:
                result.updated += 1
            apply_row(municipality, data, sectors, languages)
            municipality.save()
            municipality.save_revision(log_action=False).publish(log_action=False)
    return result


def find_existing(data, locale):
    records = Municipality.objects.filter(locale=locale)
    for code in ("katotth_code", "lau_code"):
        if data[code]:
            found = records.filter(**{code: data[code]}).first()
            if found:
                return found
    return records.matching_name(data["country"], data["name"]).first()


def apply_row(municipality, data, sectors, languages):
    for name in (
        "name", "local_name", "country", "region", "population", "latitude", "longitude",
        "website", "katotth_code", "lau_code", "open_to_partners", "contact_name",
        "contact_role", "contact_email", "contact_phone", "contact_public", "alternate_names",
    ):  # fmt: skip
        setattr(municipality, name, data[name])
    municipality.kind = data["kind"] or municipality.kind or Kind.CITY
    municipality.last_confirmed = data["last_confirmed"] or timezone.localdate()
    municipality.alternate_names = "\n".join(
        n.strip() for n in data["alternate_names"].split(";") if n.strip()
    )
    municipality.offers = [
        SectorOffer(sector=sectors[slug], sort_order=i) for i, slug in enumerate(data["offers"])
    ]
    municipality.needs = [
        SectorNeed(sector=sectors[slug], sort_order=i) for i, slug in enumerate(data["needs"])
    ]
    municipality.working_languages = [languages[code] for code in data["working_languages"]]
