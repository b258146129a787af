"""The matchmaking pipeline the European Partnership Hub reports on (issue 12): interests open,
mutual matches, conversations active and partnerships formed, per country, programme and month.

Each item of the pipeline is a pair of municipalities; its *country* is the partner country of
the pair (the side that is not Ukrainian; the first of the two when neither is), its *month* the
month it reached its state. Only partnerships have a programme. The pipeline is small (hundreds
of rows): each kind is read in one query and counted here."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .models import Interest, Match, Partnership, PartnershipStatus, Programme, Stance
from .models.base import COUNTRY_NAMES
from .partnerships import name_programmes

KINDS = {
    "interests": _("Interests open"),
    "matches": _("Mutual matches"),
    "conversations": _("Conversations active"),
    "partnerships": _("Partnerships formed"),
}
# A conversation is active while its last message is at most this old.
ACTIVE_DAYS = 90
DIMENSIONS = {  # (caption of its table, heading of its column)
    "country": (_("By country"), _("Country")),
    "programme": (_("By programme"), _("Programme")),
    "month": (_("By month"), _("Month")),
}


def partner_country(a, b):
    countries = [c for c in (a, b) if c and c != "UA"]
    return countries[0] if countries else "UA"


def _month(moment):
    if moment is None:
        return ""
    if hasattr(moment, "tzinfo") and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment.year:04d}-{moment.month:02d}"


def open_interests():
    rows = Interest.objects.filter(
        stance__in=(Stance.INTERESTED, Stance.PROPOSED), match__isnull=True
    ).values_list("source__country", "target__country", "expressed_at", "updated_at")
    return [(partner_country(a, b), "", _month(exp or upd)) for a, b, exp, upd in rows]


def mutual_matches():
    rows = Match.objects.values_list("first__country", "second__country", "created_at")
    return [(partner_country(a, b), "", _month(when)) for a, b, when in rows]


def active_conversations():
    """(country, programme, month) of each active conversation: one with a message in the
    last ``ACTIVE_DAYS`` days, counted in the month of its last message."""
    from .models import Conversation

    since = timezone.now() - timedelta(days=ACTIVE_DAYS)
    rows = Conversation.objects.filter(last_message_at__gte=since).values_list(
        "match__first__country", "match__second__country", "last_message_at"
    )
    return [(partner_country(first, second), "", _month(when)) for first, second, when in rows]


def formed_partnerships():
    """Partnerships confirmed by both sides (published or waiting for it) and those staff
    recorded, one per translation key, with their programme's name in the admin's language."""
    rows = (
        Partnership.objects.filter(locale=Locale.get_default())
        .filter(status__in=(PartnershipStatus.CONFIRMED, PartnershipStatus.PUBLISHED))
        .values_list(
            "eu_municipality__country",
            "programme__slug",
            "confirmed_at",
            "published_at",
            "started_on",
        )
    )
    names = programme_names(Locale.get_active())
    return [
        (
            partner_country("UA", country),
            names.get(slug, ""),
            _month(confirmed or published or start),
        )
        for country, slug, confirmed, published, start in rows
    ]


def programme_names(locale):
    """{slug: name} of the programmes in ``locale`` (the staff member's admin language), those
    not translated yet in the default language's name."""
    names = dict(Programme.objects.filter(locale=Locale.get_default()).values_list("slug", "name"))
    names.update(Programme.objects.filter(locale=locale).values_list("slug", "name"))
    return names


def _label(dimension, value):
    if dimension == "country":
        return str(COUNTRY_NAMES.get(value, value))
    if not value:
        return "—"
    return value


def pipeline():
    """{"totals": {kind: n}, "tables": [(caption, heading, [(value label, {kind: n})])]}."""
    items = {
        "interests": open_interests(),
        "matches": mutual_matches(),
        "conversations": active_conversations(),
        "partnerships": formed_partnerships(),
    }
    tables = []
    for index, (dimension, (caption, heading)) in enumerate(DIMENSIONS.items()):
        counts = defaultdict(Counter)
        for kind, rows in items.items():
            for row in rows:
                counts[row[index]][kind] += 1
        ordered = sorted(counts, reverse=dimension == "month")
        if dimension == "country":
            ordered = sorted(counts, key=lambda value: _label("country", value))
        tables.append(
            (
                caption,
                heading,
                [
                    (_label(dimension, value), {kind: counts[value][kind] for kind in KINDS})
                    for value in ordered
                ],
            )
        )
    return {"totals": {kind: len(rows) for kind, rows in items.items()}, "tables": tables}


def export_rows(data):
    """One row per (dimension, value) for the CSV/XLSX export."""
    rows = []
    for _caption, heading, table in data["tables"]:
        for value, counts in table:
            rows.append({"dimension": str(heading), "value": value, **counts})
    return rows


def waiting_for_publication():
    """Partnerships both sides confirmed, oldest first, for staff to publish, each with its
    programme in the admin's language (``programme_display``)."""
    waiting = list(
        Partnership.objects.filter(locale=Locale.get_default(), status=PartnershipStatus.CONFIRMED)
        .select_related("ukrainian_municipality", "eu_municipality", "programme")
        .order_by("confirmed_at", "pk")
    )
    name_programmes(waiting, Locale.get_active())
    return waiting
