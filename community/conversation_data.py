"""What conversations and interests hold about a member (issue 12), for ``community.member_data``:
the messages they wrote (with their files), the interests they expressed (with the note) and the
messages they reported. Exported as JSON; on erasure a message keeps its place in the thread
("erased at its author's request") but loses its text, files and author, an interest (the
municipality's stance) loses its note and author, a report its reason and reporter."""

from .models import Interest, Message, MessageAttachment, MessageReport


def _when(value):
    return value.isoformat() if value else None


def export(user):
    messages = (
        Message.objects.filter(author=user)
        .select_related("conversation__match__first", "conversation__match__second")
        .select_related("author_municipality")
        .prefetch_related("attachments")
    )
    interests = Interest.objects.filter(created_by=user).select_related("source", "target", "call")
    reports = MessageReport.objects.filter(reporter=user).select_related("municipality")
    return {
        "messages": [
            {
                "conversation": str(m.conversation.match),
                "written_for": m.author_municipality.name
                if m.author_municipality
                else "European Partnership Hub",
                "sent": _when(m.created_at),
                "body": m.body,
                "attachments": [a.original_name for a in m.attachments.all()],
            }
            for m in messages
        ],
        "interests": [
            {
                "municipality": i.source.name,
                "interested_in": i.target.name,
                "stance": i.stance,
                "note": i.note,
                "call": i.call.title if i.call else "",
                "expressed": _when(i.expressed_at),
            }
            for i in interests
        ],
        "reported_messages": [
            {"for": r.municipality.name, "reason": r.reason, "reported": _when(r.created_at)}
            for r in reports
        ],
    }


def erase(users):
    """Anonymises what ``users`` wrote; returns {what: how many}. Call inside the erasure's
    transaction, before the accounts are deleted."""
    written = Message.objects.filter(author__in=users)
    attachments = list(MessageAttachment.objects.filter(message__in=written))
    for attachment in attachments:
        attachment.delete()  # the file goes after the commit
    messages = written.update(body="", erased=True, author=None)
    interests = Interest.objects.filter(created_by__in=users).update(note="", created_by=None)
    MessageReport.objects.filter(reporter__in=users).update(reason="", reporter=None)
    return {"messages": messages, "attachments": len(attachments), "interests": interests}
