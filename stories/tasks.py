"""Registration's scheduled work as django-tasks, for the worker's schedule (or run the
management commands ``expire_event_offers`` every few minutes and ``send_event_reminders``
hourly from cron)."""

from django_tasks import task

from stories import registration_services


@task()
def expire_event_offers_task():
    return registration_services.expire_offers()


@task()
def send_event_reminders_task():
    return registration_services.send_reminders()
