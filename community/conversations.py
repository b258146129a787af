"""Conversations between matched municipalities (issue 12), apart from HTTP.

- ``open_for``: the conversation of a match, opened when the match is made
  (``community.interests``), for the member flow and the one proposed by the Hub alike.
- ``conversation_for_member`` / ``conversation_for_staff``: the conversation only when the
  acting municipality (a membership the view checked already) or the staff user takes part.
- ``post``: a message with its checked attachments, in a short transaction; the other side is
  emailed after the commit, by a task deferred CONVERSATION_DIGEST_DELAY_SECONDS so that the
  messages written meanwhile arrive as one digest (``community.conversation_mail``).
- ``block`` / ``unblock``: no more messages or interests between two municipalities.
- ``purge``: messages older than CONVERSATION_RETENTION_DAYS go, with their files."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.uploads import delete_stored, store_files

from .models import (
    Block,
    Conversation,
    Message,
    MessageAttachment,
    MessageReport,
    ReadState,
)

logger = logging.getLogger("portal")


class Closed(Exception):
    """One of the two municipalities blocked the other: nothing can be posted."""


def open_for(match):
    """The conversation of ``match``, opened now if it has none (idempotent)."""
    conversation, _created = Conversation.objects.get_or_create(match=match)
    return conversation


def _involving(municipality_pk):
    return Q(match__first_id=municipality_pk) | Q(match__second_id=municipality_pk)


def conversation_for_member(conversation_pk, municipality):
    """The conversation ``conversation_pk`` when ``municipality`` is one of its two sides."""
    return (
        Conversation.objects.filter(_involving(municipality.pk), pk=conversation_pk)
        .select_related("match__first", "match__second")
        .first()
    )


def conversation_for_staff(conversation_pk, user):
    """The conversation when staff added ``user`` to it."""
    if not (user.is_authenticated and user.is_staff and user.is_active):
        return None
    return (
        Conversation.objects.filter(pk=conversation_pk, staff=user)
        .select_related("match__first", "match__second")
        .first()
    )


# Blocks ----------------------------------------------------------------------------------------


def blocked_between(a_pk, b_pk):
    return Block.objects.filter(
        Q(blocker_id=a_pk, blocked_id=b_pk) | Q(blocker_id=b_pk, blocked_id=a_pk)
    ).exists()


def blocked_by(municipality_pk, other_pk):
    return Block.objects.filter(blocker_id=municipality_pk, blocked_id=other_pk).exists()


def block(municipality, other, user):
    Block.objects.get_or_create(blocker=municipality, blocked=other, defaults={"created_by": user})


def unblock(municipality, other):
    """Lifts ``municipality``'s own block only (the other side's, if any, stays)."""
    return bool(Block.objects.filter(blocker=municipality, blocked=other).delete()[0])


def is_closed(conversation):
    return blocked_between(*conversation.municipality_pks)


# Messages --------------------------------------------------------------------------------------


def post(conversation, user, municipality, body, files=()):
    """A message of ``user`` for ``municipality`` (None: for the Hub) with ``files`` (checked
    by ``portal.uploads.check_files``). Raises Closed when a block stands; OSError when the
    private storage refused a file (then nothing is stored)."""
    stored = []
    try:
        with transaction.atomic():
            locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
            if blocked_between(*conversation.municipality_pks):
                raise Closed
            message = Message.objects.create(
                conversation=locked, author=user, author_municipality=municipality, body=body
            )
            store_files(files, partial(MessageAttachment, message=message), stored)
            locked.last_message_at = message.created_at
            locked.save(update_fields=["last_message_at"])
            mark_read(locked, user, upto=message)
            _notify_later(locked.pk)
    except OSError:
        delete_stored(stored)
        raise
    return message


def _notify_later(conversation_pk):
    from .conversation_mail import notify_task

    def enqueue():
        task_ = notify_task
        delay = getattr(settings, "CONVERSATION_DIGEST_DELAY_SECONDS", 600)
        if delay and task_.get_backend().supports_defer:
            task_ = task_.using(run_after=timezone.now() + timedelta(seconds=delay))
        try:
            task_.enqueue(conversation_pk)
        except Exception:
            # The messages are stored: send_message_digests emails them on its next run.
            logger.exception("Could not queue the digest of conversation %s", conversation_pk)

    transaction.on_commit(enqueue)


def mark_read(conversation, user, upto=None):
    """``user`` has read ``conversation`` up to ``upto`` (its latest message by default)."""
    if upto is None:
        upto = conversation.messages.order_by("-pk").only("pk").first()
    if upto is None:
        return
    state, _created = ReadState.objects.get_or_create(conversation=conversation, user=user)
    if upto.pk > state.last_read_id:
        ReadState.objects.filter(pk=state.pk, last_read_id__lt=upto.pk).update(
            last_read_id=upto.pk, last_read_at=timezone.now()
        )


def messages_of(conversation):
    return conversation.messages.select_related("author", "author_municipality").prefetch_related(
        "attachments"
    )


def report(message, municipality, user, reason=""):
    """``municipality``'s member reports ``message``; once per municipality and message."""
    row, created = MessageReport.objects.get_or_create(
        message=message, municipality=municipality, defaults={"reporter": user, "reason": reason}
    )
    return row, created


def reported_by(conversation, municipality):
    """The pks of the messages of ``conversation`` that ``municipality`` reported (one query;
    none for the Hub's staff)."""
    if municipality is None:
        return set()
    return set(
        MessageReport.objects.filter(
            municipality=municipality, message__conversation=conversation
        ).values_list("message_id", flat=True)
    )


# Lists -----------------------------------------------------------------------------------------


def with_unread(queryset, user):
    """``queryset`` of conversations annotated with ``unread``: the messages of others after
    ``user``'s last read one; one query however many conversations."""
    last_read = ReadState.objects.filter(conversation=OuterRef("pk"), user=user).values(
        "last_read_id"
    )[:1]
    return queryset.annotate(
        read_upto=Coalesce(Subquery(last_read), Value(0)),
    ).annotate(
        unread=Count(
            "messages",
            filter=Q(messages__pk__gt=F("read_upto"))
            & (Q(messages__author__isnull=True) | ~Q(messages__author=user)),
        )
    )


def for_municipality(municipality, user):
    """The conversations of ``municipality`` with ``unread`` counts for ``user``, latest first."""
    queryset = Conversation.objects.filter(_involving(municipality.pk)).select_related("match")
    return list(with_unread(queryset, user).order_by(F("last_message_at").desc(nulls_last=True)))


# Retention -------------------------------------------------------------------------------------


def retention_days():
    return getattr(settings, "CONVERSATION_RETENTION_DAYS", 730)


def purge(days=None, now=None):
    """Deletes the messages older than ``days`` (CONVERSATION_RETENTION_DAYS) with their
    attachments (files removed after the commit) and reports. Returns {what: how many}."""
    days = retention_days() if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    with transaction.atomic():
        old = Message.objects.filter(created_at__lt=cutoff)
        attachments = list(MessageAttachment.objects.filter(message__in=old))
        for attachment in attachments:
            attachment.delete()  # its file goes after the commit
        messages = old.delete()[1].get(Message._meta.label, 0)
    return {"messages": messages, "attachments": len(attachments)}
