"""The matchmaking pipeline the European Partnership Hub reports on (issue 12): interests open,
mutual matches, conversations active and partnerships formed, per country, programme and month.

Each item of the pipeline is a pair of municipalities; its *country* is the partner country of
the pair (the side that is not Ukrainian; the first of the two when neither is), its *month* the
month it reached its state. Only partnerships have a programme. The pipeline is small (hundreds
of rows): each kind is read in one query and counted here."""

from collections import Counter, defaultdict

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .models import Interest, Match, Partnership, PartnershipStatus, Stance
from .models.base import COUNTRY_NAMES

KINDS = {
    "interests": _("Interests open"),
    "matches": _("Mutual matches"),
    "conversations": _("Conversations active"),
    "partnerships": _("Partnerships formed"),
}
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
    """(country, programme, month) of each active conversation.

    Conversations (``community.Conversation``) are built in another branch of issue 12; until
    that model exists, there are none. When it has a ``match`` relation, each conversation of a
    match counts, dated by its last activity (``last_message_at``, ``updated_at`` or
    ``created_at``, the first the model has). Wire it to the model's own notion of "active"
    (e.g. a message in the last 90 days) when merging."""
    try:
        conversation = apps.get_model("community", "Conversation")
    except LookupError:
        return []
    fields = {field.name for field in conversation._meta.get_fields()}
    if "match" not in fields:
        return []
    when = next((f for f in ("last_message_at", "updated_at", "created_at") if f in fields), None)
    columns = ["match__first__country", "match__second__country"] + ([when] if when else [])
    rows = conversation.objects.filter(match__isnull=False).values_list(*columns)
    return [(partner_country(row[0], row[1]), "", _month(row[2] if when else None)) for row in rows]


def formed_partnerships():
    """Partnerships confirmed by both sides (published or waiting for it) and those staff
    recorded, one per translation key, with their programme's name in the default language."""
    rows = (
        Partnership.objects.filter(locale=Locale.get_default())
        .filter(status__in=(PartnershipStatus.CONFIRMED, PartnershipStatus.PUBLISHED))
        .values_list(
            "eu_municipality__country",
            "programme__name",
            "confirmed_at",
            "published_at",
            "started_on",
        )
    )
    return [
        (partner_country("UA", country), programme or "", _month(confirmed or published or start))
        for country, programme, confirmed, published, start in rows
    ]


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
    """Partnerships both sides confirmed, oldest first, for staff to publish."""
    return list(
        Partnership.objects.filter(locale=Locale.get_default(), status=PartnershipStatus.CONFIRMED)
        .select_related("ukrainian_municipality", "eu_municipality", "programme")
        .order_by("confirmed_at", "pk")
    )
