"""Admin of associations as brokers (issue 11): staff link member accounts to national
associations (Community → Association members). A link gives no admin access: the account
signs in to the member space at /account/ like any member."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AssociationMember, AssociationVerification


class AssociationMemberViewSet(SnippetViewSet):
    model = AssociationMember
    icon = "user"
    menu_label = _("Association members")
    list_display = ["user", "association", "created_at"]
    list_filter = ["association"]
    search_fields = ["user__email", "association__name"]
    ordering = ["association__name", "user__email"]


class AssociationVerificationViewSet(SnippetViewSet):
    """Who verified which profile; deleting a row withdraws the badge."""

    model = AssociationVerification
    icon = "tick-inverse"
    menu_label = _("Verifications by associations")
    list_display = ["municipality", "association", "verified_on", "verified_by"]
    list_filter = ["association"]
    search_fields = ["municipality__name", "association__name"]
    ordering = ["-verified_on"]
