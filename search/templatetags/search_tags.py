"""Links into the partner search from other pages, built from their data."""

from urllib.parse import urlencode

from django import template

register = template.Library()

# Call sectors (calls.choices.Sector) that the directory names differently.
CALL_SECTORS = {"governance": ["administration", "eu-integration"]}


def _partner_page(request, locale):
    from search.models import PartnerSearchPage

    page = PartnerSearchPage.objects.live().filter(locale=locale).first()
    return page, (page.get_url(request) if page else None)


@register.simple_tag(takes_context=True)
def partner_match_url(context, municipality):
    """The explained suggestions for ``municipality`` in the page's language, or ""."""
    request = context["request"]
    locale = getattr(context.get("page"), "locale", None) or municipality.locale
    page, url = _partner_page(request, locale)
    if not page:
        return ""
    return url + page.reverse_subpage("match", kwargs={"slug": municipality.slug})


@register.simple_tag(takes_context=True)
def partner_search_url_for_call(context, call):
    """The partner search filtered to the partner countries and sectors a call accepts."""
    from community.models.base import COUNTRY_NAMES
    from community.sectors import SECTORS

    page, url = _partner_page(context["request"], call.locale)
    if not page:
        return ""
    known = {slug for slug, *_names in SECTORS}
    params = [("country", code) for code in call.partner_countries if code in COUNTRY_NAMES]
    for code in call.sectors:
        for slug in CALL_SECTORS.get(code, [code]):
            if slug in known:
                params.append(("offers", slug))
    return url + ("?" + urlencode(params) if params else "")
