"""Interest and mutual matches between municipalities (issue 12), apart from HTTP.

- ``express``: a member's municipality is interested in another; the other's administrators
  are told (email queued on commit, each in their language) and answer on their dashboard.
- ``answer``: *Interested too* (a mutual match: both sides told, contacts shown to each other)
  or *Not now* (stored on the answering side's own row only: the first side is never told).
- ``withdraw``: an open interest is withdrawn at any time.
- ``propose``: staff propose a match; both sides get an interest "proposed by the European
  Partnership Hub" and answer it the same way.

Every function takes the acting municipality as the record of a membership already checked by
the view (``members.membership_or_404``) and looks the other side up itself."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from portal.emails import send_email

from . import conversations, interest_calls
from .models import Interest, Match, MemberLanguage, Membership, Municipality, Sector, Stance

WEEK = timedelta(days=7)
# Languages a municipality's country suggests when a member never told us theirs.
COUNTRY_LANGUAGES = {"UA": "uk", "FR": "fr", "BE": "fr", "DE": "de", "AT": "de"}


class Refused(Exception):
    """The interest cannot be expressed; ``code`` says why (``self``, ``closed``, ``pair``:
    not one Ukrainian and one EU municipality)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


class LimitReached(Exception):
    """The municipality has expressed its weekly number of open interests."""


def weekly_limit():
    return getattr(settings, "INTERESTS_PER_WEEK", 10)


def default_record(pk):
    """The published record in the default language of the municipality that record ``pk``
    (any language) belongs to, or None."""
    record = Municipality.objects.filter(pk=pk, live=True).only("translation_key").first()
    if record is None:
        return None
    return Municipality.objects.filter(
        translation_key=record.translation_key, locale=Locale.get_default(), live=True
    ).first()


def ua_eu_sides(first, second):
    """(Ukrainian, EU) municipality of a pair, or None when the pair is not Ukrainian–EU: the
    network pairs a Ukrainian municipality with one outside Ukraine, so interests, proposals
    of the Hub and partnerships are only between such two."""
    if first.country == "UA" and second.country != "UA":
        return first, second
    if second.country == "UA" and first.country != "UA":
        return second, first
    return None


def pair(a_pk, b_pk):
    return (a_pk, b_pk) if a_pk < b_pk else (b_pk, a_pk)


def match_between(a, b):
    first, second = pair(a.pk, b.pk)
    return Match.objects.filter(first_id=first, second_id=second).first()


def rows(source, target):
    """(source's row towards target, target's row towards source), either None; locked."""
    found = {
        (row.source_id, row.target_id): row
        for row in Interest.objects.select_for_update().filter(
            source_id__in=(source.pk, target.pk), target_id__in=(source.pk, target.pk)
        )
    }
    return found.get((source.pk, target.pk)), found.get((target.pk, source.pk))


def open_this_week(municipality):
    return Interest.objects.filter(
        source=municipality,
        stance=Stance.INTERESTED,
        match__isnull=True,
        expressed_at__gte=timezone.now() - WEEK,
    ).count()


def express(source, target, user, *, note="", sectors=(), call=None, edit=False):
    """``source`` is interested in ``target``. Returns (interest, match or None). Idempotent:
    an interest already expressed is returned unchanged, or with the note, sectors and call
    given when ``edit`` (the interest form, pre-filled with them: still one row, nobody told
    again). ``call`` is a page of ``interest_calls.choosable()``. An answer to the other
    side's interest is never limited; a new interest is (``LimitReached``)."""
    if source.pk == target.pk:
        raise Refused("self")
    if ua_eu_sides(source, target) is None:
        raise Refused("pair")
    if conversations.blocked_between(source.pk, target.pk):
        raise Refused("closed")  # a block is told as "not open", never as a block
    with transaction.atomic():
        Municipality.objects.select_for_update().filter(pk=source.pk).first()  # one at a time
        mine, theirs = rows(source, target)
        if mine is not None and (mine.stance == Stance.INTERESTED or mine.match_id):
            if edit and not mine.match_id:
                _set_details(mine, note, sectors, call)
            return mine, mine.match
        answering = theirs is not None and theirs.stance == Stance.INTERESTED
        proposed = mine is not None and mine.stance == Stance.PROPOSED
        if not answering and not proposed and not target.open_to_partners:
            raise Refused("closed")
        if not answering and not proposed and open_this_week(source) >= weekly_limit():
            raise LimitReached
        mine = _set_interested(mine, source, target, user, note, sectors, call)
        if answering:
            return mine, _make_match(mine, theirs)
        if theirs is None or theirs.stance == Stance.PROPOSED:
            _tell_admins(target, "emails/community/interest_received", {"interest": mine})
    return mine, None


def _set_interested(mine, source, target, user, note, sectors, call):
    if mine is None:
        mine = Interest(source=source, target=target)
    mine.stance = Stance.INTERESTED
    mine.note = note or mine.note
    mine.call = interest_calls.to_stored(call) or mine.call
    mine.created_by = user
    mine.expressed_at = timezone.now()
    mine.save()
    if sectors:
        mine.sectors.set(sectors)
    return mine


def _set_details(mine, note, sectors, call):
    """The open interest ``mine`` says what the member's edited form says (the weekly limit
    and the other side's email are not concerned: it is the same interest)."""
    mine.note = note
    mine.call = interest_calls.to_stored(call)
    mine.save(update_fields=["note", "call", "updated_at"])
    mine.sectors.set(sectors)


