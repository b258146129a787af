"""The demo's interests (issue 12), for local development only: seed_demo makes them after the
demo members (PORTAL_DEMO_ACCOUNT_SEEDERS), unless --no-accounts. The demo members'
municipalities, Dolyna and Šiauliai district, have one mutual match, and Šiauliai district
has one interest waiting for its answer (from Kalush). No email is sent: rows are written
directly, as if the flow had run."""

from django.utils import timezone
from wagtail.models import Locale

from .interests import pair
from .models import Interest, Match, Municipality, Sector, Stance

MATCH = ("dolyna-ua", "siauliai-district-lt", ["social", "culture"])
# source, target, sectors, note
PENDING = [
    (
        "kalush-ua",
        "siauliai-district-lt",
        ["social"],
        "We would like to learn from your humanitarian logistics.",
    ),
]


def _interest(source, target, stance, sectors, note=""):
    row, _created = Interest.objects.update_or_create(
        source=source,
        target=target,
        defaults={"stance": stance, "note": note, "expressed_at": timezone.now()},
    )
    row.sectors.set(Sector.objects.filter(locale=Locale.get_default(), slug__in=sectors))
    return row


def seed_interests():
    """Creates or updates the demo's match and pending interest; returns no account rows."""
    locale = Locale.get_default()
    records = {m.slug: m for m in Municipality.objects.filter(locale=locale, live=True)}
    a_slug, b_slug, sectors = MATCH
    if a_slug in records and b_slug in records:
        a, b = records[a_slug], records[b_slug]
        first, second = pair(a.pk, b.pk)
        match, _created = Match.objects.get_or_create(first_id=first, second_id=second)
        for source, target in ((a, b), (b, a)):
            row = _interest(source, target, Stance.INTERESTED, sectors)
            Interest.objects.filter(pk=row.pk).update(match=match)
    for source, target, sectors, note in PENDING:
        if source in records and target in records:
            _interest(records[source], records[target], Stance.INTERESTED, sectors, note)
    return []
