"""The member's partnerships on "My municipality" and beside its mutual matches (issue 12)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def partnership_dashboard(context, municipality):
    """{"items": community.partnerships.dashboard, "by_match": {match pk: partnership}}, read
    once per request whichever templates ask."""
    request = context.get("request")
    cached = getattr(request, "_partnership_dashboard", {})
    if municipality.pk not in cached:
        from community import partnerships
        from community.interest_lists import _others

        items = partnerships.dashboard(municipality, {})
        names = _others({item["other"].pk for item in items})
        for item in items:
            item["other"] = names.get(item["other"].pk, item["other"])
        cached[municipality.pk] = {"items": items, "by_match": partnerships.by_match(items)}
        if request is not None:
            request._partnership_dashboard = cached
    return cached[municipality.pk]


@register.filter
def for_match(by_match, match_pk):
    return by_match.get(match_pk)
