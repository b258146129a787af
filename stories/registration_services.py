"""What happens to an event registration, apart from HTTP (issue 16).

Every write runs in one short transaction that first locks the event's row (the
default-language page): two people taking the last seat at the same moment are served one after
the other, and the second one joins the waiting list. The state of registration (open, closing
moment) is read from the database inside that transaction. Emails are queued in the same
transaction and sent after the commit (stories.registration_emails)."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.cache_generation import content_changed
from stories import registration_emails as emails
from stories.models import EventPage, Registration

CONFIRMED = Registration.Status.CONFIRMED
WAITING = Registration.Status.WAITING
OFFERED = Registration.Status.OFFERED
CANCELLED = Registration.Status.CANCELLED
EXPIRED = Registration.Status.EXPIRED


class RegistrationClosed(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class OfferExpired(Exception):
    pass


class NoSeatLeft(Exception):
    pass


def _moment(value):
    return date_format(timezone.localtime(value), "j E Y, H:i T")


def closed_reason(enabled, deadline, ends_at, now=None):
    """Why registration is closed ('' when it is open)."""
    now = now or timezone.now()
    if not enabled:
        return _("Registration for this event is not open on this site.")
    if ends_at < now:
        return _("This event has taken place.")
    if deadline is not None and deadline <= now:
        return _("Registration closed on %(date)s.") % {"date": _moment(deadline)}
    return ""


def reason_closed(event, now=None):
    return closed_reason(
        event.registration_enabled, event.registration_deadline, event.ends_at, now
    )


def _lock(source):
    """Lock the event's row; returns what decides whether registration is open."""
    return (
        EventPage.objects.select_for_update(of=("self",))
        .filter(pk=source.pk)
        .values_list("registration_enabled", "registration_deadline", "ends_at")
        .get()
    )


def _seat_free(source, attendance, exclude=None):
    capacity = source.capacity_for(attendance)
    if capacity is None:
        return True
    held = Registration.objects.filter(event=source, attendance=attendance).holding_seats()
    if exclude is not None:
        held = held.exclude(pk=exclude.pk)
    return held.count() < capacity


def register(event, form, language, *, user=None, now=None):
    """Stores the form as a registration, confirmed while seats are left, else on the waiting
    list. Returns (registration, outcome): outcome is its status, or "already" when the email
    is registered for the event already (nothing changes; its private link is emailed again)."""
    now = now or timezone.now()
    source = event.source_event
    with transaction.atomic():
        if reason := closed_reason(*_lock(source), now=now):
            raise RegistrationClosed(reason)
        email = form.cleaned_data["email"]
        existing = Registration.objects.filter(event=source, email=email).first()
        if existing is not None and existing.is_active:
            emails.send("already_registered", existing)
            return existing, "already"
        registration = form.save(commit=False)
        if existing is not None:  # cancelled or expired before: registering again
            registration.pk = existing.pk
            registration.created_at = now
            registration.offer_expires_at = None
            registration.reminder_sent_at = None
            registration.attended = None
            registration.link_nonce = existing.link_nonce
        registration.event = source
        registration.language = language
        registration.user = user if user is not None and user.is_authenticated else None
        registration.consent_at = now
        free = _seat_free(source, registration.attendance)
        registration.status = CONFIRMED if free else WAITING
        registration.save(force_update=existing is not None)
        if free:
            emails.send("confirmation", registration, attach_ics=True)
        else:
            emails.send("waiting_list", registration)
        content_changed()
    return registration, registration.status


def find(event, pk, signature):
    """The registration a private link opens, if it belongs to this event (any language)."""
    registration = (
        Registration.objects.filter(pk=pk, event__translation_key=event.translation_key)
        .select_related("event")
        .first()
    )
    if registration is None or not emails.token_matches(registration, signature):
        return None
    return registration


def _reload(registration):
    return Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)


def change(event, registration, form, now=None):
    """The registrant's own change. A new way of attending needs a free seat there
    (NoSeatLeft otherwise, nothing changed); the seat given up goes to the waiting list."""
    source = registration.event
    with transaction.atomic():
        if reason := closed_reason(*_lock(source), now=now):
            raise RegistrationClosed(reason)
        current = _reload(registration)
        if not current.is_active:
            raise RegistrationClosed(_("This registration was cancelled."))
        updated = form.save(commit=False)
        updated.status = current.status
        moved = updated.attendance != current.attendance
        if moved and current.holds_seat:
            if not _seat_free(source, updated.attendance, exclude=current):
                raise NoSeatLeft()
        updated.save()
        if moved and current.holds_seat:
            offer_next(source, current.attendance, now)
        emails.send("changed", updated, attach_ics=updated.status == CONFIRMED)
        content_changed()
    return updated


def cancel(registration, now=None, notify=True):
    """Cancelled by the registrant (or a declined offer): a freed seat goes to the next person
    waiting. Cancelling twice changes nothing."""
    with transaction.atomic():
        _lock(registration.event)
        current = _reload(registration)
        if not current.is_active:
            return current
        held = current.holds_seat
        current.status = CANCELLED
        current.offer_expires_at = None
        current.save(update_fields=["status", "offer_expires_at", "updated_at"])
        if notify:
            emails.send("cancelled", current)
        if held:
            offer_next(current.event, current.attendance, now)
        content_changed()
    return current


def offer_next(source, attendance, now=None):
    """Inside a transaction that locked the event: while seats are free, the first person
    waiting for them is offered one until the event's time limit. Returns those offered."""
    now = now or timezone.now()
    offered = []
    while _seat_free(source, attendance):
        nxt = Registration.objects.filter(event=source, attendance=attendance).waiting().first()
        if nxt is None:
            break
        nxt.status = OFFERED
        nxt.offer_expires_at = now + datetime.timedelta(hours=source.offer_hours)
        nxt.save(update_fields=["status", "offer_expires_at", "updated_at"])
        emails.send("seat_offered", nxt, valid_until=_moment(nxt.offer_expires_at))
        offered.append(nxt)
    return offered


