"""The application form's views, reached through CallPage's routes (``apply/...``).

Every response is ``Cache-Control: private, no-store`` (a cached form would hand one visitor's
CSRF token and draft to the next) and sends no Referer to other sites (the private link's key
is in the URL).
Every successful POST answers 303 See Other, so a refresh never posts again."""

import functools
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, OperationalError
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from calls import eligibility, members, services
from calls.forms import ApplicantForm, PartnerForm, ProjectForm, SubmitForm
from calls.models import OPEN, Application, new_access_key
from calls.responses import full_link, link, message_page, private, render, see_other
from calls.uploads import check_files, storage_error_message
from portal import ratelimit
from portal.http import busy_response
from portal.middleware import is_transient

logger = logging.getLogger("portal")

STEPS = {1: ApplicantForm, 2: PartnerForm, 3: ProjectForm, 4: SubmitForm}
# The whole request may not exceed the attachments' limit plus room for the text fields.
MAX_REQUEST_BYTES = 1024 * 1024


def _max_request_bytes():
    return settings.CALLS_MAX_ATTACHMENTS * settings.CALLS_MAX_ATTACHMENT_SIZE + MAX_REQUEST_BYTES


def _step_list(call, application, current):
    steps = []
    for number, form_class in STEPS.items():
        reachable = application is not None and number <= application.completed_step + 1
        steps.append(
            {
                "number": number,
                "title": form_class.title,
                "current": number == current,
                "done": application is not None and number <= application.completed_step,
                "url": link(None, call, "apply_step", application.key, number)
                if reachable and getattr(application, "key", None)
                else "",
            }
        )
    return steps


