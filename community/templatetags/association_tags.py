"""Template helpers for associations as brokers (issue 11): the signed-in account's
associations (for the member space's links) and the "verified by the association" badge."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def my_associations(context):
    """The signed-in account's links to associations, read once per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return []
    if not hasattr(request, "_association_links"):
        from community.associations import links_of

        request._association_links = list(links_of(user))
    return request._association_links


@register.simple_tag
def association_verification(municipality):
    """The verification the public profile shows (by the municipality's association), or None."""
    from community.associations import public_verification

    return public_verification(municipality) if municipality else None
