"""The pipeline of matchmaking in the Wagtail admin (issue 12): the counts of
``community.pipeline`` per country, programme and month with CSV and XLSX export (Wagtail's
spreadsheet export with the portal's ``SafeExportMixin``), and the partnerships both sides
confirmed, each with the staff action that publishes it. Registered by
``community.wagtail_hooks``; every view checks the permission itself."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from portal.export import SafeExportMixin

PERMISSION = "community.change_partnership"


def may_see_pipeline(user):
    return user.is_active and user.has_perm(PERMISSION)


class PipelineView(SafeExportMixin, SpreadsheetExportMixin, View):
    export_filename = "matchmaking-pipeline"

    @property
    def list_export(self):
        from community.pipeline import KINDS

        return ["dimension", "value", *KINDS]

    @property
    def export_headings(self):
        from community.pipeline import KINDS

        return {"dimension": _("Counted by"), "value": _("Value"), **KINDS}

    def to_row_dict(self, item):
        return {field: item[field] for field in self.list_export}

    def get(self, request):
        from community import pipeline

        if not may_see_pipeline(request.user):
            raise PermissionDenied
        data = pipeline.pipeline()
        if self.is_export:
            return self.as_spreadsheet(pipeline.export_rows(data), request.GET["export"])
        context = {
            "data": data,
            "kinds": pipeline.KINDS,
            "totals": [(label, data["totals"][kind]) for kind, label in pipeline.KINDS.items()],
            "waiting": pipeline.waiting_for_publication(),
            "csv_url": reverse("community_pipeline") + "?export=csv",
            "xlsx_url": reverse("community_pipeline") + "?export=xlsx",
        }
        response = TemplateResponse(request, "community/admin/pipeline.html", context)
        add_never_cache_headers(response)
        return response


@require_POST
def publish_partnership(request, pk):
    from community import partnerships
    from community.models import Partnership

    if not may_see_pipeline(request.user):
        raise PermissionDenied
    partnership = Partnership.objects.filter(pk=pk).first()
    if partnership is None:
        raise Http404
    if partnerships.publish(partnership):
        messages.success(
            request,
            _("The partnership %(name)s is published.") % {"name": str(partnership)},
        )
    else:
        messages.error(request, _("This partnership is not waiting for publication."))
    return redirect(reverse("community_pipeline"))


@hooks.register("register_admin_urls")
def register_pipeline_urls():
    return [
        path("community/pipeline/", PipelineView.as_view(), name="community_pipeline"),
        path(
            "community/partnerships/<int:pk>/publish/",
            publish_partnership,
            name="community_publish_partnership",
        ),
    ]


class PipelineMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_pipeline(request.user)


@hooks.register("register_admin_menu_item")
def register_pipeline_menu_item():
    return PipelineMenuItem(
        _("Matchmaking pipeline"), reverse("community_pipeline"), icon_name="table", order=261
    )
