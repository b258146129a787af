"""The explained suggestions on a member's dashboard (issue 12): the best few candidates of the
match page (``search.matching``), each with its reasons, for one-click interest."""

from django import template
from wagtail.models import Locale

register = template.Library()

DASHBOARD_SUGGESTIONS = 5


@register.simple_tag(takes_context=True)
def member_suggestions(context, municipality, count=DASHBOARD_SUGGESTIONS):
    """The first ``count`` suggestions for ``municipality`` in the active language."""
    from community.cards import directory_for, link_profiles, sectors_by_slug
    from search.matching import suggestions

    request = context["request"]
    locale = Locale.get_active()
    page = suggestions(municipality, locale, request, sectors_by_slug(locale), per_page=count)
    candidates = list(page.object_list)
    # Their profiles' addresses from one look-up of the directory, not one per candidate.
    link_profiles(candidates, request, directory_for(locale))
    return candidates
