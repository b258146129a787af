"""Admin of associations as brokers (issue 11): staff link member accounts to national
associations (Community → Association members). A link gives no admin access: the account
signs in to the member space at /account/ like any member."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AssociationMember


class AssociationMemberViewSet(SnippetViewSet):
    model = AssociationMember
    icon = "user"
    menu_label = _("Association members")
    list_display = ["user", "association", "created_at"]
    list_filter = ["association"]
    search_fields = ["user__email", "association__name"]
    ordering = ["association__name", "user__email"]
