"""Conversations between two matched municipalities (issue 12): opened when a ``Match`` is made,
with messages, private attachments, each reader's read state, reports and blocks.

The two municipalities' members take part (through their memberships, checked per request),
and Hub staff whom staff add in the admin (``staff``). A message names its author and the
municipality it speaks for; a message of staff speaks for the Hub (``author_municipality`` is
empty). Services in ``community.conversations``."""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from portal.storage import get_private_storage

MESSAGE_LENGTH = 5000
# A report's reason: longer is a form error shown with the text kept, never cut.
REPORT_LENGTH = 1000


class Conversation(models.Model):
    """The thread of one mutual match; one per match."""

    match = models.OneToOneField(
        "community.Match",
        on_delete=models.CASCADE,
        related_name="conversation",
        verbose_name=_("mutual match"),
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hub_conversations",
        limit_choices_to={"is_staff": True, "is_active": True},
        verbose_name=_("Hub staff taking part"),
        help_text=_(
            "Staff of the European Partnership Hub who read and write in this conversation; "
            "they are emailed its new messages."
        ),
    )
    created_at = models.DateTimeField(_("opened on"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-created_at"]

    def __str__(self):
        return str(self.match)

    @property
    def municipality_pks(self):
        return (self.match.first_id, self.match.second_id)


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("conversation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    author_municipality = models.ForeignKey(
        "community.Municipality",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("written for"),
        help_text=_("Empty for a message of the European Partnership Hub."),
    )
    body = models.TextField(_("message"), max_length=MESSAGE_LENGTH, blank=True)
    erased = models.BooleanField(_("erased on request"), default=False)
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]

    @property
    def from_hub(self):
        return self.author_municipality_id is None


def attachment_path(instance, filename):
    # A random name: the original (shown to readers) is kept in the row, never in the path.
    return f"conversations/{uuid.uuid4().hex}"


class MessageAttachment(models.Model):
    """A file sent with a message, stored privately (portal.storage): downloaded only through
    the conversation's view, which checks that the reader takes part."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("message")
    )
    file = models.FileField(upload_to=attachment_path, storage=get_private_storage, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    def delete(self, *args, **kwargs):
        name, storage = self.file.name, self.file.storage
        result = super().delete(*args, **kwargs)
        # The file goes once the row is gone for good; a rollback keeps both.
        transaction.on_commit(lambda: storage.delete(name))
        return result


class ReadState(models.Model):
    """How far one reader has read a conversation, and up to which message they were emailed
    (the digest lists the messages after both). Message ids grow, so ids are kept rather than
    links: a purged message leaves the state valid."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="read_states"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_id = models.PositiveBigIntegerField(_("last message read"), default=0)
    last_read_at = models.DateTimeField(_("read on"), null=True, blank=True)
    notified_id = models.PositiveBigIntegerField(_("last message emailed"), default=0)
    notified_at = models.DateTimeField(_("emailed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("read state")
        verbose_name_plural = _("read states")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="unique_read_state")
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.conversation_id}: {self.last_read_id}"


class MessageReport(models.Model):
    """A member reports a message to the Hub's staff (Community → Reported messages)."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="reports", verbose_name=_("message")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reported by"),
    )
    municipality = models.ForeignKey(
        "community.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("for municipality"),
    )
    reason = models.TextField(_("reason"), max_length=REPORT_LENGTH, blank=True)
    handled = models.BooleanField(
        _("handled"), default=False, help_text=_("Tick once the Hub's staff have dealt with it.")
    )
    created_at = models.DateTimeField(_("reported on"), auto_now_add=True)

    class Meta:
        verbose_name = _("reported message")
        verbose_name_plural = _("reported messages")
        ordering = ["handled", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "municipality"], name="one_report_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.municipality}: {self.message}"


class Block(models.Model):
    """``blocker`` wants no more messages or interests from ``blocked`` (and sends none). The
    blocked side only sees "this conversation is closed"."""

    blocker = models.ForeignKey(
        "community.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    blocked = models.ForeignKey(
        "community.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("blocked municipality"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("blocked on"), auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_block_pair")
        ]

    def __str__(self):
        return f"{self.blocker} ⊘ {self.blocked}"
