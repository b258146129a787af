"""Interest and mutual matches in the member space (issue 12) at
/<lang>/account/municipality/<pk>/interests/…; services in ``community.interests``.

The municipality a member acts for is always one of their own (``members.membership_or_404``:
404 otherwise) and the other side is looked up by the server; an interest forged for another
municipality, an answer to an interest addressed elsewhere or a withdrawal of someone else's
interest answers 404 and changes nothing. Every answer is ``private, no-store``; a successful
POST answers 303; the weekly limit answers 429 with a page that says so."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from portal.forms import clean_text
from portal.http import busy_response, no_store, redirect_303

from . import interest_calls, interests, members
from .interest_lists import dashboard
from .models import Sector

NOTE_LENGTH = 500


class InterestForm(forms.Form):
    note = forms.CharField(
        label=_("A short note (optional)"),
        max_length=NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to work on together; at most 500 characters."),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors it is about (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    call = forms.ChoiceField(
        label=_("Call for proposals it is about (optional)"),
        required=False,
        help_text=_("Calls open now or opening soon."),
        error_messages={
            "invalid_choice": _(
                "This call cannot be chosen: it is not published, or no longer open."
            )
        },
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)
    # Sent by this form (not by the one-click buttons): what it says replaces what an open
    # interest said, an emptied note included.
    details = forms.BooleanField(required=False, initial=True, widget=forms.HiddenInput)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:  # cleaned before validation: a NUL would fail it otherwise
            data = data.copy()
            data["note"] = clean_text(data.get("note", ""), multiline=True)
        super().__init__(data, *args, **kwargs)
        locale = Locale.get_active()
        named = dict(Sector.objects.filter(locale=locale).values_list("slug", "name"))
        self.fields["sectors"].choices = [
            (sector.slug, named.get(sector.slug, sector.name))
            for sector in Sector.objects.filter(locale=Locale.get_default())
        ]
        calls = interest_calls.choices(locale)
        self.fields["call"].choices = [("", gettext("No particular call"))] + [
            (str(pk), title) for pk, title in calls
        ]
        # A call named in another language (the call page's link, a stored interest) is
        # offered as its translation in this one.
        offered = {str(pk) for pk, _title in calls}
        if self.is_bound:
            posted = self.data.get("call", "")
            if posted and posted not in offered:
                self.data["call"] = self._offered(posted, offered) or posted
        elif self.initial.get("call") and str(self.initial["call"]) not in offered:
            self.initial["call"] = self._offered(self.initial["call"], offered) or ""

    @staticmethod
    def _offered(pk, offered):
        call = interest_calls.find(pk)
        if call is None:
            return None
        translation = interest_calls.in_locale(call)
        return str(translation.pk) if str(translation.pk) in offered else None

    def clean_note(self):
        return clean_text(self.cleaned_data["note"], multiline=True).strip()

    def clean_call(self):
        """The chosen call, checked again (the choices are read when the form is made)."""
        value = self.cleaned_data["call"]
        if not value:
            return None
        call = interest_calls.find(value)
        if call is None:
            raise forms.ValidationError(
                self.fields["call"].error_messages["invalid_choice"], code="invalid_choice"
            )
        return call

    def chosen_sectors(self):
        return Sector.objects.filter(
            locale=Locale.get_default(), slug__in=self.cleaned_data["sectors"]
        )


def refusal_text(code):
    """Why an interest was refused, for the member (a block is told as "not open")."""
    if code == "pair":
        return gettext(
            "Interests are only between a Ukrainian municipality and a municipality outside "
            "Ukraine: the network pairs the two."
        )
    return gettext("This municipality is not open to new partners.")


def _render(request, template, context, status=200):
    return no_store(TemplateResponse(request, template, context, status=status))


def _other_or_404(pk):
    other = interests.default_record(pk)
    if other is None:
        raise Http404
    return other


def _back(request, form_next, pk):
    if form_next and url_has_allowed_host_and_scheme(
        form_next, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return form_next
    return reverse("member_interests", args=[pk])


@login_required
def overview(request, pk):
    membership = members.membership_or_404(request.user, pk)
    interests.remember_language(request.user, get_language())
    context = {"membership": membership, "municipality": membership.municipality}
    context.update(dashboard(membership.municipality))
    return _render(request, "community/interests/overview.html", context)


@login_required
def express(request, pk, target_pk):
    """GET: the form with a note, sectors and a call (pre-filled with the municipality's open
    interest in the target, when there is one; the call of ``?call=`` when the member comes
    from a call's partner search); POST (from it, or the one-click buttons of the profile,
    the match page and the dashboard): the interest, or its new details (one row)."""
    membership = members.membership_or_404(request.user, pk)
    target = _other_or_404(target_pk)
    if target.pk == membership.municipality_id:
        raise Http404  # no interest in oneself
    posted = request.method == "POST"
    existing = interests.open_interest(membership.municipality, target)
    form = InterestForm(request.POST if posted else None, initial=_initial(request, existing))
    next_url = request.POST.get("next") if posted else request.GET.get("next")
    context = {"membership": membership, "municipality": membership.municipality}
    context.update(
        {
            "target": target,
            "form": form,
            "existing": existing,
            "back_url": _back(request, next_url, pk),
        }
    )
    if not posted:
        return _render(request, "community/interests/express.html", context)
    if not form.is_valid():
        return _render(request, "community/interests/express.html", context, status=400)
    interests.remember_language(request.user, get_language())
    try:
        _interest, match = interests.express(
            membership.municipality,
            target,
            request.user,
            note=form.cleaned_data["note"],
            sectors=form.chosen_sectors(),
            call=form.cleaned_data["call"],
            edit=form.cleaned_data["details"],
        )
    except interests.Refused as refused:
        if refused.code == "self":
            raise Http404 from None
        form.add_error(None, refusal_text(refused.code))
        return _render(request, "community/interests/express.html", context, status=400)
    except interests.LimitReached:
        context["limit"] = interests.weekly_limit()
        return _render(request, "community/interests/limit.html", context, status=429)
    except OperationalError:
        return busy_response(request, "community/interests/express.html", context)
    if match:
        messages.success(request, _matched_text(target))
    elif existing is not None and form.cleaned_data["details"]:
        messages.success(
            request,
            gettext("Your interest in %(name)s was updated.") % {"name": target.display_name},
        )
    elif existing is not None:  # a one-click repeat: nothing changed, nobody told again
        messages.info(
            request,
            gettext("You had said already that you are interested in %(name)s.")
            % {"name": target.display_name},
        )
    else:
        messages.success(
            request,
            gettext(
                "%(name)s will be told that you are interested. You will hear from us if the "
                "interest is mutual."
            )
            % {"name": target.display_name},
        )
    return redirect_303(_back(request, form.cleaned_data["next"], pk))


def _initial(request, existing):
    """The form's first values: the open interest's, and the call the member came with."""
    initial = {"next": request.GET.get("next")}
    if existing is not None:
        initial["note"] = existing.note
        initial["sectors"] = [sector.slug for sector in existing.sectors.all()]
        initial["call"] = existing.call_id or ""
    if request.GET.get("call"):
        initial["call"] = request.GET["call"]
    return initial


def _matched_text(other):
    return gettext(
        "You and %(name)s are both interested: it is a match. Its contact details are now "
        "shown to you."
    ) % {"name": other.display_name}


@login_required
@require_POST
def answer(request, pk, other_pk, reply):
    if reply not in ("yes", "no"):
        raise Http404
    membership = members.membership_or_404(request.user, pk)
    other = _other_or_404(other_pk)
    interests.remember_language(request.user, get_language())
    try:
        result = interests.answer(membership.municipality, other, request.user, reply == "yes")
    except interests.Refused as refused:  # a block is told as "not open"; nothing changes
        messages.info(request, refusal_text(refused.code))
        return redirect_303(_back(request, request.POST.get("next"), pk))
    if result is None:
        raise Http404  # nothing of this municipality's to answer
    _interest, match = result
    if match:
        messages.success(request, _matched_text(other))
    elif reply == "yes":
        text = gettext("Thank you: %(name)s will be told.")
        messages.success(request, text % {"name": other.display_name})
    else:
        messages.info(
            request,
            gettext("Noted. %(name)s is not told of your answer.") % {"name": other.display_name},
        )
    return redirect_303(_back(request, request.POST.get("next"), pk))


@login_required
@require_POST
def withdraw(request, pk, other_pk):
    membership = members.membership_or_404(request.user, pk)
    other = _other_or_404(other_pk)
    if not interests.withdraw(membership.municipality, other):
        raise Http404
    messages.success(
        request, gettext("Your interest in %(name)s was withdrawn.") % {"name": other.display_name}
    )
    return redirect_303(_back(request, request.POST.get("next"), pk))
