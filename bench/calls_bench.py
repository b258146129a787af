"""Benchmark of calls for proposals: submissions per second and the listing's latency.

Not a test (pytest never collects it). Run it by hand, on PostgreSQL, when the machine is
otherwise idle:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bot_calls \\
        .venv/bin/python bench/calls_bench.py [--submissions 200] [--workers 2] [--threads 4]

It migrates the database named in DATABASE_URL, seeds the demo content if needed, adds 200
calls under the call index (once), creates fresh drafts, starts gunicorn on a free port of
127.0.0.1 with bench.settings, then measures:

1. the call listing (/en/calls/ with 200 calls): median and 95th percentile of 30 GETs;
2. the application's final POST (submission with reference, receipt and staff emails):
   submissions per second with 16 concurrent clients; each client fetched its form (CSRF
   cookie and token) beforehand, so only the POSTs are timed.

It prints the numbers and stops the gunicorn it started."""

import argparse
import concurrent.futures
import datetime
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess  # noqa: S404 - starts gunicorn, the server being measured
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    """A port nobody listens on: other people's servers may run on this machine."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


HOST = f"127.0.0.1:{free_port()}"
BASE = f"http://{HOST}"


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def prepare(submissions):
    from django.core.management import call_command
    from django.utils import timezone

    from calls.factories import CallPageFactory, DraftFactory
    from calls.models import CallIndexPage, CallPage

    call_command("migrate", verbosity=0)
    if not CallIndexPage.objects.filter(locale__language_code="en").exists():
        call_command("seed_demo", verbosity=0)
    index = CallIndexPage.objects.get(locale__language_code="en")
    existing = CallPage.objects.child_of(index).filter(slug__startswith="bench-").count()
    now = timezone.now()
    for number in range(existing, 200):
        shift = datetime.timedelta(days=number % 90)
        state = number % 3  # a third each open, upcoming and closed
        opens = now - shift if state == 0 else now + shift + datetime.timedelta(days=1)
        if state == 2:
            opens = now - shift - datetime.timedelta(days=200)
        CallPageFactory(
            parent=index,
            slug=f"bench-{number:03d}",
            title=f"Benchmark call {number}",
            opens_at=opens,
            closes_at=opens + datetime.timedelta(days=120 if state == 0 else 60),
        )
    target = CallPage.objects.child_of(index).filter(slug="bench-target").first() or (
        CallPageFactory(
            parent=index,
            slug="bench-target",
            title="Benchmark target call",
            closes_at=now + datetime.timedelta(days=365),
        )
    )
    drafts = []
    for number in range(submissions):
        key = f"bench-{time.time_ns()}-{number}"
        drafts.append((key, DraftFactory(call=target, key=key)))
    return index.url, target, drafts


def start_gunicorn(workers, threads):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "portal.wsgi",
        f"--bind={HOST}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - fixed arguments
    for _attempt in range(100):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn could not start on {HOST}")
        try:
            urllib.request.urlopen(BASE + "/robots.txt", timeout=1)  # noqa: S310 - local
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def timed_get(url):
    start = time.perf_counter()
    with urllib.request.urlopen(BASE + url, timeout=30) as response:  # noqa: S310 - local
        response.read()
        assert response.status == 200, response.status
    return time.perf_counter() - start


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def form_for(url):
    """A client with its CSRF cookie, and the POST body of the final step."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(BASE + url, timeout=30).read().decode()
    fields = dict(
        re.findall(r'name="(csrfmiddlewaretoken|submission_token)" value="([^"]+)"', page)
    )
    body = urllib.parse.urlencode({**fields, "consent": "on", "submit": "1", "website": ""})
    return opener, body.encode()


def post(opener, url, body):
    try:
        request = urllib.request.Request(BASE + url, data=body, method="POST")  # noqa: S310
        opener.open(request, timeout=60)
    except urllib.error.HTTPError as answer:  # the 303 arrives as an "error" without redirects
        return answer.code
    return 200


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    arguments = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (see the docstring).")

    setup_django()
    listing_url, target, drafts = prepare(arguments.submissions)
    step_urls = [
        target.url + target.reverse_subpage("apply_step", args=[key, 4]) for key, _d in drafts
    ]
    server = start_gunicorn(arguments.workers, arguments.threads)
    try:
        timed_get(listing_url)  # warm up
        latencies = sorted(timed_get(listing_url) for _ in range(30))
        print(f"Call listing with 200 calls ({listing_url}), 30 sequential GETs:")
        print(
            f"  median {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms"
        )

        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            forms = list(pool.map(form_for, step_urls))
            start = time.perf_counter()
            codes = list(
                pool.map(
                    lambda args: post(*args),
                    [
                        (opener, url, body)
                        for (opener, body), url in zip(forms, step_urls, strict=True)
                    ],
                )
            )
            elapsed = time.perf_counter() - start
        from calls.models import Application

        stored = Application.objects.filter(
            pk__in=[draft.pk for _key, draft in drafts], reference__isnull=False
        ).count()
        print(
            f"Application POST, {len(codes)} submissions by 16 clients, gunicorn "
            f"{arguments.workers} workers x {arguments.threads} threads:"
        )
        print(
            f"  {len(codes) / elapsed:.1f} submissions/s ({elapsed:.2f} s), "
            f"answers {dict((code, codes.count(code)) for code in set(codes))}, "
            f"stored with a reference: {stored}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
