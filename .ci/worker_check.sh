#!/usr/bin/env bash
# The task worker as `make run` starts it: an email queued by the portal is stored, then sent by
# `manage.py db_worker` (not by the request), on a throw-away SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DATABASE_URL="sqlite:///$tmp/worker.sqlite3" DJANGO_SETTINGS_MODULE=portal.settings.dev
py=.venv/bin/python
$py manage.py migrate --no-input -v0
$py manage.py shell -c '
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from portal.emails import send_email
from portal.models import OutgoingEmail
with transaction.atomic():
    send_email("emails/portal/test_message", {"name": "CI"}, ["ci@example.org"])
assert OutgoingEmail.objects.get().status == "queued", "sent inside the request"
assert DBTaskResult.objects.count() == 1, "no task queued"
'
$py manage.py db_worker --batch --no-startup-delay -v0 > "$tmp/worker.log" 2>&1
$py manage.py shell -c '
from portal.models import OutgoingEmail
email = OutgoingEmail.objects.get()
assert email.status == "sent", (email.status, email.last_error)
print("worker check: the queued email was sent by db_worker")
'
