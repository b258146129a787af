"""The outbox in the admin (Settings → Outgoing emails): what the portal sent, what waits for a
retry and what failed for good, with "Send again". Only users with the permissions on
OutgoingEmail (administrators) see it; nobody adds or edits an email by hand."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .mail import send_again
from .models import OutgoingEmail


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """Emails are written by the portal only: the admin lists, inspects and sends again."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy", "edit"):
            return False
        if action == "change":
            return super().user_has_permission(user, "change")
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class OutgoingEmailFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=_("Status"), choices=OutgoingEmail.Status.choices)

    class Meta:
        model = OutgoingEmail
        fields = ["status"]


class OutboxIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != OutgoingEmail.Status.SENT and self.request.user.has_perm(
            "portal.change_outgoingemail"
        ):
            buttons.append(
                MenuItem(
                    _("Send again"),
                    url=reverse("portal_outbox:send_again", args=[instance.pk]),
                    icon_name="mail",
                    priority=10,
                )
            )
        return buttons


@require_POST
def send_again_view(request, pk):
    if not request.user.has_perm("portal.change_outgoingemail"):
        raise PermissionDenied
    email = get_object_or_404(OutgoingEmail, pk=pk)
    send_again(email)
    messages.success(request, _("The email is queued to be sent again."))
    return redirect("portal_outbox:index")


class OutboxViewSet(ModelViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Outgoing emails")
    add_to_settings_menu = True
    index_view_class = OutboxIndexView
    filterset_class = OutgoingEmailFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "subject",
        Column("recipients", label=_("To")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        "attempts",
        "created_at",
        "last_error",
    ]
    search_fields = ["subject"]
    search_backend_name = None  # personal data stays out of the search index
    inspect_view_fields = [
        "subject", "from_email", "to", "status", "attempts", "created_at", "sent_at",
        "next_attempt_at", "last_error", "message",
    ]  # fmt: skip
    form_fields = ["status"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/send-again/", send_again_view, name="send_again"),
        ]


register_permission_policy(OutgoingEmail, OutboxPermissionPolicy(OutgoingEmail), exact_class=True)


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet("portal_outbox", url_prefix="outbox")


# Translations through moderation (portal/translation_workflow.py) ----------------------------


@hooks.register("before_edit_page", order=-10)  # before wagtail-localize's translation editor
def submit_translation_for_moderation(request, page):
    from .translation_workflow import handle_translation_submission

    return handle_translation_submission(request, page)


@hooks.register("register_admin_urls", order=-10)  # matched before wagtail-localize's own view
def register_moderated_translation_sync():
    from .translation_workflow import ModeratedUpdateTranslationsView, moderated_convert_to_alias

    return [
        path(
            "localize/update/<int:translation_source_id>/",
            ModeratedUpdateTranslationsView.as_view(),
            name="portal_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            moderated_convert_to_alias,
            name="portal_convert_to_alias",
        ),
    ]


# Reports → Missing translations (portal/translation_report.py) -------------------------------


class MissingTranslationsMenuItem(AdminMenuItem):
    def is_shown(self, request):
        from wagtail.admin.auth import user_has_any_page_permission

        return user_has_any_page_permission(request.user)


@hooks.register("register_admin_urls")
def register_missing_translations_report():
    from .translation_report import MissingTranslationsReportView

    return [
        path(
            "reports/missing-translations/",
            MissingTranslationsReportView.as_view(),
            name="portal_missing_translations",
        ),
        path(
            "reports/missing-translations/results/",
            MissingTranslationsReportView.as_view(results_only=True),
            name="portal_missing_translations_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_missing_translations_menu_item():
    return MissingTranslationsMenuItem(
        _("Missing translations"),
        reverse("portal_missing_translations"),
        name="missing-translations",
        icon_name="globe",
        order=650,
    )
