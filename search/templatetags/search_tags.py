"""Links into the partner search from other pages, built from their data."""

from urllib.parse import urlencode

from django import template

register = template.Library()


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
    """The partner search filtered to the partner countries a call accepts (those the
    directory lists) and to partners offering the sectors it funds: the call names the
    directory's own records, so their codes and slugs are the search's filter values. The
    call's id rides along (``call=``): a member's interest from a profile found there names
    the call."""
    from portal.countries import NETWORK, codes

    page, url = _partner_page(context["request"], call.locale)
    if not page:
        return ""
    params = [("country", code) for code in codes(call.partner_countries) if code in NETWORK]
    params += [("offers", sector.slug) for sector in call.sectors.all()]
    params.append(("call", call.pk))  # carried to the profiles and their interest form
    return url + ("?" + urlencode(params) if params else "")
