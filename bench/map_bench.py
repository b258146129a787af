"""Map benchmark: /api/map/ response times (p50/p95), size and compressed size; not a test.

Run against a database that already holds the demo site and N seeded municipalities:

    .venv/bin/python manage.py seed_demo --no-accounts
    .venv/bin/python manage.py seed_directory --count 100000
    .venv/bin/python bench/map_bench.py --runs 30

Add ``DATABASE_URL=postgres://…`` to measure PostgreSQL. Every request goes through Django's
test client (middleware included, the network not). The map's cache is emptied before each
request ("cold", what the first visitor of a view waits for); ``--warm`` measures the cached
answer as well. The compressed size is gzip at level 6, what whitenoise/a proxy would send.
Targets for 100,000 municipalities on PostgreSQL: p95 under 500 ms, under 2 MB compressed."""

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

# label, query parameters: the views a visitor opens most.
CASES = [
    ("Europe, zoom 4", {"zoom": "4", "bbox": "-25,34,50,72"}),
    ("Europe, zoom 4, uk", {"zoom": "4", "bbox": "-25,34,50,72", "lang": "uk"}),
    ("Ukraine only, zoom 5", {"zoom": "5", "bbox": "20,43,42,54", "country": "UA"}),
    ("two filters, zoom 5", {"zoom": "5", "bbox": "-10,35,40,60", "offers": "water", "open": "1"}),
    ("one region, zoom 7", {"zoom": "7", "bbox": "22,47,27,50"}),
    ("a city, zoom 11", {"zoom": "11", "bbox": "30.3,50.3,30.8,50.6"}),
    ("no bbox (open data)", {}),
]


def percentile(values, share):
    values = sorted(values)
    return values[max(0, int(len(values) * share + 0.5) - 1)]


def measure(client, params, runs, warm):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        if not warm:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/api/map/", params)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (params, response.status_code)
    body = response.content
    collection = json.loads(body)
    return {
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "queries": len(queries),
        "bytes": len(body),
        "gzip": len(gzip.compress(body, compresslevel=6)),
        "features": len(collection["features"]),
        "count": collection["count"],
        "clustered": collection["clustered"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warm", action="store_true", help="also measure cached answers")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from community.models import Municipality

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    live = Municipality.objects.filter(live=True).count()
    print(f"{connection.vendor}, {live} live municipalities, {args.runs} runs each")
    worst_p95, largest = 0.0, 0
    for warm in (False, True) if args.warm else (False,):
        for label, params in CASES:
            r = measure(client, params, args.runs, warm)
            worst_p95, largest = max(worst_p95, r["p95"]), max(largest, r["gzip"])
            mode = "clusters" if r["clustered"] else "points"
            print(
                f"{label + (' (cached)' if warm else ''):30} p50 {r['p50']:7.1f} ms  "
                f"p95 {r['p95']:7.1f} ms  {r['queries']:2} queries  "
                f"{r['count']:6} in box as {r['features']:5} features ({mode})  "
                f"{r['bytes'] / 1024:7.1f} KB, {r['gzip'] / 1024:6.1f} KB gzip"
            )
    print(
        f"worst p95 {worst_p95:.1f} ms (target < 500), largest {largest / 1024:.1f} KB gzip "
        f"(target < 2048)"
    )


if __name__ == "__main__":
    main()
