"""Compile every locale/*.po into .mo with polib, so a fresh machine needs no GNU gettext.

`manage.py compilemessages` does the same when gettext's msgfmt is installed; this command is
what `make` runs because msgfmt is often missing on a newcomer's machine."""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues():
    roots = [Path(p) for p in settings.LOCALE_PATHS]
    base = Path(settings.BASE_DIR).resolve()
    # The project's own apps (folders at the top of BASE_DIR; installed packages, even in a
    # .venv under BASE_DIR, are deeper), whatever they are called.
    roots += [
        Path(config.path) / "locale"
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base
    ]
    for root in roots:
        if root.is_dir():
            yield from sorted(root.glob("*/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    help = "Compile the portal's .po translation catalogues into .mo files (no gettext needed)."

    def handle(self, *args, **options):
        count = 0
        for po_path in catalogues():
            try:
                catalogue = polib.pofile(str(po_path))
            except OSError as error:
                raise CommandError(f"{po_path}: {error}") from error
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            count += 1
            self.stdout.write(
                f"compiled {po_path.relative_to(settings.BASE_DIR)} "
                f"({catalogue.percent_translated()}% translated)"
            )
        if not count:
            raise CommandError("No translation catalogue found under locale/.")
