"""Template helpers of the call pages; the state itself comes from CallPage/CallQuerySet."""

from django import template
from django.utils.translation import gettext as _

from calls import eligibility

register = template.Library()


@register.simple_tag
def call_status_label(status):
    """A state computed by the model, in words; templates never compare dates themselves."""
    return {"open": _("Open"), "upcoming": _("Upcoming"), "closed": _("Closed")}.get(status, "")


@register.simple_tag
def call_rules(call):
    return eligibility.rules_in_words(call)
