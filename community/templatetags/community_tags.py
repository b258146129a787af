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
