"""Registration for an event, reached through EventPage's routes (``register/...``).

Every response is private and never stored by a cache (CSRF tokens, personal data, a private
link's token in the URL); every successful POST answers 303 See Other."""

import functools

from django.conf import settings
from django.db import DatabaseError, OperationalError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from community.members import memberships_of
from portal import ratelimit
from portal.http import busy_response, no_store, redirect_303
from portal.middleware import is_transient
from stories import registration_services as services
from stories.registration_emails import read_token
from stories.registration_forms import RegistrationForm

OUTCOMES = ("confirmed", "waiting", "already")


def rate_limit():
    return getattr(settings, "EVENTS_REGISTRATION_RATE_LIMIT", (30, 600))


def private(response):
    no_store(response)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _link(event, name, *args):
    return event.url + event.reverse_subpage(name, args=list(args))


def privacy_url():
    """The privacy notice in the visitor's language (its page's slug is "privacy")."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return ""
    page = Page.objects.live().filter(slug="privacy", locale=locale).first()
    return page.url if page else ""


def _page_context(event, context):
    return {
        "page": event,
        "self": event,
        "meta_title": _("Register: %(title)s") % {"title": event.title},
        "privacy_url": privacy_url(),
        **context,
    }


def render(request, event, template, context, status=200):
    context = _page_context(event, context)
    return private(TemplateResponse(request, template, context, status=status))


def busy(request, event, template, context):
    """The database refused the write: nothing was stored, the form is shown again with what
    was typed and a notice (503, Retry-After)."""
    return private(busy_response(request, template, _page_context(event, context)))


def message(request, event, title, text, status=200, kind="info"):
    return render(
        request, event, "events/message.html", {"title": title, "text": text, "kind": kind}, status
    )


def busy_guard(view):
    @functools.wraps(view)
    def guarded(request, event, *args, **kwargs):
        try:
            response = view(request, event, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response
        except OperationalError as error:
            if not is_transient(error):
                raise
            response = private(busy_response(request, "calls/busy.html", {}))
            response.render()
            return response

    return guarded


def _closed(request, event, reason, status=200):
    return message(request, event, _("Registration is closed"), reason, status, "warning")


def member_initial(user):
    """A signed-in member's name, email and municipality, to start the form with."""
    if not user.is_authenticated:
        return {}
    initial = {"email": user.email, "name": user.get_full_name()}
    membership = memberships_of(user).first()
    if membership is not None:
        municipality = membership.municipality
        initial.update(
            municipality=municipality.pk,
            organisation=municipality.name,
            country=str(municipality.country),
        )
    return {key: value for key, value in initial.items() if value}


def _form_context(event, form):
    return {"form": form, "seats_left": event.seats_left()}


@busy_guard
def register(request, event):
    template = "events/register.html"
    if reason := services.reason_closed(event):
        return _closed(request, event, reason, 403 if request.method == "POST" else 200)
    if request.method == "POST":
        if not ratelimit.allow(request, "events-register", *rate_limit()):
            return message(
                request,
                event,
                _("Too many attempts"),
                _(
                    "Too many registrations were sent from your connection. "
                    "Please wait a few minutes."
                ),
                429,
                "error",
            )
        form = RegistrationForm(request.POST, event=event, privacy_url=privacy_url())
        if form.is_spam():
            return private(redirect_303(_link(event, "register_done") + "?status=confirmed"))
        if form.is_valid():
            try:
                _registration, outcome = services.register(
                    event, form, get_language(), user=request.user
                )
            except services.RegistrationClosed as error:
                return _closed(request, event, error.message, 403)
            except DatabaseError:
                return busy(request, event, template, _form_context(event, form))
            return private(redirect_303(_link(event, "register_done") + f"?status={outcome}"))
        status = 200
    else:
        form = RegistrationForm(
            event=event, initial=member_initial(request.user), privacy_url=privacy_url()
        )
        status = 200
    return render(request, event, template, _form_context(event, form), status)


@busy_guard
def done(request, event):
    outcome = request.GET.get("status")
    if outcome not in OUTCOMES:
        outcome = "confirmed"
    titles = {
        "confirmed": _("You are registered"),
        "waiting": _("You are on the waiting list"),
        "already": _("You are already registered"),
    }
    texts = {
        "confirmed": _(
            "Your seat is booked. We will email you a confirmation with the event for your "
            "calendar and a private link to view, change or cancel your registration."
        ),
        "waiting": _(
            "All seats are taken. When one is freed, we will email you and offer it to you for "
            "a limited time. The email will also carry a private link to your registration."
        ),
        "already": _(
            "This email address is already registered for this event: it counts once. We will "
            "email the private link to the registration again."
        ),
    }
    kind = "success" if outcome == "confirmed" else "info"
    return message(request, event, titles[outcome], texts[outcome], kind=kind)


def _not_found(request, event):
    return message(
        request,
        event,
        _("Link not recognised"),
        _(
            "This link does not open a registration for this event. Check that you copied the "
            "whole link from the email, or register again."
        ),
        404,
        "warning",
    )


@busy_guard
def manage(request, event, token):
    """The private link: the registration, a form to change it, cancel, accept an offer."""
    found = read_token(token)
    registration = services.find(event, *found) if found else None
    if registration is None:
        return _not_found(request, event)
    own_link = _link(event, "registration", token)
    template = "events/manage.html"
    form = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "cancel":
                services.cancel(registration)
                return private(redirect_303(own_link + "?done=cancelled"))
            if action == "accept":
                services.accept_offer(registration)
                return private(redirect_303(own_link + "?done=accepted"))
            if action == "change":
                form = RegistrationForm(request.POST, event=event, instance=registration)
                if form.is_valid():
                    services.change(event, registration, form)
                    return private(redirect_303(own_link + "?done=changed"))
        except services.OfferExpired:
            return message(
                request,
                event,
                _("The offer has expired"),
                _("The seat was offered until a time that has passed; it went to the next person."),
                410,
                "warning",
            )
        except services.NoSeatLeft:
            form.add_error("attendance", _("No seat is left this way; you keep the one you have."))
        except services.RegistrationClosed as error:
            return _closed(request, event, error.message, 403)
        except DatabaseError:
            registration.refresh_from_db()
            context = {"registration": registration, "form": form, "seats_left": {}}
            return busy(request, event, template, context)
    changeable = registration.is_active and not services.reason_closed(event)
    if form is None and changeable:
        form = RegistrationForm(event=event, instance=registration)
    notices = {
        "cancelled": _("Your registration is cancelled."),
        "accepted": _("You accepted the seat: your registration is confirmed."),
        "changed": _("Your changes are saved."),
    }
    context = {
        "registration": registration,
        "form": form if changeable else None,
        "done": notices.get(request.GET.get("done"), ""),
        "offer_open": registration.status == "offered"
        and registration.offer_expires_at > timezone.now(),
        "seats_left": event.seats_left(),
    }
    status = 422 if form is not None and form.errors else 200
    return render(request, event, template, context, status)
