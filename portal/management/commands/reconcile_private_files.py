"""Removes private files that no row names and reports rows whose file is missing."""

from django.core.management.base import BaseCommand

from portal.maintenance import GRACE_SECONDS, reconcile


class Command(BaseCommand):
    help = (
        "Remove private uploads that no database row names (older than --min-age minutes) and "
        "report rows whose file is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list what would be removed."
        )
        parser.add_argument(
            "--min-age",
            type=int,
            default=GRACE_SECONDS // 60,
            help="Leave files younger than this many minutes (a save may be committing).",
        )

    def handle(self, *args, dry_run=False, min_age=60, **options):
        result = reconcile(delete=not dry_run, grace_seconds=min_age * 60)
        verb = "Would remove" if dry_run else "Removed"
        for name in result.orphaned:
            self.stdout.write(f"{verb} orphaned file: {name}")
        for label, pk, field_name, file_name in result.missing:
            self.stdout.write(f"Missing file: {label} {pk} {field_name} = {file_name}")
        self.stdout.write(
            f"{len(result.orphaned)} orphaned file(s) {'found' if dry_run else 'removed'}, "
            f"{len(result.missing)} row(s) without their file, "
            f"{result.kept_young} recent file(s) left alone."
        )
        if result.missing:
            self.stderr.write(self.style.WARNING("Some rows name files that do not exist."))
