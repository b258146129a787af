"""The life of a partnership recorded by its members (issue 12), apart from HTTP.

- ``propose``: from a mutual match, a member of either side proposes to record the partnership
  (stage and programme). Only a Ukrainian and an EU municipality form one (``Refused``).
- ``answer``: a member of the *other* side confirms it (or declines it).
- ``publish``: staff publish a confirmed partnership; only then do the public pages, profiles,
  map and key figures show it.
- ``propose_stage`` / ``answer_stage``: each later stage change is proposed by one side and
  takes effect, dated, only when the other side confirms it.

Every function takes the acting municipality as the record of a membership the view checked
already, and returns None when the object is not one this municipality may act on: the view
answers 404 and nothing changes. The other side's administrators are told by email (queued with
the transaction, sent after the commit), each in their own language."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from portal.emails import moderator_addresses, send_email

from .interests import admins_in_their_language, ua_eu_sides
from .models import (
    ChangeStatus,
    Match,
    Partnership,
    PartnershipStatus,
    Programme,
    Stage,
    StageChange,
)

FIGURES_KEY = "community:network-figures"  # community.figures caches the key figures there
OPEN = (PartnershipStatus.PROPOSED, PartnershipStatus.CONFIRMED, PartnershipStatus.PUBLISHED)


class Refused(Exception):
    """The partnership cannot be proposed; ``code`` says why: ``not_ua_eu`` (two Ukrainian or
    two EU municipalities), ``exists`` (the pair has a partnership already), ``same_stage``,
    ``open`` (a stage change waits for confirmation)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def match_of(municipality, match_pk):
    """The municipality's own mutual match ``match_pk``, or None."""
    return (
        Match.objects.filter(pk=match_pk)
        .filter(Q(first=municipality) | Q(second=municipality))
        .select_related("first", "second")
        .first()
    )


def partnership_of(municipality, partnership_pk):
    """A partnership recorded by members (default language) with ``municipality`` on one side,
    or None."""
    return (
        Partnership.objects.filter(pk=partnership_pk, locale=Locale.get_default())
        .filter(Q(ukrainian_municipality=municipality) | Q(eu_municipality=municipality))
        .select_related("ukrainian_municipality", "eu_municipality", "programme")
        .first()
    )


def _pair_has_partnership(ukrainian, eu):
    return Partnership.objects.filter(
        ukrainian_municipality__translation_key=ukrainian.translation_key,
        eu_municipality__translation_key=eu.translation_key,
        status__in=OPEN,
    ).exists()


def propose(municipality, match, user, *, stage, programme=None, started_on=None):
    """Proposes to record the partnership of ``match`` (one of ``municipality``'s own)."""
    pair = ua_eu_sides(match.first, match.second)
    if pair is None:
        raise Refused("not_ua_eu")
    ukrainian, eu = pair
    with transaction.atomic():
        Match.objects.select_for_update().filter(pk=match.pk).first()  # one proposal at a time
        if _pair_has_partnership(ukrainian, eu):
            raise Refused("exists")
        partnership = Partnership.objects.filter(match=match, locale=Locale.get_default()).first()
        partnership = partnership or Partnership(match=match, locale=Locale.get_default())
        partnership.ukrainian_municipality, partnership.eu_municipality = ukrainian, eu
        partnership.programme = programme
        partnership.stage = stage
        partnership.started_on = started_on
        partnership.status = PartnershipStatus.PROPOSED
        partnership.proposed_by = municipality
        partnership.proposed_by_user = user
        partnership.proposed_at = timezone.now()
        partnership.confirmed_at = partnership.published_at = partnership.stage_since = None
        partnership.save()
        partnership.stage_changes.all().delete()  # a declined proposal's history is not kept
        other = partnership.other_side(municipality.pk)
        _tell(other, municipality, "emails/community/partnership_proposed", partnership)
    return partnership


