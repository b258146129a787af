"""Emails each confirmed registrant of an event starting within the next 24 hours, once. Run
hourly (cron or the worker's schedule)."""

from django.core.management.base import BaseCommand

from stories.registration_services import send_reminders


class Command(BaseCommand):
    help = "Remind confirmed registrants the day before their event (once each)."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"{count} reminder(s) queued.")