def _refused(request, call):
    """The first checks of every POST: size of the request, rate limit."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > _max_request_bytes():
        return message_page(
            request,
            call,
            _("Too much data"),
            _("The files together are too large. Attach at most 5 files of 10 MB each."),
            413,
            "error",
        )
    if not ratelimit.allow(request, "calls-apply", *settings.CALLS_RATE_LIMIT):
        return message_page(
            request,
            call,
            _("Too many attempts"),
            _("Too many applications were sent from your connection. Please wait a few minutes."),
            429,
            "error",
        )
    return None


def _busy(request, call, template, context):
    """The database refused the write (on SQLite: locked by another writer). Nothing was
    stored; the form is shown again with what the applicant typed."""
    return private(busy_response(request, template, {"page": call, "self": call, **context}))


def _closed(request, call, error, status=403):
    title = (
        _("This call is not open yet") if error.state == "upcoming" else _("This call is closed")
    )
    return message_page(request, call, title, error.message, status)


def _not_open(request, call, draft=False):
    """Before the call opens or after it closes, the form is replaced by the reason. A POST is
    refused (403) before its data is even read; a draft's link answers 410 Gone after the
    deadline, since drafts expire with it. The services check the dates again when saving."""
    state = call.status()
    if state == OPEN:
        return None
    error = services.CallNotOpen(
        state, services.not_open_message(state, call.opens_at, call.closes_at)
    )
    if request.method == "POST":
        return _closed(request, call, error, status=403)
    return _closed(request, call, error, status=410 if draft and state == "closed" else 200)


def _forged(request, call):
    """A member's step 1 naming a municipality that is not the member's: refused, nothing
    is read or stored."""
    return message_page(
        request,
        call,
        _("Not your municipality"),
        _("You can apply only for a municipality whose member you are."),
        403,
        "error",
    )


def _form_context(call, application, step, form, **extra):
    return {
        "application": application,
        "form": form,
        "step": step,
        "steps": _step_list(call, application, step),
        "rules": eligibility.rules_in_words(call),
        "last_step": services.LAST_STEP,
        **extra,
    }


def busy_guard(view):
    """Any database refusal (SQLite's "database is locked" under concurrent writers, a lost
    connection) becomes a 503 asking to retry, rendered without the database, never a 500.
    Nothing was stored: every write runs in a transaction that the error rolled back."""

    @functools.wraps(view)
    def guarded(request, call, *args, **kwargs):
        try:
            response = view(request, call, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # inside the guard: templates read the database too
            return response
        except OperationalError as error:
            if not is_transient(error):
                raise  # a real database error is a bug to see, never "busy"
            # calls/busy.html reads nothing from the database.
            response = private(busy_response(request, "calls/busy.html", {}))
            response.render()
            return response

    return guarded


@busy_guard
def start(request, call):
    """Step 1 of a new application; its POST creates the draft and emails the private link."""
    if refused := _not_open(request, call):
        return refused
    template = "calls/apply_step.html"
    if request.method == "POST":
        if refused := _refused(request, call):
            return refused
        form = members.applicant_form(request.user, call, Application(), request.POST)
        if members.forged(form, request.POST):
            return _forged(request, call)
        if form.is_spam():
            # Answered as if it worked (a robot learns nothing); nothing is stored or sent.
            return see_other(link(request, call, "apply_step", new_access_key(), 2))
        if form.is_valid():
            try:
                application, key = services.create_draft(
                    call,
                    form,
                    get_language(),
                    private_link=lambda key: full_link(request, call, "apply_resume", key),
                    started_by=request.user if members.municipalities_of(request.user) else None,
                )
            except services.CallNotOpen as error:
                return _closed(request, call, error)
            except DatabaseError:
                return _busy(request, call, template, _form_context(call, None, 1, form))
            return see_other(link(request, call, "apply_step", key, 2))
    else:
        form = members.applicant_form(
            request.user, call, Application(), preferred=request.GET.get("for")
        )
    return render(request, call, template, _form_context(call, None, 1, form))


def _open_draft(request, call, key):
    """The application a private link's key opens, or (``member-<id>``) the one of a
    municipality the signed-in member acts for."""
    application = services.find_draft(call, key)
    if application is None and members.is_member_handle(key):
        application = members.find_for_member(request.user, call, key)
    if application is not None:
        application.key = key
    return application


def _not_found(request, call):
    return message_page(
        request,
        call,
        _("Link not recognised"),
        _(
            "This link does not open an application. Check that you copied the whole link "
            "from the email, or start a new application."
        ),
        404,
    )


@busy_guard
def resume(request, call, key):
    """The private link: back to the first step not yet completed."""
    application = _open_draft(request, call, key)
    if application is None:
        return _not_found(request, call)
    if not application.is_draft:
        return see_other(link(request, call, "apply_done", key))
    step = min(application.completed_step + 1, services.LAST_STEP)
    return see_other(link(request, call, "apply_step", key, step))


@busy_guard
def step(request, call, key, step):
    application = _open_draft(request, call, key)
    if application is None or step not in STEPS:
        return _not_found(request, call)
    if not application.is_draft:
        return see_other(link(request, call, "apply_done", key))
    if step > application.completed_step + 1:
        return see_other(link(request, call, "apply_resume", key))
    if refused := _not_open(request, call, draft=True):
        return refused
    if step == services.LAST_STEP:
        return _last_step(request, call, application, key)

    template = "calls/apply_step.html"
    if request.method == "POST":
        if refused := _refused(request, call):
            return refused
        form = _step_form(request, call, application, step, request.POST)
        if members.forged(form, request.POST):
            return _forged(request, call)
        if form.is_spam():
            return see_other(link(request, call, "apply_step", key, step + 1))
        if form.is_valid():
            try:
                services.save_step(call, application, form, step)
            except services.CallNotOpen as error:
                return _closed(request, call, error)
            except DatabaseError:
                return _busy(request, call, template, _form_context(call, application, step, form))
            if "back" in request.POST:
                return see_other(link(request, call, "apply_step", key, step - 1))
            return see_other(link(request, call, "apply_step", key, step + 1))
    else:
        form = _step_form(request, call, application, step)
    return render(request, call, template, _form_context(call, application, step, form))


def _step_form(request, call, application, step, data=None):
    if step == 1:
        return members.applicant_form(request.user, call, application, data)
    return STEPS[step](data, call=call, instance=application)


def _last_step(request, call, application, key):
    template = "calls/apply_step.html"
    initial = {"submission_token": application.submission_token}
    stored = list(application.attachments.all())

    def context(form, **extra):
        return _form_context(
            call,
            application,
            services.LAST_STEP,
            form,
            stored=stored,
            missing=services.missing_steps(application),
            **extra,
        )

    if request.method != "POST":
        form = SubmitForm(call=call, instance=application, initial=initial)
        return render(request, call, template, context(form))

    if refused := _refused(request, call):
        return refused
    form = SubmitForm(request.POST, request.FILES, call=call, instance=application, initial=initial)
    if form.is_spam():
        return see_other(link(request, call, "apply_step", key, services.LAST_STEP))
    if not form.is_valid():
        return render(request, call, template, context(form))
    if form.cleaned_data["submission_token"] != application.submission_token:
        # A form from another draft or an older page: nothing is stored from it.
        form.add_error(None, _("This form is out of date. Please check it and send it again."))
        return render(request, call, template, context(form), status=409)
    try:
        files = check_files(form.cleaned_data["attachments"], already_stored=len(stored))
    except ValidationError as error:
        form.add_error("attachments", error)
        return render(request, call, template, context(form))

    submitting = "submit" in request.POST
    if submitting and not form.cleaned_data["consent"]:
        form.add_error("consent", _("Please agree to the privacy notice to submit."))
    missing = services.missing_steps(application)
    if submitting and missing:
        form.add_error(None, _("Some steps are not complete yet; they are marked above."))
    try:
        if submitting and not form.errors:
            services.submit(
                call,
                application,
                files,
                receipt_link=full_link(request, call, "apply_done", key),
                admin_link=request.build_absolute_uri(
                    reverse("calls_application:edit", args=[application.pk])
                ),
            )
            return see_other(link(request, call, "apply_done", key))
        if files:
            # Not submitted yet (saved, or consent missing): the files are kept with the draft
            # so the applicant never has to send them twice.
            services.save_files(call, application, files)
            stored = list(application.attachments.all())
        if not form.errors:
            return see_other(link(request, call, "apply_step", key, services.LAST_STEP))
    except services.CallNotOpen as error:
        return _closed(request, call, error)
    except services.NotSubmittable as error:
        for _field, message in error.problems:
            form.add_error(None, message)
        return render(request, call, template, context(form), status=422)
    except DatabaseError:
        return _busy(request, call, template, context(form))
    except OSError:
        # The private storage refused a file; services rolled everything back (issue 10).
        logger.exception("Private storage refused an attachment of application %s", application.pk)
        form.add_error(None, storage_error_message())
        return render(request, call, template, context(form), status=503)
    return render(request, call, template, context(form))


@busy_guard
def done(request, call, key):
    """The confirmation: the reference number and a summary of what was received."""
    application = _open_draft(request, call, key)
    if application is None:
        return _not_found(request, call)
    if application.is_draft:
        return see_other(link(request, call, "apply_resume", key))
    return render(
        request,
        call,
        "calls/apply_done.html",
        {"application": application, "attachments": application.attachments.all()},
    )
