"""manage.py import_municipalities FILE.csv — see community/importing.py for the columns."""

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.utils.translation import ngettext

from community.importing import COLUMNS, import_municipalities
from portal.db import refresh_statistics


class Command(BaseCommand):
    help = (
        "Import municipalities from a UTF-8 CSV file with the columns "
        + ", ".join(COLUMNS)
        + " (name and country required; lists separated by ';'). All rows are checked first; "
        "nothing is written if one has an error. Re-running updates the same municipalities."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Only validate.")

    # Operators and cron logs read the output in English, whatever language was active.
    @no_translations
    def handle(self, *args, file, dry_run=False, **options):
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                result = import_municipalities(handle, dry_run=dry_run)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if result.errors:
            for row, message in result.errors:
                self.stderr.write(f"row {row}: {message}")
            count = len(result.errors)
            raise CommandError(
                ngettext(
                    "%(count)d error; nothing was imported.",
                    "%(count)d errors; nothing was imported.",
                    count,
                )
                % {"count": count}
            )
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Every row is valid (dry run, nothing written)."))
            return
        refresh_statistics()
        self.stdout.write(
            self.style.SUCCESS(f"Imported: {result.created} created, {result.updated} updated.")
        )
