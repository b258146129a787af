"""Registrations for events (issue 16): one row per person and event, whatever the language of
the page they registered on (``event`` is the event's default-language page, like calls'
``source_call``). A seat is held by a registration that is confirmed or offered (a freed seat
offered to the first of the waiting list, until ``offer_expires_at``)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.countries import CountryField

ATTENDANCE_CHOICES = [("on_site", _("On site")), ("online", _("Online"))]


def new_link_nonce():
    return secrets.token_urlsafe(12)


class RegistrationQuerySet(models.QuerySet):
    def holding_seats(self):
        return self.filter(status__in=Registration.SEAT_HOLDING)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Offer expired")

    SEAT_HOLDING = (Status.CONFIRMED, Status.OFFERED)
    ACTIVE = (Status.CONFIRMED, Status.OFFERED, Status.WAITING)

    event = models.ForeignKey(
        "stories.EventPage",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        "community.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("municipality in the directory"),
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    country = CountryField(_("country"))
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=ATTENDANCE_CHOICES, default="on_site"
    )
    interpretation = models.CharField(
        _("interpretation needed"), max_length=10, blank=True, choices=settings.LANGUAGES
    )
    accessibility = models.TextField(_("accessibility needs"), blank=True, max_length=1000)
    sessions = models.JSONField(_("sessions"), default=list, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    link_nonce = models.CharField(max_length=32, default=new_link_nonce, editable=False)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="unique_registration_email")
        ]
        indexes = [models.Index(fields=["event", "status", "attendance"])]

    def __str__(self):
        return f"{self.name} – {self.event.title}"

    def session_titles(self):
        """The titles of the agenda sessions chosen, in the event's language."""
        titles = dict(self.event.agenda_session_choices())
        return [titles[block_id] for block_id in self.sessions if block_id in titles]

    @property
    def holds_seat(self):
        return self.status in self.SEAT_HOLDING

    @property
    def is_active(self):
        return self.status in self.ACTIVE
