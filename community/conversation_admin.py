"""Conversations in the Wagtail admin (issue 12): staff add the Hub's staff to a conversation
(Community → Conversations; they then read and write it at /account/conversations/<pk>/ and
are emailed its new messages), and see the messages members reported with the message itself
(Community → Reported messages). Conversations open with matches, never from the admin.
Registered by ``community.wagtail_hooks``."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet

from .models import Conversation, Interest, MessageReport


class NoCreatePolicy(ModelPermissionPolicy):
    """The model's permissions, without "add": rows are made by the member flow."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


class ConversationViewSet(SnippetViewSet):
    model = Conversation
    icon = "comment"
    menu_label = _("Conversations")
    # The first column a field name: Wagtail makes it the title column, linked to the edit
    # view (add staff) or the inspect view, with the row's actions (a Column object is not).
    list_display = [
        "match",
        Column("last_message_at", label=_("Last message")),
        Column("created_at", label=_("Opened on")),
    ]
    search_fields = ["match__first__name", "match__second__name"]
    panels = [FieldPanel("staff")]
    inspect_view_enabled = True
    inspect_view_fields = ["match", "created_at", "last_message_at", "staff"]
    ordering = ["-last_message_at"]


class ReportInspectView(InspectView):
    def get_message_display_value(self):
        """The reported message whole: who wrote it for whom, when, its text and files."""
        message = self.object.message
        author = message.author_municipality or _("European Partnership Hub")
        files = ", ".join(a.original_name for a in message.attachments.all())
        return format_html(
            '<p>{}, {}</p><blockquote style="white-space: pre-wrap">{}</blockquote><p>{}</p>',
            author,
            date_format(timezone.localtime(message.created_at), "DATETIME_FORMAT"),
            message.body,
            files,
        )


class MessageReportViewSet(SnippetViewSet):
    """Reports are read with their message; "handled" is the only thing staff change."""

    model = MessageReport
    icon = "warning"
    menu_label = _("Reported messages")
    list_display = [
        "message",  # the title column (see ConversationViewSet): the message's first words
        Column("municipality", label=_("Reported by")),
        Column("reason", label=_("Reason")),
        Column("created_at", label=_("Reported on")),
        BooleanColumn("handled", label=_("Handled")),
    ]
    list_filter = ["handled"]
    panels = [FieldPanel("handled")]
    inspect_view_enabled = True
    inspect_view_class = ReportInspectView
    inspect_view_fields = ["message", "municipality", "reporter", "reason", "created_at"]
    ordering = ["handled", "-created_at"]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The model's "view" permission and nothing more: the rows are the members' own."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class InterestViewSet(SnippetViewSet):
    """Every interest with its stance and the call it is about, read only, with CSV/XLSX
    export (Community → Interests): the pipeline counts them, this lists them."""

    model = Interest
    icon = "link"
    menu_label = _("Interests")
    list_display = [
        "source",  # the title column: the interested municipality
        Column("target", label=_("Interested in")),
        Column("stance", label=_("Stance"), accessor="get_stance_display"),
        Column("call", label=_("Call")),
        Column("expressed_at", label=_("Expressed on")),
    ]
    list_filter = ["stance", "proposed_by_hub"]
    list_export = ["source", "target", "stance", "call", "proposed_by_hub", "expressed_at"]
    export_headings = {"source": _("Municipality"), "target": _("Interested in")}
    search_fields = ["source__name", "target__name"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "source",
        "target",
        "stance",
        "call",
        "sectors",
        "note",
        "proposed_by_hub",
        "expressed_at",
        "match",
    ]
    ordering = ["-updated_at"]

    def get_queryset(self, request):
        return Interest.objects.select_related("source", "target", "call", "match")


# Conversations open with matches and reports come from members: nobody adds one in the admin.
register_permission_policy(Conversation, NoCreatePolicy(Conversation))
register_permission_policy(MessageReport, NoCreatePolicy(MessageReport))
register_permission_policy(Interest, ReadOnlyPolicy(Interest))
