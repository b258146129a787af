"""Queue again every email whose delivery task was lost or whose retry is due; safe to run from
cron at any time (a row is sent once: each run claims it first). With ``--purge-days N``, sent
emails older than N days are deleted (they hold personal data)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.mail import queue_due
from portal.models import OutgoingEmail


class Command(BaseCommand):
    help = "Queue due emails of the outbox again; optionally purge old sent ones."

    def add_arguments(self, parser):
        parser.add_argument("--purge-days", type=int, default=None)

    def handle(self, *args, purge_days=None, **options):
        queued = queue_due()
        self.stdout.write(f"{queued} email(s) queued.")
        if purge_days is not None:
            cutoff = timezone.now() - timedelta(days=max(purge_days, 0))
            deleted, _ = OutgoingEmail.objects.filter(
                status=OutgoingEmail.Status.SENT, sent_at__lt=cutoff
            ).delete()
            self.stdout.write(f"{deleted} sent email(s) older than {purge_days} days deleted.")