def open_interest(source, target):
    """``source``'s interest in ``target`` while it waits for an answer (the form shows it
    pre-filled), or None."""
    return (
        Interest.objects.filter(
            source=source, target=target, stance=Stance.INTERESTED, match__isnull=True
        )
        .select_related("call")
        .prefetch_related("sectors")
        .first()
    )


def answer(mine_municipality, other, user, yes):
    """The answer of ``mine_municipality`` to ``other``'s interest or to a proposal of the Hub.
    Returns (interest, match or None), or None when there is nothing to answer."""
    with transaction.atomic():
        mine, theirs = rows(mine_municipality, other)
        waiting = theirs is not None and theirs.stance == Stance.INTERESTED
        proposed = mine is not None and mine.stance == Stance.PROPOSED
        if not (waiting or proposed) or (mine is not None and mine.match_id):
            return None
        if not yes:
            if mine is None:
                mine = Interest(source=mine_municipality, target=other)
            mine.stance = Stance.NOT_NOW
            mine.created_by = user
            mine.save()
            return mine, None  # nobody is told
    return express(mine_municipality, other, user)


def withdraw(mine_municipality, other):
    """Withdraws the open interest in ``other``; False when there is none (or it is matched)."""
    return bool(
        Interest.objects.filter(
            source=mine_municipality,
            target=other,
            stance__in=(Stance.INTERESTED, Stance.PROPOSED),
            match__isnull=True,
        ).update(stance=Stance.WITHDRAWN, updated_at=timezone.now())
    )


def propose(a, b, staff_user):
    """The European Partnership Hub proposes that ``a`` and ``b`` work together: each gets a
    proposal to answer (an interest it expressed already stays as it is). Returns the match
    when both had expressed interest already, else None."""
    if ua_eu_sides(a, b) is None:
        raise Refused("pair")
    with transaction.atomic():
        first, second = rows(a, b)
        made = {}
        for side, other, row in ((a, b, first), (b, a, second)):
            if row is None or row.stance in (Stance.NOT_NOW, Stance.WITHDRAWN):
                row = row or Interest(source=side, target=other)
                row.stance = Stance.PROPOSED
                row.created_by = staff_user
            row.proposed_by_hub = True
            row.save()
            made[side.pk] = row
        if all(row.stance == Stance.INTERESTED for row in made.values()):
            return _make_match(made[a.pk], made[b.pk], proposed=True)
        for side in (a, b):
            if made[side.pk].stance == Stance.PROPOSED:
                _tell_admins(
                    side, "emails/community/interest_proposed", {"proposal": made[side.pk]}
                )
    return None


def _make_match(mine, theirs, proposed=False):
    first, second = pair(mine.source_id, theirs.source_id)
    match, _created = Match.objects.get_or_create(
        first_id=first,
        second_id=second,
        defaults={"proposed_by_hub": proposed or mine.proposed_by_hub or theirs.proposed_by_hub},
    )
    Interest.objects.filter(pk__in=(mine.pk, theirs.pk)).update(match=match)
    mine.match = theirs.match = match
    conversations.open_for(match)  # both sides can talk from now on
    for side, other in ((mine.source, theirs.source), (theirs.source, mine.source)):
        _tell_admins(side, "emails/community/interest_match", {"other": other, "match": match})
    return match


# Emails ----------------------------------------------------------------------------------------


def remember_language(user, language):
    """Records the language ``user`` uses now (the emails of the interest flow use it)."""
    code = (language or "").split("-")[0]
    if user.is_authenticated and code in dict(settings.LANGUAGES):
        MemberLanguage.objects.update_or_create(user=user, defaults={"language": code})


def language_of(user_pk, municipality, known):
    if user_pk in known:
        return known[user_pk]
    language = COUNTRY_LANGUAGES.get(municipality.country, settings.LANGUAGE_CODE)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def sector_names(interest, language):
    """The interest's sectors named in ``language`` (the default language's otherwise)."""
    slugs = [sector.slug for sector in interest.sectors.all()]
    if not slugs:
        return ""
    named = dict(
        Sector.objects.filter(slug__in=slugs, locale__language_code=language).values_list(
            "slug", "name"
        )
    )
    return ", ".join(named.get(sector.slug, sector.name) for sector in interest.sectors.all())


def admins_in_their_language(municipality):
    """(address, language) of each active administrator of ``municipality``: the language
    they last used on the portal, or their country's. Two queries however many."""
    admins = list(
        Membership.objects.active()
        .admins()
        .filter(municipality=municipality)
        .values_list("user_id", "user__email")
    )
    known = dict(
        MemberLanguage.objects.filter(user_id__in=[pk for pk, _e in admins]).values_list(
            "user_id", "language"
        )
    )
    return [(address, language_of(pk, municipality, known)) for pk, address in admins]


def _tell_admins(municipality, template, context):
    """One message per administrator of ``municipality``, each in their own language."""
    sent = 0
    for address, language in admins_in_their_language(municipality):
        with translation.override(language):
            link = settings.BASE_URL + reverse("member_interests", args=[municipality.pk])
        names = {}
        for key in ("interest", "proposal"):
            if key in context:
                row = context[key]
                names = {
                    "sectors": sector_names(row, language),
                    "call": interest_calls.title_in(row, language),
                    "name": row.target.names_in(language)[0]
                    if key == "proposal"
                    else row.source.names_in(language)[0],
                }
        if "other" in context:
            names = {"name": context["other"].names_in(language)[0]}
        sent += send_email(
            template,
            {**context, **names, "municipality": municipality, "link": link},
            [address],
            language=language,
        )
    return sent


def remember_language_on_login(sender, request, user, **kwargs):
    """Connected to ``user_logged_in`` (community/apps.py): the language of the sign-in page."""
    remember_language(user, translation.get_language())
