"""The personal data of one newsletter address: ``export EMAIL`` prints it as JSON,
``erase EMAIL`` deletes the subscription, its deliveries and any unsubscribe hash."""

import json

from django.core.management.base import BaseCommand

from newsletter import services


class Command(BaseCommand):
    help = "Export or erase what the newsletter keeps about an email address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        if action == "export":
            data = services.personal_data(email)
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            count = services.erase(email)
            self.stdout.write(f"Erased {count} record(s) of {services.normalise(email)}.")
