"""The sign-up page (NewsletterPage.serve) and the private links: confirm, preferences,
unsubscribe. Every answer with a form or a private link is private and no-store; a successful
POST answers 303. The unsubscribe address also takes the one-click POST of RFC 8058 from a
mail client: no CSRF token, the signed link is the authority."""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import DatabaseError, IntegrityError
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsletter import services, tokens
from newsletter.forms import PreferencesForm, SignupForm
from newsletter.models import NewsletterPage
from portal import ratelimit
from portal.http import busy_response, no_store, redirect_303


def private(response):
    no_store(response)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _language(request):
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def signup_page_url(request, language):
    page = NewsletterPage.objects.live().filter(locale__language_code=language).first()
    if page is None:
        page = NewsletterPage.objects.live().first()
    return page.get_url(request) if page else ""


def message(request, title, text, status=200, kind="info", **extra):
    context = {"title": title, "text": text, "kind": kind, "meta_title": title, **extra}
    context.setdefault("signup_url", signup_page_url(request, _language(request)))
    return private(TemplateResponse(request, "newsletter/message.html", context, status=status))


def signup(request, page):
    language = _language(request)
    context = {"page": page, "self": page}
    if request.method == "POST":
        if not ratelimit.allow(
            request, "newsletter-signup", *getattr(settings, "NEWSLETTER_RATE_LIMIT", (10, 600))
        ):
            return message(
                request,
                _("Too many attempts"),
                _("Too many sign-ups were sent from your connection. Please wait a few minutes."),
                429,
                "error",
            )
        form = SignupForm(request.POST, language=language)
        if form.is_spam():
            return redirect_303(page.get_url(request) + "?sent=1")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.sign_up(data["email"], data["languages"], data["topics"], language)
            except IntegrityError:
                pass  # the same address signed up at the same moment: that one sent the link
            except DatabaseError:
                return private(
                    busy_response(
                        request, "newsletter/newsletter_page.html", {**context, "form": form}
                    )
                )
            return redirect_303(page.get_url(request) + "?sent=1")
    elif request.method in ("GET", "HEAD"):
        if request.GET.get("sent"):
            context["sent"] = True
            return private(TemplateResponse(request, "newsletter/newsletter_page.html", context))
        initial = {"languages": [language], "email": request.GET.get("email", "")[:254]}
        form = SignupForm(language=language, initial=initial)
    else:
        response = TemplateResponse(request, "newsletter/newsletter_page.html", context, status=405)
        response["Allow"] = "GET, HEAD, POST"
        return private(response)
    context["form"] = form
    return private(TemplateResponse(request, "newsletter/newsletter_page.html", context))


def _subscriber(request, token, salt, max_age=None):
    """(subscriber or None, error response or None) for a signed link."""
    try:
        pk, key = tokens.read(token, salt, max_age=max_age)
    except signing.SignatureExpired:
        return None, message(
            request,
            _("This link has expired"),
            _(
                "Confirmation links are valid for %(days)s days and unconfirmed sign-ups are "
                "then deleted. Please sign up again: you will receive a new link."
            )
            % {"days": tokens.confirm_days()},
            410,
            "warning",
        )
    except signing.BadSignature:
        return None, message(
            request,
            _("This link is not valid"),
            _(
                "The link may have been cut in your email program. Copy the whole link, or sign "
                "up again."
            ),
            404,
            "error",
        )
    subscriber = services.find(pk, key)
    if subscriber is None:
        return None, message(
            request,
            _("This subscription no longer exists"),
            _(
                "The address was unsubscribed, or the sign-up was not confirmed in time and was "
                "deleted. You can sign up again at any time."
            ),
            410,
            "warning",
        )
    return subscriber, None


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button (a link scanner that opens every link confirms nothing); the POST
    confirms. A link used again says that the subscription is already confirmed."""
    subscriber, error = _subscriber(
        request, token, tokens.CONFIRM_SALT, max_age=tokens.confirm_days() * 86_400
    )
    if error:
        return error
    preferences_link = tokens.manage_links(subscriber, _language(request))["preferences_link"]
    if request.method == "POST":
        services.confirm(subscriber)
        messages.success(request, _("Your subscription is confirmed. Thank you!"))
        return private(redirect_303(preferences_link))
    if subscriber.confirmed:
        return message(
            request,
            _("This link was already used"),
            _("Your subscription is already confirmed. You can change your preferences."),
            200,
            "info",
            action_url=preferences_link,
            action_label=_("Change your preferences"),
        )
    return private(
        TemplateResponse(
            request,
            "newsletter/confirm.html",
            {"meta_title": _("Confirm your subscription"), "subscriber": subscriber},
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token):
    subscriber, error = _subscriber(request, token, tokens.MANAGE_SALT)
    if error:
        return error
    language = _language(request)
    initial = {"languages": subscriber.language_list, "topics": subscriber.topic_list}
    if request.method == "POST":
        form = PreferencesForm(request.POST, language=language, initial=initial)
        if form.is_valid():
            services.update_preferences(
                subscriber, form.cleaned_data["languages"], form.cleaned_data["topics"]
            )
            messages.success(request, _("Your preferences are saved."))
            return private(redirect_303(request.path))
    else:
        form = PreferencesForm(language=language, initial=initial)
    links = tokens.manage_links(subscriber, language)
    context = {
        "meta_title": _("Your newsletter preferences"),
        "subscriber": subscriber,
        "form": form,
        **links,
    }
    return private(TemplateResponse(request, "newsletter/preferences.html", context))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET asks (a link scanner unsubscribes nobody); a POST unsubscribes: the button of that
    page, or a mail client's one-click POST (body ``List-Unsubscribe=One-Click``)."""
    subscriber, error = _subscriber(request, token, tokens.MANAGE_SALT)
    if subscriber is None and request.GET.get("done") and error.status_code == 410:
        # A valid link whose subscription is gone: it was just unsubscribed.
        return message(
            request,
            _("You are unsubscribed"),
            _("You will receive no more newsletters. We keep no copy of your address."),
            200,
            "success",
        )
    if error:
        return error
    if request.method == "POST":
        services.unsubscribe(subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":  # a mail client: no redirect
            return message(
                request,
                _("You are unsubscribed"),
                _("You will receive no more newsletters. We keep no copy of your address."),
                200,
                "success",
            )
        return private(redirect_303(request.path + "?done=1"))
    return private(
        TemplateResponse(
            request,
            "newsletter/unsubscribe.html",
            {"meta_title": _("Unsubscribe from the newsletter"), "subscriber": subscriber},
        )
    )
