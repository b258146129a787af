"""The demo's interests (issue 12), for local development only: seed_demo makes them after the
demo members (PORTAL_DEMO_ACCOUNT_SEEDERS), unless --no-accounts. The demo members'
municipalities, Dolyna and Šiauliai district, have one mutual match, and Šiauliai district
has one interest waiting for its answer (from Kalush). The match's conversation has a few
messages both ways. No email is sent: rows are written directly, as if the flow had run."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from .conversations import mark_read, open_for
from .interests import pair
from .models import Interest, Match, Membership, Message, Municipality, Sector, Stance

MATCH = ("dolyna-ua", "siauliai-district-lt", ["social", "culture"])
# The match's conversation: (the side that writes: 0 = Dolyna, 1 = Šiauliai district, text),
# oldest first.
CONVERSATION = [
    (
        1,
        "Hello from Šiauliai district! We are glad the interest is mutual. Our social services "
        "team would like to hear how Dolyna runs its community centres for displaced families.",
    ),
    (
        0,
        "Вітаємо, колеги! Дякуємо за лист. Наш центр для внутрішньо переміщених осіб працює з "
        "2022 року: можемо поділитися досвідом і провести онлайн-зустріч наступного тижня.",
    ),
    (
        1,
        "Thank you, that would be very useful. Would Tuesday at 11:00 Kyiv time suit you? We "
        "can bring an interpreter.",
    ),
    (
        0,
        "Вівторок об 11:00 нам підходить. Надішлемо посилання на зустріч і коротку презентацію "
        "про наш культурний центр.",
    ),
]
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
        _conversation(match, (a, b))
    for source, target, sectors, note in PENDING:
        if source in records and target in records:
            _interest(records[source], records[target], Stance.INTERESTED, sectors, note)
    return []


def _conversation(match, sides):
    """The match's conversation with the demo's messages, written once."""
    conversation = open_for(match)
    if conversation.messages.exists():
        return
    authors = []
    for side in sides:
        membership = Membership.objects.active().admins().filter(municipality=side).first()
        authors.append(membership.user if membership else None)
    start = timezone.now() - timedelta(days=3)
    message = None
    for number, (side, text) in enumerate(CONVERSATION):
        message = Message.objects.create(
            conversation=conversation,
            author=authors[side],
            author_municipality=sides[side],
            body=text,
        )
        Message.objects.filter(pk=message.pk).update(created_at=start + timedelta(hours=5 * number))
        if authors[side] is not None:
            mark_read(conversation, authors[side], upto=message)
    conversation.last_message_at = start + timedelta(hours=5 * (len(CONVERSATION) - 1))
    conversation.save(update_fields=["last_message_at"])
