"""Emails each reader of a conversation the messages of others they have neither read nor been
emailed yet: one email per reader and conversation, however many messages (issue 12). A posted
message enqueues the same work (community.conversation_mail.notify_task) after
CONVERSATION_DIGEST_DELAY_SECONDS; run this from cron every few minutes so that nothing waits
when a task was lost. Safe to run at any time: a message is emailed to a reader once.

    manage.py send_message_digests"""

from django.core.management.base import BaseCommand

from community.conversation_mail import send_digests


class Command(BaseCommand):
    help = "Email the readers of conversations their new messages (one digest each)."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest email(s) queued")
