"""The address of the newsletter sign-up page in the visitor's language, for the footer: read
once per language and content generation (like the menu), so a warm page makes no query."""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Site

from newsletter.models import NewsletterPage
from portal.templatetags.navigation_tags import shared

register = template.Library()


@register.simple_tag(takes_context=True)
def newsletter_signup_url(context):
    request = context.get("request")
    if request is None:
        return ""
    site = Site.find_for_request(request)
    if site is None:
        return ""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]

    def lookup():
        pages = NewsletterPage.objects.live().public().select_related("locale")
        chosen = None
        for page in pages:
            if page.locale.language_code == language:
                chosen = page
                break
            if chosen is None or page.locale.language_code == settings.LANGUAGE_CODE:
                chosen = page
        return (chosen.get_url(request) or "") if chosen else ""

    return shared(request, "newsletter", f"{site.pk}:{language}", lookup)
