"""The admin of what visitors send through a public form (applications to calls, registrations
for events), the same in every app: a listing with filters, searched in the database (personal
data stays out of the search index), exported to CSV/XLSX without live formulas
(portal/export.py), with nobody adding or copying a submission in the admin, and a button in a
page's menu that opens the listing filtered to that page.

An app subclasses ``SubmissionIndexView`` and ``SubmissionViewSet`` with its model, columns,
filters and export fields, and registers the viewset with ``register_submission_viewset``."""

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.export import SafeExportMixin


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Submissions come from the public form only: nobody adds or copies one in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SubmissionIndexView(SafeExportMixin, IndexView):
    """The listing and its CSV/XLSX export (formulas neutralised, times in the site's zone)."""


class SubmissionViewSet(ModelViewSet):
    add_to_admin_menu = True
    index_view_class = SubmissionIndexView
    copy_view_enabled = False
    search_backend_name = None  # the database: personal data stays out of the search index


def register_submission_viewset(viewset_class, name, url_prefix):
    """Registers the model's SubmissionPermissionPolicy and an instance of ``viewset_class``
    in the admin; returns the instance (its permission policy and URL names)."""
    model = viewset_class.model
    register_permission_policy(model, SubmissionPermissionPolicy(model), exact_class=True)
    viewset = viewset_class(name, url_prefix=url_prefix)
    hooks.register("register_admin_viewset", lambda: viewset)
    return viewset


def in_default_locale(pages):
    """The pages (a page queryset) of the site's default language: a listing's filter names
    each call or event once, not once per translation."""
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:
        return pages.none()
    return pages.filter(locale=default)


class SubmissionsButton(PageMenuItem):
    """An entry of a page's menu in the page explorer leading to its submissions, shown to
    users with ``permission`` on the submissions of ``viewset``; a subclass sets both and
    says its ``url``."""

    viewset = None
    permission = "view"

    def is_shown(self, user):
        return self.viewset.permission_policy.user_has_permission(user, self.permission)
