"""The emails of new messages (issue 12): each reader of a conversation gets one email listing
the messages of others they have neither read nor been emailed yet, in their language, with a
link to the conversation to reply.

The work is done by ``send_digests``, which reads the state of the database when it runs: the
task ``notify_task`` that a posted message enqueues (deferred CONVERSATION_DIGEST_DELAY_SECONDS,
so that messages written meanwhile make one email), and ``manage.py send_message_digests``
(cron, every few minutes) which catches anything whose task was lost. Each reader's
``ReadState.notified_id`` is moved under a row lock, so two runs never email the same message."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from portal.emails import send_email

from .interests import language_of
from .models import Conversation, MemberLanguage, Membership, Municipality, ReadState

EXCERPT = 1000
# The periodic command looks at conversations with a message this recent.
LOOKBACK = timedelta(days=30)


@task()
def notify_task(conversation_pk):
    send_digests(Conversation.objects.filter(pk=conversation_pk))


def readers(conversation):
    """[(user pk, email, municipality or None for the Hub's staff)] of ``conversation``."""
    found = [
        (m.user_id, m.user.email, m.municipality)
        for m in Membership.objects.active()
        .filter(municipality_id__in=conversation.municipality_pks, user__is_active=True)
        .select_related("user", "municipality")
    ]
    found += [(u.pk, u.email, None) for u in conversation.staff.filter(is_active=True)]
    seen, unique = set(), []
    for row in found:
        if row[0] not in seen and row[1]:
            seen.add(row[0])
            unique.append(row)
    return unique


def send_digests(conversations=None):
    """Emails every reader of ``conversations`` (those with a recent message by default) their
    new messages; returns the number of emails queued."""
    if conversations is None:
        conversations = Conversation.objects.filter(last_message_at__gte=timezone.now() - LOOKBACK)
    sent = 0
    for conversation in conversations.select_related("match__first", "match__second"):
        if conversation.last_message_at is None:
            continue
        people = readers(conversation)
        known = dict(
            MemberLanguage.objects.filter(user_id__in=[p[0] for p in people]).values_list(
                "user_id", "language"
            )
        )
        for user_pk, address, municipality in people:
            sent += _send_one(conversation, user_pk, address, municipality, known)
    return sent


def _send_one(conversation, user_pk, address, municipality, known):
    with transaction.atomic():
        state, _created = ReadState.objects.get_or_create(
            conversation=conversation, user_id=user_pk
        )
        state = ReadState.objects.select_for_update().get(pk=state.pk)
        after = max(state.last_read_id, state.notified_id)
        new = conversation.messages.filter(pk__gt=after).select_related("author_municipality")
        if municipality is not None:  # a member: the messages of the other side and the Hub
            new = new.exclude(author_municipality_id=municipality.pk)
        new = list(new.exclude(author_id=user_pk).order_by("pk"))
        if not new:
            return 0
        state.notified_id = new[-1].pk
        state.notified_at = timezone.now()
        state.save(update_fields=["notified_id", "notified_at"])
        language = _language(user_pk, municipality, known)
        return send_email(
            "emails/community/conversation_digest",
            _context(conversation, municipality, new, language),
            [address],
            language=language,
        )


def _language(user_pk, municipality, known):
    if municipality is not None:
        return language_of(user_pk, municipality, known)
    return known.get(user_pk, settings.LANGUAGE_CODE)


def _context(conversation, municipality, new, language):
    first, second = conversation.match.first, conversation.match.second
    if municipality is None:
        names = " – ".join(m.names_in(language)[0] for m in (first, second))
        with translation.override(language):
            link = reverse("hub_conversation", args=[conversation.pk])
    else:
        other = second if municipality.pk == first.pk else first
        names = other.names_in(language)[0]
        with translation.override(language):
            link = reverse("member_conversation", args=[municipality.pk, conversation.pk])
    return {
        "name": names,
        "count": len(new),
        "messages": [_item(message, language) for message in new],
        "link": settings.BASE_URL + link,
    }


def _item(message, language):
    body = message.body
    if len(body) > EXCERPT:
        body = body[:EXCERPT].rstrip() + " […]"
    author = (
        message.author_municipality.names_in(language)[0]
        if isinstance(message.author_municipality, Municipality)
        else None
    )
    return {
        "author": author,
        "when": message.created_at,
        "body": body,
        "files": [a.original_name for a in message.attachments.all()],
    }
