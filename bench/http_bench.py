"""HTTP benchmark of the public pages: cached, uncached and through Varnish, as ratios to a bare
Django view measured in the same run on the same gunicorn.

Not a test (pytest never collects it). Run it by hand when the machine is otherwise idle:

    .venv/bin/python bench/http_bench.py [--seconds 10] [--connections 8] [--workers 2]

Needs Debian's `wrk` (and `varnish` for the third column). It builds a demo database (a temporary
SQLite file unless DATABASE_URL names one: `migrate` and `seed_demo`), collects the static files,
then for each mode starts gunicorn (bench.http_settings: the production settings plus
/bench/bare/, sync workers) on a free port of 127.0.0.1 and runs wrk against the bare view, the
home page, a story, the story index, a profile and a partner search:

- cached: the page cache on (PAGE_CACHE=true), every page requested once before measuring;
- uncached: PAGE_CACHE=false, every request renders;
- varnish: varnishd with deploy/varnish/default.vcl in front of the cached gunicorn.

With ``--bakerydemo DIR`` (a checkout of wagtail/bakerydemo with its own virtualenv in
``DIR/.venv``, or ``--bakerydemo-python``; never committed here) it also starts bakerydemo with
its production settings and its own demo data on the same gunicorn, and measures the uncached
story, story index and home page against bakerydemo's blog post, blog index and home page in
alternating rounds (``--rounds``), each pair back to back, printing the ratio of each round.

It prints requests a second, p50 and p99 latency and each figure divided by the bare view's
requests a second on the same gunicorn (for Varnish: the cached run's bare view, served
directly). A profile has no form (its contact form is a page of its own), so it is cached
like the other pages.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess  # noqa: S404 - starts the servers being measured and wrk
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def base_env(work):
    env = dict(os.environ)
    env.update(
        {
            "PORTAL_IGNORE_DOTENV": "1",
            "SECRET_KEY": "bench-only-" + os.urandom(24).hex(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "MEDIA_ROOT": str(work / "media"),
            "PRIVATE_MEDIA_ROOT": str(work / "private"),
            "FRONTEND_CACHE_URL": "",
        }
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{work / 'db.sqlite3'}")
    return env


def manage(env, *args, settings="bench.http_settings"):
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
        check=True,
        capture_output=True,
        text=True,
    )


def prepare(env):
    """Demo content (seed_demo refuses production settings: it runs with dev) and static files;
    returns the addresses to measure."""
    manage(env, "migrate", "--no-input", settings="portal.settings.dev")
    manage(env, "seed_demo", "--no-accounts", settings="portal.settings.dev")
    manage(env, "compile_translations")
    manage(env, "collectstatic", "--no-input")
    code = (
        "import json; from django.apps import apps;"
        "story = apps.get_model('stories.StoryPage').objects.live()"
        ".filter(locale__language_code='en').order_by('path').first();"
        "directory = apps.get_model('community.DirectoryPage').objects.live()"
        ".filter(locale__language_code='en').first();"
        "town = apps.get_model('community.Municipality').objects"
        ".filter(live=True, locale__language_code='en').order_by('name').first();"
        "print(json.dumps({'story': story.url, 'profile': directory.url + town.slug + '/'}))"
    )
    found = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
        check=True,
        capture_output=True,
        text=True,
    )
    urls = json.loads(found.stdout.strip().splitlines()[-1])
    return {
        "bare view": "/bench/bare/",
        "home": "/en/",
        "story": urls["story"],
        "story index": "/en/stories/",
        "profile": urls["profile"],
        "partner search": "/en/partners/?q=kyiv",
    }


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - loopback
                answer.read()
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer")


def gunicorn_arguments(application, port, workers):
    return [
        application,
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]


def start_gunicorn(env, port, workers, page_cache):
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [str(ROOT / ".venv/bin/gunicorn"), *gunicorn_arguments("portal.wsgi", port, workers)],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "bench.http_settings",
            "PAGE_CACHE": "true" if page_cache else "false",
        },
    )
    wait_for(f"http://127.0.0.1:{port}/bench/bare/")
    return server


def start_varnish(work, backend_port, port):
    varnishd = shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )
    if varnishd is None:
        return None
    vcl = (ROOT / "deploy/varnish/default.vcl").read_text()
    config = work / "default.vcl"
    config.write_text(vcl.replace('.port = "8000";', f'.port = "{backend_port}";'))
    pid_file = work / "varnishd.pid"
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            varnishd,
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(config),
            "-n",
            str(work / "varnish"),
            "-T",
            "127.0.0.1:0",
            "-s",
            "malloc,128m",
            "-j",
            "none",
            "-P",
            str(pid_file),
        ],
        check=True,
    )
    wait_for(f"http://127.0.0.1:{port}/en/")
    return int(pid_file.read_text())


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def run_wrk(url, seconds, connections, threads):
    output = subprocess.run(  # noqa: S603 - fixed arguments
        [
            shutil.which("wrk"),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = milliseconds(re.search(r"\n\s+50%\s+(\S+)", output).group(1))
    p99 = milliseconds(re.search(r"\n\s+99%\s+(\S+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rate": rate, "p50": p50, "p99": p99, "errors": int(errors.group(1)) if errors else 0}


def measure(base, urls, arguments, warm):
    """wrk against each address. The bare view is measured first and again last, and the
    better of the two is kept: a ceiling taken in a moment of noise from the rest of the
    machine would make every ratio look better than it is."""
    results = {}
    for name, path in urls.items():
        if warm:
            for _ in range(3):
                urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310 - loopback
        results[name] = run_wrk(
            base + path, arguments.seconds, arguments.connections, arguments.threads
        )
    if "bare view" in urls:
        again = run_wrk(
            base + urls["bare view"], arguments.seconds, arguments.connections, arguments.threads
        )
        if again["rate"] > results["bare view"]["rate"]:
            results["bare view"] = again
    return results


def report(all_results):
    """Ratios to the bare view on gunicorn of the same run (through Varnish the bare view is
    not cached, so Varnish's figures are compared with the bare view served directly)."""
    print()
    print(f"{'page':16} {'mode':9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× bare':>8}")
    for mode, results in all_results.items():
        bare = all_results["cached" if mode == "varnish" else mode]["bare view"]["rate"]
        for name, figures in results.items():
            note = f"  ({figures['errors']} non-2xx/3xx)" if figures["errors"] else ""
            print(
                f"{name:16} {mode:9} {figures['rate']:9.1f} {figures['p50']:8.2f} "
                f"{figures['p99']:8.2f} {figures['rate'] / bare:8.3f}{note}"
            )


# Portal page → bakerydemo page it is compared with (issue 13's targets: at least 1.5×).
BAKERY_PAIRS = {"story": "blog post", "story index": "blog index", "home": "home"}


def bakery_env(directory):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
            "DJANGO_SECRET_KEY": "bench-only-" + os.urandom(24).hex(),
            "SECURE_SSL_REDIRECT": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PYTHONPATH": str(directory),
        }
    )
    return env


