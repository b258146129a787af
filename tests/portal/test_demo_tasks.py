"""`make run` seeds the demo and starts the task worker: every task the demo queues must run
without failing (issue 15). The demo used to save each Ukrainian profile with copies of the
English profile's sectors and then replace them, so the reference-index updates queued for
the replaced rows failed with DoesNotExist in the worker."""

import pytest
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from community.models import JointProject, Partnership


@pytest.mark.django_db
def test_seed_demo_queues_no_task_that_fails(settings, monkeypatch):
    # The queue of `make run` (the test settings run tasks at once, where nothing can fail
    # this way: the rows still exist when the task runs).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("seed_demo", verbosity=0)
    queued = DBTaskResult.objects.count()
    assert queued and DBTaskResult.objects.filter(task_path__contains="reference_index").exists()

    # The worker closes "old" connections between tasks; inside the test's transaction that
    # would close the one connection the test runs on.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    results = dict.fromkeys(("READY", "RUNNING", "FAILED"), 0)
    for status in DBTaskResult.objects.values_list("status", flat=True):
        results[status] = results.get(status, 0) + 1
    failed = [
        (r.task_path, r.args_kwargs, (r.traceback or "").strip().splitlines()[-1:])
        for r in DBTaskResult.objects.filter(status="FAILED")
    ]
    assert failed == []
    assert results["READY"] == results["RUNNING"] == 0
    assert results["SUCCESSFUL"] == queued
    # The Ukrainian partnership records carry their own (Ukrainian) project titles.
    uk = Partnership.objects.filter(locale__language_code="uk")
    titles = set(JointProject.objects.filter(partnership__in=uk).values_list("title", flat=True))
    assert "Літня школа для дітей із Долини" in titles
