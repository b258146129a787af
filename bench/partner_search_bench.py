"""Partner search benchmark from nothing: one command creates a fresh database, migrates,
seeds the demo site and N generated municipalities, refreshes the planner's statistics, then
prints server-side timings (median / p95) and query counts; not a test.

    .venv/bin/python bench/partner_search_bench.py --count 100000 --runs 30
    .venv/bin/python bench/partner_search_bench.py --count 100000 --sqlite /tmp/bench.sqlite3

PostgreSQL (the default) runs on a database it drops and creates, ``--database`` (default
``bridges_bench``) on ``--server`` (default ``postgres://postgres@127.0.0.1:5432``).
``--reuse`` skips the creation and seeding and measures the database as it is;
``--prepare-only`` creates and seeds it and stops (to seed while the machine is busy and measure
with ``--reuse`` once it is quiet). Each request
goes through Django's test client (middleware, page routing and templates included), so the
figures are server-side response times without the network. The machine's load average and
the date are printed with the figures: compare runs made on a quiet machine only."""

import argparse
import datetime
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

    client.get(url, params)  # warm-up: connection, template and translation caches
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[max(0, -(-len(times) * 95 // 100) - 1)]
    return statistics.median(times), p95, len(queries)


def create_database(server, name):
    """Drop and create ``name`` on the PostgreSQL ``server``."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(count):
    """Migrate, seed the demo site and ``count`` municipalities (which refreshes the planner's
    statistics); prints how long each step took."""
    from django.core.management import call_command

    for label, command, options in (
        ("migrate", "migrate", {"verbosity": 0, "interactive": False}),
        ("seed_demo", "seed_demo", {"no_accounts": True, "verbosity": 0}),
        ("seed_directory", "seed_directory", {"count": count}),
    ):
        started = time.monotonic()
        call_command(command, **options)
        print(f"{label}: {time.monotonic() - started:.1f} s", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="Generated municipalities.")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="bridges_bench")
    parser.add_argument("--sqlite", metavar="FILE", help="Measure SQLite in FILE instead.")
    parser.add_argument("--reuse", action="store_true", help="Measure the database as it is.")
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="Create and seed the database, then stop (measure it later with --reuse, e.g. "
        "once the machine is quiet).",
    )
    args = parser.parse_args()

    if args.sqlite:
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(args.sqlite + suffix).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.sqlite).resolve()}"
    else:
        if not args.reuse:
            create_database(args.server, args.database)
        os.environ["DATABASE_URL"] = f"{args.server}/{args.database}"

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from wagtail.search.backends import get_search_backend

    from community.models import Municipality

    if not args.reuse:
        prepare(args.count)
    if args.prepare_only:
        return
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
        candidates = Municipality.objects.filter(live=True).exclude(country="UA").count()
        cases.append((f"match UA ({candidates} EU)", f"/en/partners/match/{ukrainian.slug}/", {}))
    if european:
        cases.append(("match page (PL)", f"/en/partners/match/{european.slug}/", {}))
    backend = type(get_search_backend()).__name__
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{now}, load average {load} (1, 5, 15 min), {os.cpu_count()} CPUs")
    print(f"{connection.vendor}, {backend}, {count} live municipalities, {args.runs} runs each")
    for label, url, params in cases:
        median, p95, queries = measure(client, url, params, args.runs)
        print(f"{label:24} median {median:7.1f} ms  p95 {p95:7.1f} ms  {queries} queries")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average at the end {load}")


if __name__ == "__main__":
    main()
