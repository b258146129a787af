"""Finding 7 of the walk (issue 15): a visitor in Kyiv sees a call's deadline in their own time,
and the page's script raises nothing."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from calls.factories import CallIndexPageFactory, CallPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_in_kyiv_sees_the_deadline_in_their_time(chromium, live_server, homes):
    deadline = (timezone.now() + datetime.timedelta(days=20)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    call = CallPageFactory(
        parent=CallIndexPageFactory(parent=homes["en"]), slug="fund", closes_at=deadline
    )
    in_kyiv = deadline.astimezone(ZoneInfo("Europe/Kyiv"))
    context = chromium.new_context(timezone_id="Europe/Kyiv", locale="en-GB")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(live_server.url + call.url)
        page.locator(".local-time").first.wait_for(timeout=10_000)
        hints = page.locator(".local-time").all_inner_texts()
        day = f"{in_kyiv:%B} {in_kyiv.day}, {in_kyiv.year}"
        # The deadline, 10:00 UTC, is noon in Kyiv.
        assert any("your time" in t and day in t and "12:00" in t for t in hints), hints
        assert errors == []
    finally:
        context.close()
