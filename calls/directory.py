"""The one place where the calls meet the member directory (community.Municipality).

The calls keep their own vocabularies (calls.choices) because a call's rules were written
before the directory existed; this module maps the directory's codes onto them, lists the
municipalities an applicant may choose, and copies a chosen one into an application's text
fields (the snapshot of what was submitted)."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from calls.choices import COUNTRIES, EU_MEMBER_STATES, MunicipalityKind
from community.models import COUNTRIES as DIRECTORY_COUNTRIES
from community.models import Kind, Municipality

# The directory's kinds in the calls' words. A district (raion) is a level between the
# hromadas and the oblast; for a call's rules it counts with the regions.
KINDS = {
    Kind.CITY_HROMADA: MunicipalityKind.CITY,
    Kind.TOWN_HROMADA: MunicipalityKind.TOWN,
    Kind.VILLAGE_HROMADA: MunicipalityKind.RURAL,
    Kind.DISTRICT: MunicipalityKind.REGION,
    Kind.REGION: MunicipalityKind.REGION,
    Kind.CITY: MunicipalityKind.CITY,
}
_CALL_COUNTRIES = {code for code, _name in COUNTRIES}


def country(code):
    """Both sides use ISO 3166-1 alpha-2 codes; a code the calls do not know becomes ''."""
    return code if code in _CALL_COUNTRIES else ""


def kind(code):
    return KINDS.get(code, "")


def snapshot(municipality, prefix):
    """The application's text fields (``applicant_…`` or ``partner_…``) from the directory;
    a value the directory does not have (an unknown population) is left out."""
    values = {
        f"{prefix}_name": municipality.name,
        f"{prefix}_country": country(municipality.country),
        f"{prefix}_kind": kind(municipality.kind),
        f"{prefix}_population": municipality.population,
        f"{prefix}_region": municipality.region,
    }
    return {name: value for name, value in values.items() if value not in (None, "")}


def choosable():
    """Live municipalities, one record each: those of the default language, where the
    directory creates every profile (translations carry the same synchronised names)."""
    try:
        locale = Locale.get_default()
    except Locale.DoesNotExist:
        return Municipality.objects.none()
    return Municipality.objects.live().filter(locale=locale)


def grouped_choices(countries, empty_label):
    """Options for a <select>: the empty choice, then the municipalities of ``countries``
    grouped by country in the order given."""
    names = dict(DIRECTORY_COUNTRIES)
    by_country = {code: [] for code in countries if code in names}
    for municipality in choosable().filter(country__in=by_country).order_by("name"):
        by_country[municipality.country].append((municipality.pk, _option(municipality)))
    return [("", empty_label)] + [
        (names[code], options) for code, options in by_country.items() if options
    ]


def _option(municipality):
    if municipality.region:
        return f"{municipality.name} ({municipality.region})"
    return municipality.name


def applicant_countries(call):
    """Applicants are Ukrainian municipalities unless the call's rules name the countries."""
    return list(call.eligible_countries or ["UA"])


def partner_countries(call):
    """Partners come from the EU unless the call's rules name the countries."""
    return list(call.partner_countries or EU_MEMBER_STATES)


NOT_LISTED = _("Not in the directory: I enter it below")
