"""The newsletter (issue 16): its sign-up page, the subscribers (double opt-in), the hashes of
unsubscribed addresses, and the digests with one delivery row per recipient.

Languages and topics are stored as ",en,uk," / ",calls,sector:energy," so that the admin's
filters work with a plain ``contains`` on every database (SQLite has no JSON containment)."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from portal.models import BasePage

TOPICS = [
    ("calls", _("Calls for proposals")),
    ("stories", _("Success stories")),
    ("events", _("Events")),
]
SECTOR_PREFIX = "sector:"


def pack(values):
    values = [value for value in values if value]
    return f",{','.join(values)}," if values else ""


def unpack(value):
    return [item for item in (value or "").split(",") if item]


def address_hash(email):
    """A keyed hash of a normalised address: enough to recognise it, not to read it."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def new_key():
    return secrets.token_urlsafe(24)


class NewsletterPage(BasePage):
    """The sign-up page: one per language (translatable like every page), linked from the
    footer. The form and its answers are served by newsletter.views."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("newsletter sign-up page")

    def serve(self, request, *args, **kwargs):
        from newsletter.views import signup

        return signup(request, self)


class Subscriber(models.Model):
    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(_("language of the emails"), max_length=10)
    languages = models.CharField(_("editions wanted"), max_length=100)
    topics = models.TextField(_("topics"), blank=True)
    key = models.CharField(max_length=64, default=new_key, editable=False)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def language_list(self):
        return unpack(self.languages)

    @property
    def topic_list(self):
        return unpack(self.topics)

    def languages_display(self):
        return ", ".join(self.language_list)

    languages_display.short_description = _("editions wanted")

    def topics_display(self):
        return ", ".join(self.topic_list)

    topics_display.short_description = _("topics")

    @property
    def confirmed(self):
        return self.confirmed_at is not None

    def edition_language(self):
        """The language of the digest this subscriber receives."""
        wanted = self.language_list
        return self.language if self.language in wanted or not wanted else wanted[0]


class UnsubscribedAddress(models.Model):
    """An address that unsubscribed, as a hash only: honoured by every sending."""

    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscribed address")

    def __str__(self):
        return self.digest[:12]


class Digest(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    period_start = models.DateTimeField(_("from"))
    period_end = models.DateTimeField(_("until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("newsletter digest")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.period_start:%Y-%m-%d} – {self.period_end:%Y-%m-%d}"


class DigestDelivery(models.Model):
    """One recipient of a digest; ``sent_at`` is set in the transaction that queues the email,
    so a sending resumed after an interruption skips whoever already got it."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["digest", "subscriber"], name="one_delivery_each")
        ]

    def __str__(self):
        return f"{self.digest_id}:{self.subscriber_id}"
