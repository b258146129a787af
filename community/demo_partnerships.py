"""The demo's partnership lifecycle (issue 12), for local development only: seed_demo runs it
after the demo's interests (PORTAL_DEMO_ACCOUNT_SEEDERS), unless --no-accounts.

The mutual match of the demo members' municipalities, Dolyna and Šiauliai district, is the pair
the reports name: its partnership is published already (``demo_directory``, from the reports).
The demo links that record to the match, dates its stage, and has Šiauliai district propose the
next stage ("Funded"), waiting for Dolyna's confirmation: both demo members see the proposal and
the history of stages on their dashboard.

A second pair, Dolyna and Alytus (the demo's third member account, ``rasa@alytus.example``),
is a mutual match whose partnership Dolyna proposed and Alytus confirmed: it waits for staff
to publish it (the admin's Matchmaking pipeline), so the last step of the lifecycle can be shown.
Published once, it stays published: seeding again does not undo the staff's step.

No email is sent: rows are written directly."""

from django.utils import timezone
from wagtail.models import Locale

from .conversations import open_for
from .interests import match_between, pair
from .models import (
    ChangeStatus,
    Interest,
    Match,
    Membership,
    Municipality,
    Partnership,
    PartnershipStatus,
    Programme,
    Stage,
    StageChange,
    Stance,
)

PAIR = ("dolyna-ua", "siauliai-district-lt")
PROPOSER = "siauliai-district-lt"
NEXT_STAGE = Stage.FUNDED
# (Ukrainian, EU, programme slug, stage): confirmed by both, waiting for staff; the Ukrainian
# side proposed it.
CONFIRMED = ("dolyna-ua", "alytus-lt", "bot-second-phase", Stage.AGREEMENT)


def seed_partnerships():
    """Creates or updates the demo's lifecycle rows; returns no account rows."""
    _seed_confirmed()
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


def _seed_confirmed():
    """The match of CONFIRMED's pair and its partnership, confirmed and waiting for staff."""
    locale = Locale.get_default()
    ukrainian_slug, eu_slug, programme_slug, stage = CONFIRMED
    records = {
        m.slug: m
        for m in Municipality.objects.filter(
            locale=locale, live=True, slug__in=(ukrainian_slug, eu_slug)
        )
    }
    if len(records) != 2:
        return
    ukrainian, eu = records[ukrainian_slug], records[eu_slug]
    first, second = pair(ukrainian.pk, eu.pk)
    match, _created = Match.objects.get_or_create(first_id=first, second_id=second)
    for source, target in ((ukrainian, eu), (eu, ukrainian)):
        Interest.objects.update_or_create(
            source=source,
            target=target,
            defaults={"stance": Stance.INTERESTED, "match": match, "expressed_at": timezone.now()},
        )
    open_for(match)
    if Partnership.objects.filter(match=match).exists():
        return  # made already: published by staff since, perhaps
    admins = {
        m.municipality_id: m.user
        for m in Membership.objects.active().admins().filter(municipality__in=(ukrainian, eu))
    }
    now = timezone.now()
    partnership = Partnership.objects.create(
        locale=locale,
        match=match,
        ukrainian_municipality=ukrainian,
        eu_municipality=eu,
        programme=Programme.objects.filter(slug=programme_slug, locale=locale).first(),
        stage=stage,
        started_on=timezone.localdate(),
        status=PartnershipStatus.CONFIRMED,
        proposed_by=ukrainian,
        proposed_by_user=admins.get(ukrainian.pk),
        proposed_at=now,
        confirmed_at=now,
        stage_since=timezone.localdate(),
    )
    StageChange.objects.create(
        partnership=partnership,
        stage=stage,
        status=ChangeStatus.CONFIRMED,
        proposed_by=ukrainian,
        proposed_by_user=admins.get(ukrainian.pk),
        decided_at=now,
        decided_by_user=admins.get(eu.pk),
    )
