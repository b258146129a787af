"""Send what is left of every digest whose sending was interrupted (a stopped worker)."""

from django.core.management.base import BaseCommand

from newsletter import digest


class Command(BaseCommand):
    help = "Resume the sending of newsletter digests: each subscriber still gets one copy."

    def handle(self, *args, **options):
        count = digest.resume_all()
        if options["verbosity"]:
            self.stdout.write(f"Sent {count} digest email(s).")