def answer(municipality, partnership_pk, user, yes):
    """The other side confirms (``yes``) or declines the proposed partnership. None when there
    is nothing for ``municipality`` to answer."""
    with transaction.atomic():
        partnership = partnership_of(municipality, partnership_pk)
        if (
            partnership is None
            or partnership.status != PartnershipStatus.PROPOSED
            or partnership.proposed_by_id in (None, municipality.pk)
        ):
            return None
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        now = timezone.now()
        if yes:
            partnership.status = PartnershipStatus.CONFIRMED
            partnership.confirmed_at = now
            partnership.stage_since = timezone.localdate()
            StageChange.objects.create(
                partnership=partnership,
                stage=partnership.stage,
                status=ChangeStatus.CONFIRMED,
                proposed_by=partnership.proposed_by,
                proposed_by_user=partnership.proposed_by_user,
                decided_at=now,
                decided_by_user=user,
            )
        else:
            partnership.status = PartnershipStatus.DECLINED
        partnership.save()
        template = "partnership_confirmed" if yes else "partnership_declined"
        _tell(partnership.proposed_by, municipality, f"emails/community/{template}", partnership)
        if yes:
            _tell_staff(partnership)
    return partnership


def publish(partnership):
    """Staff publish a confirmed partnership (and its translations). False when it is not
    waiting for publication."""
    with transaction.atomic():
        records = list(
            Partnership.objects.select_for_update().filter(
                translation_key=partnership.translation_key,
                status=PartnershipStatus.CONFIRMED,
            )
        )
        if not records:
            return False
        now = timezone.now()
        for record in records:  # saved one by one: the page cache hears of each
            record.status = PartnershipStatus.PUBLISHED
            record.published_at = now
            record.save(update_fields=["status", "published_at"])
        transaction.on_commit(lambda: cache.delete(FIGURES_KEY))
        partnership.refresh_from_db()
        for side in (partnership.ukrainian_municipality, partnership.eu_municipality):
            _tell(
                side,
                partnership.other_side(side.pk),
                "emails/community/partnership_published",
                partnership,
            )
    return True


def propose_stage(municipality, partnership, user, stage):
    """Proposes that the partnership (confirmed or published, one of ``municipality``'s) has
    reached ``stage``. Nothing changes until the other side confirms."""
    if stage == partnership.stage:
        raise Refused("same_stage")
    with transaction.atomic():
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        if partnership.stage_changes.filter(status=ChangeStatus.PROPOSED).exists():
            raise Refused("open")
        change = StageChange.objects.create(
            partnership=partnership,
            from_stage=partnership.stage,
            stage=stage,
            proposed_by=municipality,
            proposed_by_user=user,
        )
        other = partnership.other_side(municipality.pk)
        _tell(other, municipality, "emails/community/stage_proposed", partnership, change)
    return change


def answer_stage(municipality, partnership_pk, change_pk, user, yes):
    """The other side confirms (the partnership takes the stage, dated today) or declines a
    stage change. None when there is nothing for ``municipality`` to answer."""
    with transaction.atomic():
        partnership = partnership_of(municipality, partnership_pk)
        if partnership is None:
            return None
        change = (
            StageChange.objects.select_for_update()
            .filter(pk=change_pk, partnership=partnership, status=ChangeStatus.PROPOSED)
            .exclude(proposed_by=municipality)
            .first()
        )
        if change is None:
            return None
        change.status = ChangeStatus.CONFIRMED if yes else ChangeStatus.DECLINED
        change.decided_at = timezone.now()
        change.decided_by_user = user
        change.save()
        if yes:
            today = timezone.localdate()
            # The stage is the same in every language: each translation takes it.
            for record in Partnership.objects.filter(translation_key=partnership.translation_key):
                record.stage, record.stage_since = change.stage, today
                record.save(update_fields=["stage", "stage_since"])
            partnership.stage, partnership.stage_since = change.stage, today
            transaction.on_commit(lambda: cache.delete(FIGURES_KEY))
        template = "stage_confirmed" if yes else "stage_declined"
        _tell(
            partnership.other_side(municipality.pk),
            municipality,
            f"emails/community/{template}",
            partnership,
            change,
        )
    return change


