"""In headless Chromium, in Ukrainian: Jonas of Šiauliai district (a demo member) answers
"Interested too" to Kalush's interest on his dashboard, finds the conversation the mutual match
opened and sends a message in it (issue 12)."""

import re

import pytest

from community.demo_interests import seed_interests
from community.demo_members import seed_members
from community.models import Match, Message
from tests.browser import screenshot
from tests.community.test_browser_member import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_interests(live_demo_site):
    seed_members()
    seed_interests()


def test_a_mutual_match_in_ukrainian_opens_a_conversation(browser_page, demo_interests):
    page = browser_page
    sign_in(page, "jonas@siauliai-district.example", "bridges-siauliai")
    page.wait_for_url("**/uk/account/municipality/*/")
    interests = page.locator("section[aria-labelledby=interests-heading]")
    interests.get_by_role("button", name=re.compile("^Теж зацікавлені")).click()
    page.wait_for_url("**/uk/account/municipality/*/")
    assert "це взаємний інтерес" in page.locator("body").inner_text()
    match = Match.objects.get(interests__source__slug="kalush-ua")
    conversations = page.locator("section[aria-labelledby=conversations-heading]")
    conversations.get_by_role("link", name=re.compile("Калуш|Kalush")).click()
    page.wait_for_url(f"**/uk/account/municipality/*/conversations/{match.conversation.pk}/")
    assert "Розмова з" in page.locator("h1").inner_text()
    page.fill("[name=body]", "Добрий день, Калуше! Пропонуємо зустрітися онлайн наступного тижня.")
    page.get_by_role("button", name="Надіслати повідомлення").click()
    page.wait_for_url(f"**/conversations/{match.conversation.pk}/")
    text = page.locator("body").inner_text()
    assert "Ваше повідомлення надіслано." in text and "Пропонуємо зустрітися онлайн" in text
    screenshot(page, "conversation-after-match-uk")
    message = Message.objects.get(conversation=match.conversation)
    assert message.author.email == "jonas@siauliai-district.example"
    assert page.external_requests == []
