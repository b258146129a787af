"""Wagtail's ``update_index``, followed by a refresh of the planner's statistics: rebuilding
the index rewrites every index entry, and the partner search's plans depend on fresh row
estimates (``portal.db.refresh_statistics``)."""

from wagtail.search.management.commands.update_index import Command as UpdateIndexCommand

from portal.db import refresh_statistics


class Command(UpdateIndexCommand):
    def handle(self, **options):
        super().handle(**options)
        if not options.get("schema_only"):
            refresh_statistics()
