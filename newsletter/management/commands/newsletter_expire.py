"""Delete newsletter sign-ups never confirmed within the link's lifetime (run daily)."""

from django.core.management.base import BaseCommand

from newsletter import services


class Command(BaseCommand):
    help = "Delete newsletter sign-ups that were not confirmed in time."

    def handle(self, *args, **options):
        count = services.expire_unconfirmed()
        if options["verbosity"]:
            self.stdout.write(f"Deleted {count} unconfirmed newsletter sign-up(s).")
