"""The test database, reused between runs where that is safe (`pytest --reuse-db`, which
`make test` passes) and built again where it is not.

Creating the test database means running every migration: 15 s on a quiet 2-core machine,
a minute on a busy one, for each xdist worker. With `--reuse-db` each worker keeps its database
(SQLite: a file under var/test-db/ instead of memory; PostgreSQL: test_<name>_gw0, ...) and,
right after it was migrated, a copy of it as a *template*. A later run starts from a fresh copy
of the template, so it sees exactly what the migrations left, whatever the run before did (a
transactional test's flush, a run killed half-way).

The template is used only while its *fingerprint* still matches: the content of every migration
of every installed app (the project's and the packages'), the installed apps, the Python
version and the database's address. Any change (a new or edited migration, a migrations reset,
another branch, an upgraded Wagtail) builds the database again from the migrations, as
`--create-db` does; `--create-db` always does.

Two runs at the same time in the same checkout and with the same database must not both reuse
it (one would empty the other's tables): give one of them --create-db or another DATABASE_URL."""

import hashlib
import os
import re
import shutil
import sqlite3
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

FORMAT = "bridges-test-db-3"  # change to rebuild every reused database once
ALIAS = "default"


def state_dir():
    path = Path(settings.BASE_DIR) / "var" / "test-db"
    path.mkdir(parents=True, exist_ok=True)
    return path


def worker_id():
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def fingerprint(db_settings):
    digest = hashlib.sha256(FORMAT.encode())
    digest.update(sys.version.encode())
    digest.update(repr(list(settings.INSTALLED_APPS)).encode())
    for key in ("ENGINE", "NAME", "HOST", "PORT", "USER"):
        digest.update(f"{key}={db_settings.get(key)!r}".encode())
    # Every installed app's migrations, the project's and the packages' (Wagtail, taggit, ...):
    # the schema and the rows the migrations write depend on nothing else.
    for config in apps.get_app_configs():
        folder = Path(config.path).resolve() / "migrations"
        for path in sorted(folder.rglob("*.py")):
            digest.update(f"{config.label}/{path.relative_to(folder).as_posix()}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class ReusedDatabase:
    """What the run does with the test database of this worker; see the module's docstring."""

    def __init__(self, reuse, create):
        self.reuse = reuse
        self.create = create
        self.db = settings.DATABASES[ALIAS]
        self.vendor = connections[ALIAS].vendor
        self.restored = False
        self._fingerprint = None

    def fingerprint(self):
        if self._fingerprint is None:
            self._fingerprint = fingerprint(self.db)
        return self._fingerprint

    # Names ------------------------------------------------------------------------------------

    def use_a_file_for_sqlite(self):
        """An in-memory SQLite database dies with the process: a reused one is a file."""
        if self.vendor == "sqlite" and not self.db.get("TEST", {}).get("NAME"):
            path = state_dir() / f"test_{worker_id()}.sqlite3"
            self.db.setdefault("TEST", {})["NAME"] = str(path)

    @property
    def test_name(self):
        name = self.db.get("TEST", {}).get("NAME")
        return name or f"test_{self.db['NAME']}"

    @property
    def key(self):
        return re.sub(r"[^\w.-]+", "_", f"{self.vendor}-{Path(self.test_name).name}")

    @property
    def stamp_path(self):
        return state_dir() / f"{self.key}.fingerprint"

    @property
    def template_name(self):
        if self.vendor == "sqlite":
            return str(state_dir() / f"{self.key}.template.sqlite3")
        return f"{self.test_name}_template"

    # Decisions --------------------------------------------------------------------------------

    def prepare(self):
        """Before the test databases are set up: choose the file for SQLite and, when the
        template is still valid, put a fresh copy of it in place."""
        if not self.reuse:
            return
        self.use_a_file_for_sqlite()
        self.fingerprint()  # now: setting the databases up renames them in the settings
        if self.create or not self.template_is_valid():
            self.create = True
            if self.vendor == "sqlite":  # no journal of an older file may outlive it
                self.remove_sqlite_files()
            return
        self.restore_from_template()
        self.restored = True

    def template_is_valid(self):
        if not self.stamp_path.exists():
            return False
        if self.stamp_path.read_text().strip() != self.fingerprint():
            return False
        return self.template_exists()

    def finish_setup(self):
        """After the test databases are set up: a database just built from the migrations
        becomes the template of the next runs."""
        if not self.reuse or self.restored:
            return
        self.stamp_path.unlink(missing_ok=True)
        self.save_template()
        self.stamp_path.write_text(self.fingerprint() + "\n")

    # SQLite and PostgreSQL --------------------------------------------------------------------

    def template_exists(self):
        if self.vendor == "sqlite":
            return Path(self.template_name).is_file()
        with connections[ALIAS]._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.template_name])
            return cursor.fetchone() is not None

    def restore_from_template(self):
        if self.vendor == "sqlite":
            self.remove_sqlite_files()
            shutil.copyfile(self.template_name, self.test_name)
            return
        quote = connections[ALIAS].ops.quote_name
        with connections[ALIAS]._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(self.test_name)} WITH (FORCE)")
            cursor.execute(
                f"CREATE DATABASE {quote(self.test_name)} TEMPLATE {quote(self.template_name)}"
            )

    def remove_sqlite_files(self):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(self.test_name + suffix).unlink(missing_ok=True)

    def save_template(self):
        connection = connections[ALIAS]
        if self.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(self.template_name + ".part")
            try:
                connection.connection.backup(target)
            finally:
                target.close()
            os.replace(self.template_name + ".part", self.template_name)
            return
        # PostgreSQL copies a database only while nobody is connected to it.
        connection.close()
        quote = connection.ops.quote_name
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(self.template_name)} WITH (FORCE)")
            cursor.execute(
                f"CREATE DATABASE {quote(self.template_name)} TEMPLATE {quote(self.test_name)}"
            )
