"""The life of a partnership in the member space (issue 12) at
/<lang>/account/municipality/<pk>/partnerships/…; services in ``community.partnerships``.

The acting municipality is always one of the member's own (``members.membership_or_404``) and
every match, partnership or stage change is looked up among that municipality's own: any other
id answers 404 and changes nothing. Answers are ``private, no-store``; a successful POST
answers 303."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, OperationalError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from portal.http import busy_response, no_store, redirect_303

from . import interests, members, partnerships
from .interest_lists import _others
from .models import Programme, Stage


class PartnershipForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("How far has the partnership come?"),
        choices=Stage.choices,
        initial=Stage.FIRST_CONTACT,
    )
    programme = forms.ModelChoiceField(
        label=_("Programme (optional)"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=_("No programme"),
    )
    started_on = forms.DateField(
        label=_("Start date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When the two municipalities started working together."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.in_locale(
            Locale.get_active()
        ).order_by("name")

    def clean_programme(self):
        """The programme's record in the default language (partnerships are recorded there)."""
        programme = self.cleaned_data["programme"]
        if programme is None:
            return None
        return (
            Programme.objects.filter(
                translation_key=programme.translation_key, locale=Locale.get_default()
            ).first()
            or programme
        )


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=())

    def __init__(self, partnership, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = partnerships.next_stages(partnership)
        # The stage after the current one comes preselected (an earlier one can still be
        # chosen, to correct a mistake).
        order = list(Stage.values)
        later = order[order.index(partnership.stage) + 1 :] if partnership.stage in order else []
        self.fields["stage"].initial = later[0] if later else None


def _render(request, template, context, status=200):
    return no_store(TemplateResponse(request, template, context, status=status))


def _overview_url(pk):
    return reverse("member_partnerships", args=[pk])


@login_required
def overview(request, pk):
    membership = members.membership_or_404(request.user, pk)
    municipality = membership.municipality
    interests.remember_language(request.user, get_language())
    items = partnerships.dashboard(municipality, {})
    names = _others({item["other"].pk for item in items})
    for item in items:
        item["other"] = names.get(item["other"].pk, item["other"])
    context = {"membership": membership, "municipality": municipality, "partnerships": items}
    return _render(request, "community/partnerships/overview.html", context)


@login_required
def propose(request, pk, match_pk):
    """GET: the form (stage, programme, start date); POST: the proposal, told to the other
    side. A pair that is not Ukrainian–EU is told why, politely, and nothing is stored."""
    membership = members.membership_or_404(request.user, pk)
    municipality = membership.municipality
    match = partnerships.match_of(municipality, match_pk)
    if match is None:
        raise Http404
    other = match.other(municipality.pk)
    other = _others({other.pk}).get(other.pk, other)
    posted = request.method == "POST"
    if posted:
        # The language the member acts in is the language of the emails they get back.
        interests.remember_language(request.user, get_language())
    form = PartnershipForm(request.POST if posted else None)
    context = {"membership": membership, "municipality": municipality, "other": other}
    context.update({"form": form, "match": match})
    context["ua_eu"] = interests.ua_eu_sides(match.first, match.second) is not None
    if not posted:
        return _render(request, "community/partnerships/propose.html", context)
    if not context["ua_eu"]:
        return _render(request, "community/partnerships/propose.html", context, status=400)
    if not form.is_valid():
        return _render(request, "community/partnerships/propose.html", context, status=400)
    try:
        partnerships.propose(
            municipality,
            match,
            request.user,
            stage=form.cleaned_data["stage"],
            programme=form.cleaned_data["programme"],
            started_on=form.cleaned_data["started_on"],
        )
    except (partnerships.Refused, IntegrityError):
        form.add_error(
            None, gettext("A partnership of these two municipalities is recorded already.")
        )
        return _render(request, "community/partnerships/propose.html", context, status=400)
    except OperationalError:
        return busy_response(request, "community/partnerships/propose.html", context)
    messages.success(
        request,
        gettext(
            "Thank you: %(name)s will be asked to confirm the partnership. Once confirmed, "
            "the European Partnership Hub publishes it."
        )
        % {"name": other.display_name},
    )
    return redirect_303(_overview_url(pk))


@login_required
@require_POST
def answer(request, pk, partnership_pk, reply):
    if reply not in ("confirm", "decline"):
        raise Http404
    membership = members.membership_or_404(request.user, pk)
    interests.remember_language(request.user, get_language())
    partnership = partnerships.answer(
        membership.municipality, partnership_pk, request.user, reply == "confirm"
    )
    if partnership is None:
        raise Http404
    if reply == "confirm":
        messages.success(
            request,
            gettext(
                "Thank you: the partnership is confirmed. The European Partnership Hub will "
                "publish it on the partnerships page."
            ),
        )
    else:
        messages.info(request, gettext("The proposed partnership was declined."))
    return redirect_303(_overview_url(pk))


@login_required
def stage(request, pk, partnership_pk):
    """GET: the form to propose a new stage; POST: the proposal (nothing changes until the
    other side confirms it)."""
    membership = members.membership_or_404(request.user, pk)
    municipality = membership.municipality
    partnership = partnerships.partnership_of(municipality, partnership_pk)
    if partnership is None or not partnerships.editable(partnership):
        raise Http404
    posted = request.method == "POST"
    form = StageForm(partnership, request.POST if posted else None)
    other = partnership.other_side(municipality.pk)
    context = {"membership": membership, "municipality": municipality, "form": form}
    context.update({"partnership": partnership, "other": _others({other.pk}).get(other.pk, other)})
    if not posted:
        return _render(request, "community/partnerships/stage.html", context)
    if not form.is_valid():
        return _render(request, "community/partnerships/stage.html", context, status=400)
    try:
        partnerships.propose_stage(
            municipality, partnership, request.user, form.cleaned_data["stage"]
        )
    except (partnerships.Refused, IntegrityError):
        form.add_error(
            None, gettext("A stage change is already waiting for the partner's confirmation.")
        )
        return _render(request, "community/partnerships/stage.html", context, status=400)
    except OperationalError:
        return busy_response(request, "community/partnerships/stage.html", context)
    messages.success(
        request,
        gettext("Thank you: the new stage is recorded when %(name)s confirms it.")
        % {"name": context["other"].display_name},
    )
    return redirect_303(_overview_url(pk))


@login_required
@require_POST
def answer_stage(request, pk, partnership_pk, change_pk, reply):
    if reply not in ("confirm", "decline"):
        raise Http404
    membership = members.membership_or_404(request.user, pk)
    change = partnerships.answer_stage(
        membership.municipality, partnership_pk, change_pk, request.user, reply == "confirm"
    )
    if change is None:
        raise Http404
    if reply == "confirm":
        messages.success(
            request,
            gettext("The partnership is now at the stage “%(stage)s”.")
            % {"stage": change.get_stage_display()},
        )
    else:
        messages.info(request, gettext("The stage change was declined."))
    return redirect_303(_overview_url(pk))
