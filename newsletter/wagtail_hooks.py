"""Staff side of the newsletter: the subscribers with filters (language, topic, confirmed) and
a CSV/XLSX export of the confirmed ones for the team's mailing tool; the digest's preview and
sending (newsletter.admin_views)."""

from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from newsletter import admin_views
from newsletter.forms import language_choices, topic_choices
from newsletter.models import Subscriber
from portal.export import SafeExportMixin


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """Subscribers come with their own consent, from the sign-up page only: nobody adds or
    edits one in the admin (staff may delete)."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def _topics(request=None):
    return topic_choices("en")


class SubscriberFilterSet(WagtailFilterSet):
    language = ChoiceFilter(label=_("Language"), choices=language_choices, method="by_language")
    topic = ChoiceFilter(label=_("Topic"), choices=_topics, method="by_topic")
    confirmed = BooleanFilter(label=_("Confirmed"), method="by_confirmed")

    class Meta:
        model = Subscriber
        fields = []

    def by_language(self, queryset, name, value):
        return queryset.filter(languages__contains=f",{value},") if value else queryset

    def by_topic(self, queryset, name, value):
        return queryset.filter(topics__contains=f",{value},") if value else queryset

    def by_confirmed(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(confirmed_at__isnull=not value)


class SubscriberIndexView(SafeExportMixin, IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if getattr(self, "is_export", False):
            # Only confirmed consent goes to the mailing tool.
            queryset = queryset.filter(~Q(confirmed_at=None))
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["digest_url"] = reverse("newsletter_digest")
        return context


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Newsletter")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = SubscriberIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    filterset_class = SubscriberFilterSet
    list_display = [
        "email",
        "languages_display",
        "topics_display",
        "created_at",
        "confirmed_at",
    ]
    search_fields = ["email"]
    search_backend_name = None  # the database: addresses stay out of the search index
    list_export = ["email", "language", "language_list", "topic_list", "confirmed_at"]
    export_headings = {
        "language": _("Language of the emails"),
        "language_list": _("Editions wanted"),
        "topic_list": _("Topics"),
    }
    export_filename = "newsletter-subscribers"
    form_fields = ["languages", "topics"]


register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber), exact_class=True)
subscriber_viewset = SubscriberViewSet("newsletter_subscriber", url_prefix="newsletter")


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return subscriber_viewset


@hooks.register("register_admin_urls")
def register_digest_urls():
    return [path("newsletter-digest/", admin_views.digest, name="newsletter_digest")]


@hooks.register("register_admin_menu_item")
def register_digest_menu_item():
    return MenuItem(
        _("Newsletter digest"),
        reverse("newsletter_digest"),
        icon_name="mail",
        order=261,
    )
