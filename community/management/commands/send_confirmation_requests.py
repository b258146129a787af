"""Ask each contact of a profile not confirmed for 12 months to confirm or update it."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, no_translations
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.models import Locale

from community.models import DirectoryPage, Municipality
from community.services import confirmation_token, request_confirmation


class Command(BaseCommand):
    help = (
        "Email the contact of every live profile not confirmed for 12 months a private, signed "
        "link to confirm or update it. Run it monthly (e.g. from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Every profile, not only stale.")

    # Operators and cron logs read the output in English, whatever language was active.
    @no_translations
    def handle(self, *args, all=False, **options):
        page = DirectoryPage.for_language(settings.LANGUAGE_CODE)
        if page is None:
            self.stderr.write("No live directory page: nothing sent.")
            return
        _site, _root, page_path = page.get_url_parts()
        base = settings.BASE_URL + page_path
        records = Municipality.objects.live().filter(locale=Locale.get_default())
        if not all:
            records = records.stale(timezone.localdate())
        sent = 0
        for municipality in records.exclude(contact_email="").iterator():
            link = (
                base
                + page.reverse_subpage("confirm")
                + "?"
                + urlencode({"token": confirmation_token(municipality)})
            )
            sent += request_confirmation(municipality, link)
        message = ngettext(
            "Sent %(count)d confirmation request.", "Sent %(count)d confirmation requests.", sent
        )
        self.stdout.write(self.style.SUCCESS(message % {"count": sent}))
