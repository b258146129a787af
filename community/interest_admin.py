"""Staff propose a match between two municipalities (issue 12) from the Wagtail admin: both
get an interest "proposed by the European Partnership Hub" and answer it like any other
(``community.interests.propose``). Registered by ``community.wagtail_hooks``."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale

PERMISSION = "community.change_municipality"


def may_propose(user):
    return user.is_active and user.has_perm(PERMISSION)


class ProposalForm(forms.Form):
    first = forms.ModelChoiceField(label=_("Municipality"), queryset=None)
    second = forms.ModelChoiceField(label=_("Partner municipality"), queryset=None)

    def __init__(self, *args, **kwargs):
        from community.models import Municipality

        super().__init__(*args, **kwargs)
        live = Municipality.objects.filter(live=True, locale=Locale.get_default()).order_by("name")
        self.fields["first"].queryset = self.fields["second"].queryset = live

    def clean(self):
        from community.interests import match_between, ua_eu_sides

        data = super().clean()
        first, second = data.get("first"), data.get("second")
        if first and second:
            if first == second:
                raise forms.ValidationError(_("Choose two different municipalities."))
            if ua_eu_sides(first, second) is None:
                raise forms.ValidationError(
                    _(
                        "A match joins a Ukrainian municipality and a municipality outside "
                        "Ukraine: choose one of each."
                    )
                )
            if match_between(first, second):
                raise forms.ValidationError(_("These two municipalities are a match already."))
            closed = [m.name for m in (first, second) if not m.open_to_partners]
            if closed:
                raise forms.ValidationError(
                    _("Not open to new partners: %(names)s.") % {"names": ", ".join(closed)}
                )
        return data


def propose_match(request):
    from community import interests

    if not may_propose(request.user):
        raise PermissionDenied
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        first, second = form.cleaned_data["first"], form.cleaned_data["second"]
        match = interests.propose(first, second, request.user)
        if match:
            messages.success(request, _("Both were interested already: they are now a match."))
        else:
            messages.success(
                request,
                _("The match of %(first)s and %(second)s was proposed to both.")
                % {"first": first.name, "second": second.name},
            )
        return redirect(reverse("community_propose_match"))
    response = TemplateResponse(request, "community/admin/propose_match.html", {"form": form})
    add_never_cache_headers(response)
    return response


@hooks.register("register_admin_urls")
def register_proposal_url():
    return [path("community/propose-match/", propose_match, name="community_propose_match")]


class ProposalMenuItem(MenuItem):
    def is_shown(self, request):
        return may_propose(request.user)


@hooks.register("register_admin_menu_item")
def register_proposal_menu_item():
    return ProposalMenuItem(
        _("Propose a match"), reverse("community_propose_match"), icon_name="link", order=260
    )
