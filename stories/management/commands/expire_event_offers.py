"""Expires seats offered from an event's waiting list and not accepted in time; each goes to the
next person waiting. Run every few minutes (cron or the worker's schedule)."""

from django.core.management.base import BaseCommand

from stories.registration_services import expire_offers


class Command(BaseCommand):
    help = "Expire offered seats not accepted in time and offer them to the next person waiting."

    def handle(self, *args, **options):
        count = expire_offers()
        self.stdout.write(f"{count} offer(s) expired.")
