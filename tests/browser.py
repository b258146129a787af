"""Headless Chromium through Playwright for tests that look at pages as a visitor does.

Chromium comes from Debian (/usr/bin/chromium; `.ci/run` installs it). Where it is missing the
browser tests are skipped with the reason printed, so `make test` still passes."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
# Without these Chromium tries to reach Google's hosts at start-up; this machine has no network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_missing_reason():
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


@pytest.fixture(scope="session")
def chromium():
    reason = chromium_missing_reason()
    if reason:
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would then refuse the
    # test's own (synchronous) database work. The tests never share a connection across
    # threads, so this is safe (the workaround Playwright documents for Django).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh browser tab; every request it makes to another host is recorded and refused,
    so a test can assert that pages need nothing from outside the portal."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.external_requests = []
    origin = live_server.url

    def route(route_request):
        url = route_request.request.url
        if url.startswith(origin) or url.startswith("data:"):
            route_request.continue_()
        else:
            page.external_requests.append(url)
            route_request.abort()

    page.route("**/*", route)
    page.base_url = origin
    yield page
    context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
