"""Deletes the conversations' messages older than CONVERSATION_RETENTION_DAYS (730 by default),
with their attachments and reports (issue 12: messages are personal data). Run daily.

    manage.py purge_conversations [--days N]"""

from django.core.management.base import BaseCommand

from community import conversations


class Command(BaseCommand):
    help = "Delete messages (and their files) older than CONVERSATION_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Keep this many days instead of the setting."
        )

    def handle(self, *args, days=None, **options):
        counts = conversations.purge(days)
        self.stdout.write(
            f"Deleted {counts['messages']} message(s) and {counts['attachments']} attachment(s)"
        )
