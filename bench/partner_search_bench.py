"""Partner search benchmark: prints server-side timings and query counts; not a test.

Run against a database that already holds the demo site and N seeded municipalities:

    .venv/bin/python manage.py seed_demo --no-accounts
    .venv/bin/python manage.py seed_directory --count 5000   # prints the index build time
    .venv/bin/python bench/partner_search_bench.py --runs 30

Add ``DATABASE_URL=postgres://…`` to measure PostgreSQL. Each request goes through Django's
test client (middleware, page routing and templates included), so the figures are server-side
response times without the network."""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def measure(client, url, params, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return statistics.median(times), p95, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from wagtail.search.backends import get_search_backend

    from community.models import Municipality

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    count = Municipality.objects.filter(live=True).count()
    ukrainian = Municipality.objects.filter(live=True, country="UA").order_by("pk").first()
    european = Municipality.objects.filter(live=True, country="PL").order_by("pk").first()
    cases = [
        ("text + 2 facets", "/en/partners/", {"q": "kyiv", "country": "UA", "open": "1"}),
        ("2 facets, no text", "/en/partners/", {"country": "PL", "offers": "water"}),
        ("API text + 2 facets", "/api/partners/", {"q": "ber", "country": "DE", "open": "1"}),
    ]
    if ukrainian:
        cases.append(("match page (UA)", f"/en/partners/match/{ukrainian.slug}/", {}))
    if european:
        cases.append(("match page (PL)", f"/en/partners/match/{european.slug}/", {}))
    backend = type(get_search_backend()).__name__
    print(f"{connection.vendor}, {backend}, {count} live municipalities, {args.runs} runs each")
    for label, url, params in cases:
        median, p95, queries = measure(client, url, params, args.runs)
        print(f"{label:22} median {median:7.1f} ms  p95 {p95:7.1f} ms  {queries} queries")


if __name__ == "__main__":
    main()
