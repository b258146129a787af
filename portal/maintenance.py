"""Keeping private storage and the database in step.

A file is written before its row commits (calls.services stores attachments, then the row, in
one transaction, and removes the files when it rolls back). A worker killed between the two
leaves a file that no row names; a file removed by hand leaves a row without its file.
``reconcile_private_files`` finds both: it removes files with no row (older than a grace
period, so a file whose row is being committed right now is left alone) and reports rows whose
file is missing, for staff to look at (they are never deleted automatically).

Run it with ``manage.py reconcile_private_files`` or schedule the task
``portal.maintenance.reconcile_private_files_task`` (django-tasks)."""

import logging
import os
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django_tasks import task

from portal.storage import PrivateStorage, private_storage

logger = logging.getLogger("portal.maintenance")

GRACE_SECONDS = 60 * 60


@dataclass
class Reconciliation:
    orphaned: list = field(default_factory=list)  # file names removed (or to remove)
    missing: list = field(default_factory=list)  # (model label, pk, field, file name)
    kept_young: int = 0  # unreferenced files younger than the grace period

    def as_dict(self):
        return {
            "orphaned": list(self.orphaned),
            "missing": [list(row) for row in self.missing],
            "kept_young": self.kept_young,
        }


def private_file_fields():
    """(model, field name) of every FileField stored in the private storage."""
    found = []
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if isinstance(model_field, models.FileField) and isinstance(
                model_field.storage, PrivateStorage
            ):
                found.append((model, model_field.name))
    return found


def _stored_files(storage):
    """Names (relative, with forward slashes) of every file under the storage's folder."""
    root = storage.location
    for folder, _dirs, files in os.walk(root):
        for filename in files:
            path = os.path.join(folder, filename)
            yield os.path.relpath(path, root).replace(os.sep, "/"), path


def reconcile(*, delete=True, grace_seconds=GRACE_SECONDS, storage=private_storage):
    """Compares the private files with the rows that name them; see the module's docstring."""
    result = Reconciliation()
    referenced = set()
    for model, name in private_file_fields():
        rows = (
            model._default_manager.exclude(**{name: ""})
            .exclude(**{f"{name}__isnull": True})
            .values_list("pk", name)
            .iterator()
        )
        for pk, file_name in rows:
            referenced.add(file_name)
            if not storage.exists(file_name):
                result.missing.append((model._meta.label, pk, name, file_name))
    now = time.time()
    for relative, path in _stored_files(storage):
        if relative in referenced:
            continue
        try:
            age = now - os.path.getmtime(path)
        except FileNotFoundError:
            continue
        if age < grace_seconds:
            result.kept_young += 1
            continue
        result.orphaned.append(relative)
        if delete:
            storage.delete(relative)
            logger.warning("Removed private file with no row: %s", relative)
    for label, pk, name, file_name in result.missing:
        logger.error(
            "%s %s: %s names %s, which is not in private storage", label, pk, name, file_name
        )
    return result


@task()
def reconcile_private_files_task():
    """The same as ``manage.py reconcile_private_files``, for the task worker's schedule."""
    return reconcile().as_dict()
