"""The demo's partnership lifecycle (issue 12), for local development only: seed_demo runs it
after the demo's interests (PORTAL_DEMO_ACCOUNT_SEEDERS), unless --no-accounts.

The mutual match of the demo members' municipalities, Dolyna and Šiauliai district, is the pair
the reports name: its partnership is published already (``demo_directory``, from the reports).
The demo links that record to the match, dates its stage, and has Šiauliai district propose the
next stage ("Funded"), waiting for Dolyna's confirmation: both demo members see the proposal and
the history of stages on their dashboard. No email is sent: rows are written directly."""

from django.utils import timezone
from wagtail.models import Locale

from .interests import match_between
from .models import ChangeStatus, Municipality, Partnership, Stage, StageChange

PAIR = ("dolyna-ua", "siauliai-district-lt")
PROPOSER = "siauliai-district-lt"
NEXT_STAGE = Stage.FUNDED


def seed_partnerships():
    """Creates or updates the demo's lifecycle rows; returns no account rows."""
    locale = Locale.get_default()
    records = {
        m.slug: m for m in Municipality.objects.filter(locale=locale, live=True, slug__in=PAIR)
    }
    if len(records) != 2:
        return []
    ukrainian, eu = records[PAIR[0]], records[PAIR[1]]
    match = match_between(ukrainian, eu)
    partnership = Partnership.objects.filter(
        locale=locale, ukrainian_municipality=ukrainian, eu_municipality=eu
    ).first()
    if match is None or partnership is None:
        return []
    today = timezone.localdate()
    for record in Partnership.objects.filter(translation_key=partnership.translation_key):
        record.match = match
        record.stage_since = record.stage_since or today
        record.save(update_fields=["match", "stage_since"])
    partnership.refresh_from_db()
    if not partnership.stage_changes.exists():
        StageChange.objects.create(
            partnership=partnership,
            stage=partnership.stage,
            status=ChangeStatus.CONFIRMED,
            proposed_by=ukrainian,
            decided_at=timezone.now(),
        )
    if partnership.stage != NEXT_STAGE:
        StageChange.objects.get_or_create(
            partnership=partnership,
            status=ChangeStatus.PROPOSED,
            defaults={
                "from_stage": partnership.stage,
                "stage": NEXT_STAGE,
                "proposed_by": records[PROPOSER],
            },
        )
    return []
