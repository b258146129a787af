"""Deletes event registrations once their event ended more than
EVENTS_REGISTRATION_RETENTION_DAYS (default 180) days ago. Run daily."""

from django.core.management.base import BaseCommand

from stories.registration_services import purge


class Command(BaseCommand):
    help = "Delete the registrations of events past their retention period."

    def handle(self, *args, **options):
        self.stdout.write(f"{purge()} registration(s) deleted.")
