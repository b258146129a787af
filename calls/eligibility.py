"""A call's rules of eligibility, checked against what the applicant entered.

Each check returns ``(field, message)`` pairs; the message names the rule that failed in the
applicant's words ("This call is open to municipalities of 400 to 50,000 inhabitants"), so
the form can show it next to the field concerned. Every check reads the call's data only, in
the directory's vocabulary: ISO country codes (portal.countries) and kinds of municipality
(community.models.municipality.Kind), as a municipality chosen from the directory carries them."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from community.models import Kind
from portal.countries import EU_MEMBER_STATES, UKRAINE, codes, country_name


def _join(items):
    return ", ".join(str(item) for item in items)


def _number(value):
    return intcomma(int(value))


def _euros(value):
    return f"€{intcomma(int(value))}"


def population_rule(call):
    """The population rule in words, or '' when the call has none."""
    low, high = call.min_population, call.max_population
    if low is not None and high is not None:
        return _("This call is open to municipalities of %(low)s to %(high)s inhabitants.") % {
            "low": _number(low),
            "high": _number(high),
        }
    if low is not None:
        return _("This call is open to municipalities of at least %(low)s inhabitants.") % {
            "low": _number(low)
        }
    if high is not None:
        return _("This call is open to municipalities of at most %(high)s inhabitants.") % {
            "high": _number(high)
        }
    return ""


def applicant_countries(call):
    """Where applicants come from: Ukraine unless the call's rules name the countries."""
    return codes(call.eligible_countries) or [UKRAINE]


def partner_countries(call):
    """Where partners come from: the EU unless the call's rules name the countries."""
    return codes(call.partner_countries) or list(EU_MEMBER_STATES)


def countries_rule(call):
    if not call.eligible_countries:
        return ""
    names = [country_name(code) for code in call.eligible_countries]
    return _("This call is open to municipalities in: %(countries)s.") % {"countries": _join(names)}


def partner_countries_rule(call):
    if not call.partner_countries:
        return ""
    names = [country_name(code) for code in call.partner_countries]
    return _("The partner municipality must be in: %(countries)s.") % {"countries": _join(names)}


def kinds_rule(call):
    if not call.eligible_kinds:
        return ""
    labels = dict(Kind.choices)
    names = [labels.get(code, code) for code in call.eligible_kinds]
    return _("This call is open to: %(kinds)s.") % {"kinds": _join(names).lower()}


def grant_rule(call):
    low, high = call.min_grant, call.max_grant
    if low and high:
        return _("Grants under this call are between %(low)s and %(high)s.") % {
            "low": _euros(low),
            "high": _euros(high),
        }
    if low:
        return _("Grants under this call start at %(low)s.") % {"low": _euros(low)}
    if high:
        return _("Grants under this call are at most %(high)s.") % {"high": _euros(high)}
    return ""


def cofinancing_rule(call):
    if not call.min_cofinancing_percent:
        return ""
    return _(
        "This call requires co-financing of at least %(percent)s%% of the requested amount."
    ) % {"percent": call.min_cofinancing_percent}


def check_applicant(call, data):
    """Rules about the applicant municipality: country, kind, population."""
    errors = []
    country = str(data.get("applicant_country") or "")
    if call.eligible_countries and country and country not in codes(call.eligible_countries):
        errors.append(("applicant_country", countries_rule(call)))
    kind = data.get("applicant_kind")
    if call.eligible_kinds and kind and kind not in call.eligible_kinds:
        errors.append(("applicant_kind", kinds_rule(call)))
    population = data.get("applicant_population")
    if population is not None and (
        (call.min_population is not None and population < call.min_population)
        or (call.max_population is not None and population > call.max_population)
    ):
        errors.append(("applicant_population", population_rule(call)))
    return errors


def check_partner(call, data):
    """Rules about the partner: whether one is required, and where it must be."""
    errors = []
    if call.partnership_required and not data.get("partner_name"):
        errors.append(
            ("partner_name", _("This call requires a partner municipality: please name it."))
        )
    country = str(data.get("partner_country") or "")
    if call.partner_countries and country and country not in codes(call.partner_countries):
        errors.append(("partner_country", partner_countries_rule(call)))
    return errors


def check_project(call, data):
    """Rules about the money: the grant range and the co-financing share."""
    errors = []
    requested = data.get("requested_amount")
    if requested is not None and (
        (call.min_grant and requested < call.min_grant)
        or (call.max_grant and requested > call.max_grant)
    ):
        errors.append(("requested_amount", grant_rule(call)))
    cofinancing = data.get("co_financing_amount") or 0
    if (
        call.min_cofinancing_percent
        and requested
        and cofinancing * 100 < requested * call.min_cofinancing_percent
    ):
        errors.append(("co_financing_amount", cofinancing_rule(call)))
    return errors


def check_all(call, application):
    """Every rule, against a stored application (the last check before submission)."""
    data = {field.name: getattr(application, field.name) for field in application._meta.fields}
    return check_applicant(call, data) + check_partner(call, data) + check_project(call, data)


def rules_in_words(call):
    """The call's rules as sentences, for the call page's "Who may apply"."""
    rules = [
        countries_rule(call),
        kinds_rule(call),
        population_rule(call),
        partner_countries_rule(call),
        grant_rule(call),
        cofinancing_rule(call),
    ]
    if call.partnership_required:
        rules.append(_("A partner municipality is required."))
    return [rule for rule in rules if rule]


__all__ = ["check_all", "check_applicant", "check_partner", "check_project", "rules_in_words"]
