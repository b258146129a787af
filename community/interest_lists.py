"""What the member space shows of interests and matches (issue 12): the dashboard's lists and
the state between a member's municipality and another, for the profile and the match page.

Only the municipality's own rows and the rows addressed to it are read; the other side's
"Not now" is its own row, which the first side's lists never read."""

from django.db.models import Q
from wagtail.models import Locale

from .interest_calls import localize
from .interests import ua_eu_sides
from .models import Interest, Match, Municipality, Stance


def _others(pks):
    """{pk: the record of pk in the active language (the default language's otherwise)}."""
    records = Municipality.objects.filter(pk__in=pks).only("pk", "translation_key")
    keys = {record.translation_key: record.pk for record in records}
    found = {}
    for locale in (Locale.get_default(), Locale.get_active()):
        records = Municipality.objects.filter(
            translation_key__in=keys, locale=locale, live=True
        ).select_related("locale")
        for record in records:
            found[keys[record.translation_key]] = record
    _link_profiles(found.values())
    return found


def _link_profiles(records):
    """Give each record its profile's address as ``profile_url``, finding the directory once
    per language rather than once per record (the lists grow with a municipality's matches)."""
    from .models.directory import DirectoryPage

    placeholder = "0-profile-slug-0"
    templates = {}
    for record in records:
        language = record.locale.language_code
        if language not in templates:
            templates[language] = DirectoryPage.profile_url(placeholder, language)
        template = templates[language]
        record.profile_url = template.replace(placeholder, record.slug) if template else None


def dashboard(municipality):
    """{"to_answer", "sent", "not_now", "matches"} for the municipality's interest pages; each
    interest with ``call_shown`` (the call it names, in the reader's language, or None)."""
    own = {
        row.target_id: row
        for row in Interest.objects.filter(source=municipality)
        .select_related("call")
        .prefetch_related("sectors")
    }
    incoming = {
        row.source_id: row
        for row in Interest.objects.filter(
            target=municipality, stance=Stance.INTERESTED, match__isnull=True
        )
        .select_related("call")
        .prefetch_related("sectors")
    }
    localize([*own.values(), *incoming.values()])  # each row's call in the reader's language
    matches = list(
        Match.objects.filter(Q(first=municipality) | Q(second=municipality)).select_related(
            "first", "second"
        )
    )
    pks = set(own) | set(incoming) | {m.other(municipality.pk).pk for m in matches}
    names = _others(pks)
    to_answer, sent, not_now = [], [], []
    for other_pk, row in own.items():
        if row.match_id or other_pk not in names:
            continue
        if row.stance == Stance.INTERESTED:
            sent.append({"other": names[other_pk], "interest": row})
        elif row.stance == Stance.PROPOSED:
            to_answer.append(
                {"other": names[other_pk], "interest": incoming.get(other_pk), "proposal": row}
            )
        elif row.stance == Stance.NOT_NOW and other_pk in incoming:
            not_now.append({"other": names[other_pk], "interest": incoming[other_pk]})
    for other_pk, row in incoming.items():
        mine = own.get(other_pk)
        if other_pk in names and (mine is None or mine.stance == Stance.WITHDRAWN):
            to_answer.append({"other": names[other_pk], "interest": row, "proposal": None})
    return {
        "to_answer": to_answer,
        "sent": sent,
        "not_now": not_now,
        "matches": [
            {"other": names[m.other(municipality.pk).pk], "match": m}
            for m in matches
            if m.other(municipality.pk).pk in names
        ],
    }


def state(mine, other):
    """What ``mine`` (a member's municipality, default-language record) and ``other`` (the same
    municipality's record in any language is fine) are to each other: "self", "matched",
    "sent", "to_answer" (with "proposed"), "not_now" or "none" (with "open" and "pairable": one
    Ukrainian and one EU municipality, the only pairs an interest may join); with the
    default-language record of ``other`` as "target" and the own row as "interest"."""
    return states(mine, [other]).get(other.pk, {"code": "none"})


def states(mine, others):
    """``state`` for each of ``others`` ({pk: state}), in three queries however many (four
    when an interest names a call: its title in the reader's language)."""
    found = {}
    for other in others:
        if other.translation_key == mine.translation_key:
            found[other.pk] = {"code": "self"}
    keys = {o.translation_key for o in others if o.pk not in found}
    targets = {
        target.translation_key: target
        for target in Municipality.objects.filter(
            translation_key__in=keys, locale_id=mine.locale_id, live=True
        )
    }
    target_pks = [target.pk for target in targets.values()]
    own, theirs = {}, {}
    rows = Interest.objects.filter(
        Q(source=mine, target_id__in=target_pks) | Q(target=mine, source_id__in=target_pks)
    ).select_related("call")
    for row in localize(list(rows)):
        if row.source_id == mine.pk:
            own[row.target_id] = row
        else:
            theirs[row.source_id] = row
    for other in others:
        target = targets.get(other.translation_key)
        if other.pk not in found and target is not None:
            found[other.pk] = _state(mine, target, own.get(target.pk), theirs.get(target.pk))
    return found


def _state(mine, target, own, theirs):
    result = {"target": target, "interest": own}
    if own is not None and own.match_id:
        return {**result, "code": "matched"}
    if own is not None and own.stance == Stance.INTERESTED:
        return {**result, "code": "sent"}
    if own is not None and own.stance == Stance.PROPOSED:
        return {**result, "code": "to_answer", "proposed": True}
    incoming = theirs is not None and theirs.stance == Stance.INTERESTED
    if incoming and own is not None and own.stance == Stance.NOT_NOW:
        return {**result, "code": "not_now"}
    if incoming:
        return {**result, "code": "to_answer", "proposed": False}
    return {
        **result,
        "code": "none",
        "open": target.open_to_partners,
        "pairable": ua_eu_sides(mine, target) is not None,
    }


def matched_with(memberships, other):
    """True when one of the member's municipalities has a mutual match with ``other`` (any
    language's record): then ``other``'s contact details are shown to the member."""
    municipalities = [m.municipality_id for m in memberships]
    if not municipalities:
        return False
    others = Municipality.objects.filter(translation_key=other.translation_key).values("pk")
    return Match.objects.filter(
        Q(first_id__in=municipalities, second_id__in=others)
        | Q(second_id__in=municipalities, first_id__in=others)
    ).exists()