def accept_offer(registration, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        _lock(registration.event)
        current = _reload(registration)
        if current.status == CONFIRMED:
            return current
        if current.status != OFFERED or current.offer_expires_at <= now:
            raise OfferExpired()
        current.status = CONFIRMED
        current.offer_expires_at = None
        current.save(update_fields=["status", "offer_expires_at", "updated_at"])
        emails.send("confirmation", current, attach_ics=True)
    return current


def expire_offers(now=None):
    """Offers not accepted in time expire (the person is told) and go to the next person
    waiting. Returns the number expired. Run by ``expire_event_offers`` (every few minutes)."""
    now = now or timezone.now()
    count = 0
    due = Registration.objects.filter(status=OFFERED, offer_expires_at__lte=now)
    for pk in due.values_list("pk", flat=True):
        registration = Registration.objects.select_related("event").get(pk=pk)
        with transaction.atomic():
            _lock(registration.event)
            current = _reload(registration)
            if current.status != OFFERED or current.offer_expires_at > now:
                continue
            current.status = EXPIRED
            current.save(update_fields=["status", "updated_at"])
            emails.send("offer_expired", current)
            offer_next(current.event, current.attendance, now)
            count += 1
    offer_free_seats(now)
    return count


def offer_free_seats(now=None):
    """Seats freed outside a cancellation (a registration deleted in the admin, capacity raised
    by an editor) are offered to the people waiting. Returns those offered."""
    offered = []
    waiting = (
        Registration.objects.filter(status=WAITING, event__ends_at__gt=now or timezone.now())
        .order_by()
        .values_list("event_id", "attendance")
        .distinct()
    )
    for event_id, attendance in list(waiting):
        with transaction.atomic():
            source = EventPage.objects.get(pk=event_id)
            _lock(source)
            offered += offer_next(source, attendance, now)
    if offered:
        content_changed()
    return offered


def send_reminders(now=None):
    """The day before: a reminder to each confirmed registrant of an event starting within the
    next 24 hours, once. Returns the number sent. Run by ``send_event_reminders`` (hourly)."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=CONFIRMED,
        reminder_sent_at__isnull=True,
        event__live=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + datetime.timedelta(days=1),
    )
    count = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            current = Registration.objects.select_for_update().select_related("event").get(pk=pk)
            if current.reminder_sent_at is not None or current.status != CONFIRMED:
                continue
            current.reminder_sent_at = now
            current.save(update_fields=["reminder_sent_at", "updated_at"])
            emails.send("reminder", current, attach_ics=True)
            count += 1
    return count


def confirm_from_waiting_list(registration):
    """An organiser gives a seat to someone waiting (or offered), even beyond the capacity."""
    with transaction.atomic():
        _lock(registration.event)
        current = _reload(registration)
        if current.status not in (WAITING, OFFERED):
            return current
        current.status = CONFIRMED
        current.offer_expires_at = None
        current.save(update_fields=["status", "offer_expires_at", "updated_at"])
        emails.send("confirmation", current, attach_ics=True)
        content_changed()
    return current


def mark_attendance(registration, attended):
    Registration.objects.filter(pk=registration.pk).update(
        attended=attended, updated_at=timezone.now()
    )


def personal_data(registration):
    return {
        "event": registration.event.title,
        "event_starts_at": registration.event.starts_at.isoformat(),
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "organisation": registration.organisation,
        "role": registration.role,
        "country": str(registration.country),
        "attendance": registration.attendance,
        "sessions": registration.session_titles(),
        "interpretation": registration.interpretation,
        "accessibility": registration.accessibility,
        "answers": registration.answers,
        "attended": registration.attended,
        "language": registration.language,
        "registered_at": registration.created_at.isoformat(),
        "consent_at": registration.consent_at.isoformat() if registration.consent_at else None,
    }


def registrations_of(email):
    email = email.strip().lower()
    return Registration.objects.filter(
        models.Q(email=email) | models.Q(user__email__iexact=email)
    ).select_related("event")


def erase(registration):
    """A data subject's erasure: a seat held is freed for the next person waiting (nobody is
    emailed about the erased registration), then the row is deleted."""
    cancel(registration, notify=False)
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk).delete()
        content_changed()


def purge(now=None):
    """Deletes the registrations of events that ended more than
    ``EVENTS_REGISTRATION_RETENTION_DAYS`` (default 180) days ago. Returns the number deleted."""
    now = now or timezone.now()
    days = getattr(settings, "EVENTS_REGISTRATION_RETENTION_DAYS", 180)
    cutoff = now - datetime.timedelta(days=days)
    deleted, _by_model = Registration.objects.filter(event__ends_at__lt=cutoff).delete()
    return deleted


AUDIENCES = {
    "confirmed": (CONFIRMED,),
    "waiting": (WAITING,),
    "active": Registration.ACTIVE,
}


def email_registrants(event, audience, message_for):
    """An organiser's message to the registrants of ``event`` (``audience``: confirmed, waiting
    or active), one email each in their language (``message_for(language)`` gives the subject
    and text). Returns the number queued."""
    source = event.source_event
    count = 0
    registrations = Registration.objects.filter(
        event=source, status__in=AUDIENCES[audience]
    ).select_related("event")
    for registration in registrations:
        subject, body = message_for(registration.language)
        with transaction.atomic():
            emails.send(
                "organiser_message", registration, organiser_subject=subject, organiser_body=body
            )
        count += 1
    return count
