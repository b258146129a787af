"""What happens to an application, apart from HTTP: drafts, steps and the submission.

Everything that writes runs in one short transaction and checks the call's dates inside it, at
the moment of saving, from the database (not from a page object read earlier). The emails a
change causes are queued in the same transaction (calls.emails): sent after the commit, never
for a change that was rolled back."""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from calls import eligibility, emails
from calls.models import (
    UPCOMING,
    Application,
    ApplicationAttachment,
    CallPage,
    call_state,
    hash_access_key,
    new_access_key,
    next_reference,
)
from portal.uploads import delete_stored, store_files

LAST_STEP = 4


class CallNotOpen(Exception):
    """The call is not open at the moment of saving; the message says why."""

    def __init__(self, state, message):
        super().__init__(message)
        self.state = state
        self.message = message


def _moment(value):
    return date_format(timezone.localtime(value), "j E Y, H:i T")


def not_open_message(state, opens_at, closes_at):
    if state == UPCOMING:
        return _("This call opens on %(date)s. Applications cannot be saved before then.") % {
            "date": _moment(opens_at)
        }
    return _(
        "This call closed on %(date)s. Applications and drafts can no longer be saved or submitted."
    ) % {"date": _moment(closes_at)}


def ensure_open(call, now=None):
    """Reads the call's dates from the database and raises CallNotOpen unless it is open."""
    opens_at, closes_at = (
        CallPage.objects.filter(pk=call.pk).values_list("opens_at", "closes_at").get()
    )
    state = call_state(opens_at, closes_at, now or timezone.now())
    if state != "open":
        raise CallNotOpen(state, not_open_message(state, opens_at, closes_at))


def find_draft(call, key):
    """The application the private link's key opens, if it belongs to this call."""
    if not key or len(key) > 100:
        return None
    return (
        Application.objects.filter(access_key_hash=hash_access_key(key), call=call.source_call)
        .select_related("call")
        .first()
    )


def create_draft(call, form, language, *, private_link, started_by=None, now=None):
    """The first step's data as a new draft, and the email with its private link
    (``private_link(key)`` is its full URL); returns (application, private link key).
    ``started_by``: the member account that started it (calls.members)."""
    key = new_access_key()
    with transaction.atomic():
        ensure_open(call, now)
        application = form.save(commit=False)
        application.call = call.source_call
        application.language = language
        application.access_key_hash = hash_access_key(key)
        application.completed_step = 1
        application.started_by = started_by
        application.save()
        emails.send_private_link(application, call, private_link(key))
    return application, key


def save_step(call, application, form, step, now=None):
    """A later step saved onto the draft (only that step's fields); drafts expire with the
    deadline, and a draft submitted meanwhile (another tab) is left as it is."""
    with transaction.atomic():
        ensure_open(call, now)
        status = (
            Application.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=application.pk)
        )
        if status != Application.Status.DRAFT:
            return Application.objects.get(pk=application.pk)
        instance = form.save(commit=False)
        instance.completed_step = max(instance.completed_step, step)
        fields = [*form._meta.fields, "answers", "completed_step", "updated_at"]
        instance.save(update_fields=fields)
    return instance


def missing_steps(application):
    """Steps whose required data is missing (a link followed out of order, an edited rule)."""
    from calls.forms import ApplicantForm, PartnerForm, ProjectForm

    missing = []
    for number, form_class in ((1, ApplicantForm), (2, PartnerForm), (3, ProjectForm)):
        if application.completed_step < number:
            missing.append(number)
            continue
        form = form_class(call=application.call, instance=application)
        if any(
            field.required and getattr(application, name, None) in (None, "")
            for name, field in form.fields.items()
            if name in form._meta.fields
        ):
            missing.append(number)
    return missing


def save_files(call, application, files, now=None):
    """Attachments added to a draft without submitting it."""
    stored = []
    try:
        with transaction.atomic():
            ensure_open(call, now)
            locked = Application.objects.select_for_update().get(pk=application.pk)
            if locked.is_draft:
                store_files(files, partial(ApplicationAttachment, application=locked), stored)
    except BaseException:
        delete_stored(stored)  # the rows were rolled back: their files must not stay behind
        raise
    return locked


class NotSubmittable(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(message for _field, message in problems))
        self.problems = problems


def submit(call, application, files, *, receipt_link="", admin_link="", now=None):
    """Stores the files and turns the draft into a received application with a reference, in
    one transaction: either all of it is stored or nothing is (files included), with the
    applicant's receipt (linking to ``receipt_link``) and the staff's notice (``admin_link``).

    Idempotent: the application row is locked first, and an application that is already
    submitted is returned as it is, with its reference, so a double click or a resent form
    creates nothing new."""
    stored = []
    try:
        with transaction.atomic():
            locked = (
                Application.objects.select_for_update()
                .select_related("call")
                .get(pk=application.pk)
            )
            if not locked.is_draft:
                return locked, False
            moment = now or timezone.now()
            ensure_open(call, moment)
            problems = eligibility.check_all(locked.call, locked)
            if problems:
                raise NotSubmittable(problems)
            store_files(files, partial(ApplicationAttachment, application=locked), stored)
            locked.reference = next_reference(moment)
            locked.status = Application.Status.RECEIVED
            locked.submitted_at = moment
            locked.consent_at = moment
            locked.save()
            emails.send_receipt(locked, call, receipt_link)
            emails.notify_staff(locked, admin_link)
    except BaseException:
        delete_stored(stored)
        raise
    return locked, True


def notify_decision(application):
    """Called by the review view when a reviewer saved the status, in its transaction: the
    applicant hears of an acceptance or a rejection once per decision (saving the same
    decision again, or only the notes, sends nothing)."""
    status = application.status
    if status not in Application.DECISIONS or application.decision_notified == status:
        return False
    emails.send_decision(application)
    Application.objects.filter(pk=application.pk).update(decision_notified=status)
    application.decision_notified = status
    return True
