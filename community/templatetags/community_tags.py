"""Template helpers of the member directory."""

from django import template

register = template.Library()


@register.simple_tag
def filter_label(name):
    from community.filters import FILTER_LABELS

    return FILTER_LABELS.get(name, name)


@register.simple_tag
def filter_value(filters, name):
    return getattr(filters, name, "")


@register.filter
def place_name(municipality):
    """A municipality's names with the one in the page's language first: "Чернівці
    (Chernivtsi)" on /uk/, "Chernivtsi (Чернівці)" on /en/ (Municipality.names_in)."""
    if municipality is None:
        return ""
    names_in = getattr(municipality, "names_in", None)
    if names_in is None:
        return str(municipality)
    first, other = names_in()
    return f"{first} ({other})" if other else first


@register.filter
def place_first_name(municipality):
    """Only the name to show first in the page's language."""
    names_in = getattr(municipality, "names_in", None)
    return names_in()[0] if names_in else str(municipality or "")
