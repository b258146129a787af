"""Retention of applications: run daily (cron or a systemd timer).

- Drafts of calls whose deadline has passed are deleted with their files (drafts expire with
  the deadline).
- Submitted applications older than their call's retention period (deadline + the call's
  ``retention_months``) are anonymised: people, texts, answers and files are removed; the
  figures the programme reports on stay. ``--delete`` deletes them instead."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from calls.models import Application, CallPage


class Command(BaseCommand):
    help = "Delete expired drafts and anonymise (or delete) applications past retention."

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="Delete applications instead of anonymising."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change, change nothing."
        )

    def handle(self, *args, delete=False, dry_run=False, **options):
        now = timezone.now()
        drafts = Application.objects.drafts().filter(call__closes_at__lte=now)
        expired_drafts = list(drafts)
        past = []
        for call in CallPage.objects.filter(applications__isnull=False).distinct():
            if call.retention_ends() <= now:
                past.extend(
                    call.applications.submitted().filter(
                        **({} if delete else {"anonymised_at__isnull": True})
                    )
                )
        if not dry_run:
            for application in expired_drafts:
                application.anonymise()  # a draft is deleted outright
            for application in past:
                if delete:
                    for attachment in application.attachments.all():
                        attachment.delete()
                    application.delete()
                else:
                    application.anonymise()
        action = "deleted" if delete else "anonymised"
        self.stdout.write(
            f"{len(expired_drafts)} expired drafts deleted, {len(past)} applications {action}"
            + (" (dry run)" if dry_run else "")
        )
