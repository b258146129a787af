"""Conversations in the member space (issue 12) at
/<lang>/account/municipality/<pk>/conversations/…, and for the Hub's staff added to one at
/<lang>/account/conversations/<pk>/; services in ``community.conversations``.

The municipality a member acts for is one of their own (``members.membership_or_404``) and the
conversation must be one of its two sides' (404 otherwise, for the page, a post, a report, a
block and an attachment alike, so a third municipality's member learns nothing and changes
nothing). Every answer is ``private, no-store``; a successful POST answers 303; too many
messages answer 429 with the site's page; attachments are served only here, as downloads."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from portal.http import busy_response, no_store, redirect_303
from portal.ratelimit import allow_key
from portal.uploads import private_download, storage_error_message

from . import conversations, interests, members
from .conversation_forms import MessageForm, ReportForm, max_attachment_size, max_attachments
from .interest_lists import _others
from .models import Message, MessageAttachment, ReadState
from .models.conversation import REPORT_LENGTH

logger = logging.getLogger("portal")


def _render(request, template, context, status=200):
    return no_store(TemplateResponse(request, template, context, status=status))


def _member_side(request, pk, conversation_pk):
    membership = members.membership_or_404(request.user, pk)
    conversation = conversations.conversation_for_member(conversation_pk, membership.municipality)
    if conversation is None:
        raise Http404
    return membership, conversation


def _staff_side(request, conversation_pk):
    conversation = conversations.conversation_for_staff(conversation_pk, request.user)
    if conversation is None:
        raise Http404
    return conversation


@login_required
def index(request, pk):
    membership = members.membership_or_404(request.user, pk)
    context = {"membership": membership, "municipality": membership.municipality}
    context["conversations"] = listed(membership.municipality, request.user)
    return _render(request, "community/conversations/index.html", context)


def listed(municipality, user):
    """[{"conversation", "other", "unread"}] of ``municipality`` for ``user``: three queries."""
    found = conversations.for_municipality(municipality, user)

    def other_pk(conversation):
        first, second = conversation.municipality_pks
        return second if first == municipality.pk else first

    names = _others({other_pk(c) for c in found})
    return [
        {"conversation": c, "other": names[other_pk(c)], "unread": c.unread}
        for c in found
        if other_pk(c) in names
    ]


@login_required
def page(request, pk, conversation_pk):
    membership, conversation = _member_side(request, pk, conversation_pk)
    interests.remember_language(request.user, get_language())
    return _page(request, conversation, membership.municipality, membership)


@login_required
def hub_page(request, conversation_pk):
    return _page(request, _staff_side(request, conversation_pk), None, None)


def _url(conversation, municipality):
    if municipality is None:
        return reverse("hub_conversation", args=[conversation.pk])
    return reverse("member_conversation", args=[municipality.pk, conversation.pk])


def _too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return length > max_attachments() * max_attachment_size() + 64 * 1024


def _page(request, conversation, municipality, membership):
    posted = request.method == "POST"
    if posted and _too_large(request):  # refused before Django reads the body
        limit = filesizeformat(max_attachments() * max_attachment_size())
        return _render(request, "413.html", {"limit": limit}, status=413)
    form = MessageForm(request.POST if posted else None, request.FILES if posted else None)
    context = _context(request, conversation, municipality, membership, form)
    if not posted:
        response = _render(request, "community/conversations/page.html", context)
        conversations.mark_read(conversation, request.user)
        return response
    if context["closed"]:
        return _render(request, "community/conversations/page.html", context, status=403)
    limit, period = settings.CONVERSATION_RATE_LIMIT
    if not allow_key(f"ratelimit:conversation:{request.user.pk}", limit, period):
        return _render(request, "429.html", context, status=429)
    if not form.is_valid():
        return _render(request, "community/conversations/page.html", context, status=400)
    try:
        conversations.post(
            conversation,
            request.user,
            municipality,
            form.cleaned_data["body"],
            form.cleaned_data["attachments"],
        )
    except conversations.Closed:
        return _render(request, "community/conversations/page.html", context, status=403)
    except OperationalError:
        return busy_response(request, "community/conversations/page.html", context)
    except OSError:
        logger.exception("Private storage refused a file of conversation %s", conversation.pk)
        form.add_error(None, storage_error_message())
        return _render(request, "community/conversations/page.html", context, status=503)
    messages.success(request, gettext("Your message was sent."))
    return redirect_303(_url(conversation, municipality))


def _context(request, conversation, municipality, membership, form):
    match = conversation.match
    names = {match.first_id: match.first, match.second_id: match.second}
    names.update(_others(conversation.municipality_pks))  # in the page's language when it exists
    if municipality is None:
        other = None
        title = " – ".join(names[pk].display_name for pk in conversation.municipality_pks)
        blocked_by_me = False
    else:
        other = names[match.other(municipality.pk).pk]
        title = other.display_name
        blocked_by_me = conversations.blocked_by(municipality.pk, other.pk)
    state = ReadState.objects.filter(conversation=conversation, user=request.user).first()
    read_upto = state.last_read_id if state else 0
    shown = []
    for message in conversations.messages_of(conversation):
        mine = (
            message.from_hub
            if municipality is None
            else message.author_municipality_id == municipality.pk
        )
        author = names.get(message.author_municipality_id)
        shown.append(
            {
                "message": message,
                "mine": mine,
                "author": author.display_name if author else None,
                "new": not mine and message.pk > read_upto,
            }
        )
    return {
        "membership": membership,
        "municipality": municipality,
        "conversation": conversation,
        "other": other,
        "title": title,
        "staff": list(conversation.staff.all()),
        "thread": shown,
        "form": form,
        "report_form": ReportForm(),
        "report_pk": None,
        "report_length": REPORT_LENGTH,
        "reported": conversations.reported_by(conversation, municipality),
        "closed": conversations.is_closed(conversation),
        "blocked_by_me": blocked_by_me,
        "action": _url(conversation, municipality),
    }


@login_required
def attachment(request, pk, conversation_pk, attachment_pk):
    _membership, conversation = _member_side(request, pk, conversation_pk)
    found = get_object_or_404(
        MessageAttachment, pk=attachment_pk, message__conversation=conversation
    )
    return private_download(found)


@login_required
def hub_attachment(request, conversation_pk, attachment_pk):
    conversation = _staff_side(request, conversation_pk)
    found = get_object_or_404(
        MessageAttachment, pk=attachment_pk, message__conversation=conversation
    )
    return private_download(found)


@login_required
@require_POST
def report(request, pk, conversation_pk, message_pk):
    membership, conversation = _member_side(request, pk, conversation_pk)
    message = get_object_or_404(
        Message.objects.exclude(author_municipality_id=membership.municipality_id),
        pk=message_pk,
        conversation=conversation,
    )
    form = ReportForm(request.POST)
    if not form.is_valid():  # the page again, the form open under the message, its text kept
        municipality = membership.municipality
        context = _context(request, conversation, municipality, membership, MessageForm())
        context.update({"report_form": form, "report_pk": message.pk})
        return _render(request, "community/conversations/page.html", context, status=400)
    _row, created = conversations.report(
        message, membership.municipality, request.user, form.cleaned_data["reason"]
    )
    if created:
        text = gettext(
            "Thank you: the message was reported to the European Partnership Hub's staff."
        )
    else:
        text = gettext("You had reported this message already.")
    messages.success(request, text)
    return redirect_303(_url(conversation, membership.municipality) + f"#message-{message.pk}")


@login_required
@require_POST
def block(request, pk, conversation_pk):
    membership, conversation = _member_side(request, pk, conversation_pk)
    other = conversation.match.other(membership.municipality_id)
    conversations.block(membership.municipality, other, request.user)
    messages.success(
        request,
        gettext(
            "You blocked %(name)s: no messages or interests can be sent between you. They are "
            "only told that the conversation is closed."
        )
        % {"name": other.display_name},
    )
    return redirect_303(_url(conversation, membership.municipality))


@login_required
@require_POST
def unblock(request, pk, conversation_pk):
    membership, conversation = _member_side(request, pk, conversation_pk)
    other = conversation.match.other(membership.municipality_id)
    if conversations.unblock(membership.municipality, other):
        messages.success(
            request, gettext("%(name)s is no longer blocked.") % {"name": other.display_name}
        )
    return redirect_303(_url(conversation, membership.municipality))
