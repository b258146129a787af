"""``/healthz`` for the load balancer: is each dependency answering?

JSON ``{"status": "ok"|"down", "checks": {name: {"ok": bool, ...}}, "down": [names]}``, 200
when all answer, 503 naming what is down. Each check is short and read-only; nothing is cached
(a cached "ok" would hide an outage). The answer holds no secrets: no addresses, no error text,
only which dependency failed (the error itself goes to the log)."""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("portal.health")


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_cache():
    """A value written and read back. django-redis ignores a Redis outage (pages go on as cache
    misses), so the outage shows here as a value that does not come back."""
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise ConnectionError("the cache did not return what was stored")
    cache.delete(key)
    return {}


def check_search():
    """One query through the configured search backend (the database's full-text index or the
    Elasticsearch/OpenSearch cluster)."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    list(get_search_backend().search("healthz", Page.objects.all())[:1])
    return {}


def check_tasks():
    """The task queue is reachable; with the database backend, how many tasks wait and for how
    long (a long wait means no worker is running)."""
    from django_tasks import default_task_backend

    backend_class = type(default_task_backend)
    info = {"backend": backend_class.__name__}
    if backend_class.__module__.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready()
        info["waiting"] = waiting.count()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        info["oldest_waiting_seconds"] = (
            round((timezone.now() - oldest).total_seconds()) if oldest else 0
        )
    return info


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
    "tasks": check_tasks,
}


@never_cache
@require_GET
def healthz(request):
    results, down = {}, []
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            info = check()
            ok = True
        except Exception:  # noqa: BLE001 - any failure of a dependency is reported, not raised
            logger.exception("Health check failed: %s", name)
            info, ok = {}, False
            down.append(name)
        results[name] = {"ok": ok, "ms": round((time.monotonic() - started) * 1000), **info}
    return JsonResponse(
        {"status": "down" if down else "ok", "down": down, "checks": results},
        status=503 if down else 200,
    )
