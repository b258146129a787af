"""A data subject's request about the member space: export or erase everything held about
the person who used an email address (accounts, memberships, sessions, invitations, join
requests; see community.member_data).

    manage.py member_data export person@example.org > person.json
    manage.py member_data erase person@example.org

Applications to calls are applicant_data's."""

import json

from django.core.management.base import BaseCommand, CommandError

from community import member_data


class Command(BaseCommand):
    help = "Export (JSON) or erase the member space's personal data of this email address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        email = email.strip()
        if not member_data.holds_anything(email):
            raise CommandError(f"The member space holds nothing about {email}")
        if action == "export":
            payload = member_data.export(email)
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        try:
            counts = member_data.erase(email)
        except member_data.StaffAccount as error:
            raise CommandError(
                f"{email} belongs to a staff account: remove it in the admin instead"
            ) from error
        summary = ", ".join(f"{count} {what.replace('_', ' ')}" for what, count in counts.items())
        self.stderr.write(f"Erased the member space's data of {email}: {summary}")