def editable(partnership):
    """May its members propose a stage change?"""
    return partnership.status in (PartnershipStatus.CONFIRMED, PartnershipStatus.PUBLISHED)


def next_stages(partnership):
    return [(value, label) for value, label in Stage.choices if value != partnership.stage]


# What the member space shows ------------------------------------------------------------------


def of_municipality(municipality):
    """The partnerships of ``municipality`` (default-language records, declined ones left out)
    with their stage history, in three queries however many."""
    return list(
        Partnership.objects.filter(locale=Locale.get_default(), status__in=OPEN)
        .filter(Q(ukrainian_municipality=municipality) | Q(eu_municipality=municipality))
        .select_related("ukrainian_municipality", "eu_municipality", "programme")
        .prefetch_related(
            Prefetch(
                "stage_changes",
                queryset=StageChange.objects.order_by("proposed_at", "pk"),
                to_attr="history",
            )
        )
        .order_by("-proposed_at", "-pk")
    )


def name_programmes(partnerships, locale):
    """Each partnership's programme in ``locale``, as ``programme_display``: the records
    point to one language's programme (a snippet translated with wagtail-localize); its
    translation is found by slug, in one query however many partnerships."""
    programmes = {p.slug: p for p in Programme.objects.in_locale(locale)}
    for partnership in partnerships:
        programme = partnership.programme
        partnership.programme_display = (
            programmes.get(programme.slug, programme) if programme else None
        )


def dashboard(municipality, names):
    """The partnerships of ``municipality`` for its member pages: each with the other side (in
    the visitor's language when ``names`` has it) and its programme in the visitor's language
    (``programme_display``), what waits for this side's answer and what waits for the
    other's."""
    items = []
    records = of_municipality(municipality)
    name_programmes(records, Locale.get_active())
    for partnership in records:
        other = partnership.other_side(municipality.pk)
        history = partnership.history
        open_change = next((c for c in history if c.status == ChangeStatus.PROPOSED), None)
        mine = partnership.proposed_by_id == municipality.pk
        items.append(
            {
                "partnership": partnership,
                "other": names.get(other.pk, other),
                "to_confirm": partnership.status == PartnershipStatus.PROPOSED and not mine,
                "waiting": partnership.status == PartnershipStatus.PROPOSED and mine,
                "open_change": open_change,
                "change_to_confirm": open_change is not None
                and open_change.proposed_by_id != municipality.pk,
                "history": [c for c in history if c.status == ChangeStatus.CONFIRMED],
                "editable": editable(partnership) and open_change is None,
            }
        )
    return items


def by_match(items):
    """{match pk: partnership} of the dashboard's items."""
    return {
        item["partnership"].match_id: item["partnership"]
        for item in items
        if item["partnership"].match_id
    }


# Emails ----------------------------------------------------------------------------------------


def _tell(municipality, other, template, partnership, change=None):
    """One message per administrator of ``municipality``, each in their language, naming
    ``other`` (the side that acted)."""
    if municipality is None:
        return 0
    sent = 0
    for address, language in admins_in_their_language(municipality):
        with translation.override(language):
            link = settings.BASE_URL + reverse("member_partnerships", args=[municipality.pk])
            locale = Locale.get_active()
        programme = partnership.programme
        if programme is not None:
            # The programme snippet's translation in the reader's language, if it has one.
            programme = (
                Programme.objects.filter(
                    locale=locale, translation_key=programme.translation_key
                ).first()
                or programme
            )
        context = {
            "municipality": municipality,
            "mine": municipality.names_in(language)[0],
            "programme": programme,
            "name": other.names_in(language)[0],
            "partnership": partnership,
            "change": change,
            "link": link,
        }
        sent += send_email(template, context, [address], language=language)
    return sent


def _tell_staff(partnership):
    """The Hub's staff: a confirmed partnership waits for publication."""
    link = settings.BASE_URL + reverse("community_pipeline")
    return send_email(
        "emails/community/partnership_for_staff",
        {"partnership": partnership, "link": link},
        moderator_addresses(),
    )
