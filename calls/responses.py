"""The responses of the application form: private (no-store, no Referer to other sites,
not indexed), 303 after a post, the sub-page links and the page frame every step renders in."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from calls import members
from portal.http import no_store, redirect_303


def private(response):
    no_store(response)
    # The key never leaves for another site; "no-referrer" would also blank the Origin of the
    # form's own POST, which Django's CSRF check then refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def see_other(url):
    return private(redirect_303(url))


def link(request, call, name, *args):
    return call.get_url(request) + call.reverse_subpage(name, args=list(args))


def full_link(request, call, name, *args):
    return request.build_absolute_uri(link(request, call, name, *args))


def render(request, call, template, context, status=200):
    # The sub-page's own title for <title> and og:title (base.html, social_meta.html).
    meta_title = _("Apply: %(title)s") % {"title": call.title}
    application = context.get("application")
    member = members.draft_context(request.user, application)
    if "claim_for" in member:
        member["claim_url"] = link(request, call, "apply_claim", application.key)
    context = {"page": call, "self": call, "meta_title": meta_title, **member, **context}
    return private(TemplateResponse(request, template, context, status=status))


def message_page(request, call, title, text, status, kind="warning"):
    return render(
        request,
        call,
        "calls/apply_message.html",
        {"title": title, "text": text, "kind": kind},
        status=status,
    )
