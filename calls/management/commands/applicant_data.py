"""A data subject's request about applications: export or erase everything held about the
person who used an email address.

    manage.py applicant_data export person@example.org > person.json
    manage.py applicant_data erase person@example.org

Covers the application rows, their answers and attachments, and the member account that
started an application (``started_by``): erasing that person's data unlinks the account and
leaves an application whose contact is someone else as it is. Emails already sent are outside
the portal; server logs hold no application data (see calls.emails)."""

import json

from django.core.management.base import BaseCommand, CommandError

from calls.models import Application


class Command(BaseCommand):
    help = "Export (JSON) or erase the personal data of the applicant with this email."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        applications = list(
            Application.objects.for_email(email).select_related("call", "started_by")
        )
        if not applications:
            raise CommandError(f"No application uses {email}")
        if action == "export":
            payload = {
                "email": email,
                "applications": [a.personal_data(email) for a in applications],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for application in applications:
            if application.contact_email.lower() == email.strip().lower():
                application.anonymise()
            else:  # only started by this person's account
                application.forget_starter()
        self.stderr.write(f"Erased the personal data of {len(applications)} application(s)")
