"""A data subject's request about event registrations: export or erase everything held about
the person who used an email address (or whose member account has it).

    manage.py registrant_data export person@example.org > person.json
    manage.py registrant_data erase person@example.org

Erasing frees a seat the person held: the next person waiting is offered it."""

import json

from django.core.management.base import BaseCommand, CommandError

from stories import registration_services as services


class Command(BaseCommand):
    help = "Export (JSON) or erase the event registrations of the person with this email."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        registrations = list(services.registrations_of(email))
        if not registrations:
            raise CommandError(f"No event registration uses {email}")
        if action == "export":
            payload = {
                "email": email,
                "event_registrations": [services.personal_data(r) for r in registrations],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for registration in registrations:
            services.erase(registration)
        self.stderr.write(f"Erased {len(registrations)} event registration(s)")
