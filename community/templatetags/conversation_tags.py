"""The conversations panel of "My municipality" (issue 12)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def conversations_of(context, municipality):
    """[{"conversation", "other", "unread"}] for the signed-in member, in three queries."""
    from community.conversation_views import listed

    return listed(municipality, context["request"].user)