def prepare_bakery(directory, python):
    """bakerydemo's own demo data (once: its SQLite file stays in the checkout) and static
    files; returns its addresses of the compared pages."""
    env = bakery_env(directory)

    def run(*args):
        return subprocess.run(  # noqa: S603 - the given interpreter and bakerydemo's manage.py
            [python, "manage.py", *args],
            cwd=directory,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    if not (directory / "bakerydemodb").exists():
        run("migrate", "--no-input")
        run("load_initial_data")
    run("collectstatic", "--no-input")
    code = (
        "from bakerydemo.blog.models import BlogPage;"
        "print(BlogPage.objects.live().order_by('path').first().url)"
    )
    post = run("shell", "-c", code).strip().splitlines()[-1]
    return {"home": "/", "blog post": post, "blog index": "/blog/"}


def start_bakery(directory, python, port, workers):
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [python, "-m", "gunicorn", *gunicorn_arguments("bakerydemo.wsgi", port, workers)],
        cwd=directory,
        env=bakery_env(directory),
    )
    wait_for(f"http://127.0.0.1:{port}/")
    return server


def compare_with_bakery(env, urls, arguments):
    """Rounds of (portal page, bakerydemo page) measured back to back on two gunicorns that run
    side by side, the portal uncached (PAGE_CACHE=false)."""
    directory = Path(arguments.bakerydemo).resolve()
    python = arguments.bakerydemo_python or str(directory / ".venv/bin/python")
    bakery_urls = prepare_bakery(directory, python)
    portal_port, bakery_port = free_port(), free_port()
    portal = start_gunicorn(env, portal_port, arguments.workers, page_cache=False)
    bakery = start_bakery(directory, python, bakery_port, arguments.workers)
    rounds = []
    try:
        print("Comparing with bakerydemo…", flush=True)
        for _ in range(arguments.rounds):
            figures = {}
            for ours, theirs in BAKERY_PAIRS.items():
                pair = (
                    (ours, f"http://127.0.0.1:{portal_port}{urls[ours]}"),
                    (
                        f"bakerydemo {theirs}",
                        f"http://127.0.0.1:{bakery_port}{bakery_urls[theirs]}",
                    ),
                )
                for name, url in pair:
                    for _ in range(3):
                        urllib.request.urlopen(url, timeout=30).read()  # noqa: S310 - loopback
                    figures[name] = run_wrk(
                        url, arguments.seconds, arguments.connections, arguments.threads
                    )
            rounds.append(figures)
    finally:
        for server in (portal, bakery):
            server.terminate()
            server.wait(timeout=30)
    print()
    print(
        f"{'portal page':12} {'bakerydemo page':16} {'round':>5} {'portal req/s':>12} "
        f"{'bakery req/s':>12} {'ratio':>6}"
    )
    ratios = {ours: [] for ours in BAKERY_PAIRS}
    for number, figures in enumerate(rounds, 1):
        for ours, theirs in BAKERY_PAIRS.items():
            mine, other = figures[ours]["rate"], figures[f"bakerydemo {theirs}"]["rate"]
            ratios[ours].append(mine / other)
            print(
                f"{ours:12} {theirs:16} {number:5} {mine:12.1f} {other:12.1f} {mine / other:6.2f}"
            )
    for ours, values in ratios.items():
        values.sort()
        print(f"{ours}: median ratio {values[len(values) // 2]:.2f} (lowest {values[0]:.2f})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="per address and mode")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--no-varnish", action="store_true")
    parser.add_argument("--bakerydemo", help="a checkout of wagtail/bakerydemo to compare with")
    parser.add_argument("--bakerydemo-python", help="its interpreter (default DIR/.venv)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the comparison")
    parser.add_argument("--compare-only", action="store_true", help="only the comparison")
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")

    work = Path(tempfile.mkdtemp(prefix="bot-http-bench-"))
    env = base_env(work)
    print("Preparing the demo database and static files…", flush=True)
    urls = prepare(env)
    if arguments.bakerydemo:
        compare_with_bakery(env, urls, arguments)
        if arguments.compare_only:
            shutil.rmtree(work, ignore_errors=True)
            return
    all_results = {}
    varnish_pid = None
    for mode, page_cache in (("uncached", False), ("cached", True)):
        port = free_port()
        server = start_gunicorn(env, port, arguments.workers, page_cache)
        try:
            print(f"Measuring {mode} on 127.0.0.1:{port}…", flush=True)
            base = f"http://127.0.0.1:{port}"
            all_results[mode] = measure(base, urls, arguments, warm=True)
            if page_cache and not arguments.no_varnish:
                cache_port = free_port()
                varnish_pid = start_varnish(work, port, cache_port)
                if varnish_pid is None:
                    print("varnishd not installed: no Varnish figures")
                else:
                    print(f"Measuring through Varnish on 127.0.0.1:{cache_port}…", flush=True)
                    pages = {name: path for name, path in urls.items() if name != "bare view"}
                    all_results["varnish"] = measure(
                        f"http://127.0.0.1:{cache_port}", pages, arguments, warm=True
                    )
        finally:
            if varnish_pid is not None:
                os.kill(varnish_pid, 15)
                varnish_pid = None
            server.terminate()
            server.wait(timeout=30)
    report(all_results)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
