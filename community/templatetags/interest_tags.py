"""Interest buttons and matched contacts (issue 12) on pages that are not the member space's:
a public profile and the match page's suggestions. Nothing is read for a visitor who is not
signed in (those pages stay as cheap as before for the public)."""

from django import template

register = template.Library()


def _memberships(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return []
    if not hasattr(request, "_interest_memberships"):
        from community.members import memberships_of

        request._interest_memberships = list(memberships_of(user))
    return request._interest_memberships


@register.simple_tag(takes_context=True)
def interest_panels(context, municipality):
    """For each of the member's municipalities other than ``municipality``: its state towards
    it ({"membership", "code", …}), for the profile's "We are interested" panel."""
    if municipality is None or context.get("preview"):
        return []
    from community.interest_lists import state

    panels = []
    memberships = _memberships(context)
    call = _call_from(context["request"]) if memberships else None
    for membership in memberships:
        found = state(membership.municipality, municipality)
        if found["code"] != "self":
            panels.append({"membership": membership, "call": call, **found})
    return panels


def _call_from(request):
    """The call of ``?call=`` (the partner search of a call leads to profiles with it), in
    the active language, when it may be named by an interest; else None."""
    from community import interest_calls

    call = interest_calls.find(request.GET.get("call"))
    return interest_calls.in_locale(call) if call else None


@register.simple_tag(takes_context=True)
def contact_for_match(context, municipality):
    """True when the signed-in member's municipality has a mutual match with ``municipality``:
    its contact details are then shown to them, whatever the public setting."""
    memberships = _memberships(context)
    if not memberships or municipality is None or context.get("preview"):
        return False
    from community.interest_lists import matched_with

    return matched_with(memberships, municipality)


@register.simple_tag(takes_context=True)
def interest_state(context, subject, candidate):
    """On the match page of ``subject``: the state of ``subject`` (when the signed-in account
    is its member) towards ``candidate``, with the membership; None otherwise. The states of
    the whole page are read at the first candidate, in a fixed number of queries."""
    memberships = _memberships(context)
    if not memberships:
        return None
    membership = next(
        (m for m in memberships if m.municipality.translation_key == subject.translation_key),
        None,
    )
    if membership is None:
        return None
    request = context["request"]
    known = getattr(request, "_interest_states", {}).get(subject.pk, {})
    if candidate.pk not in known:
        from community.interest_lists import states

        page = context.get("page_obj") or context.get("suggestions")
        candidates = [c for c in getattr(page, "object_list", page or []) if c.pk not in known]
        if candidate not in candidates:
            candidates.append(candidate)
        known.update(states(membership.municipality, candidates))
        request._interest_states = {subject.pk: known}
    found = known.get(candidate.pk)
    if found is None:
        return None
    return {"membership": membership, **found}


@register.simple_tag
def interest_dashboard(municipality):
    from community.interest_lists import dashboard

    return dashboard(municipality)


@register.simple_tag
def interest_sectors(interest):
    """The sectors an interest is about, named in the active language ("" for none)."""
    if interest is None:
        return ""
    from django.utils.translation import get_language

    from community.interests import sector_names

    return sector_names(interest, (get_language() or "en").split("-")[0])
