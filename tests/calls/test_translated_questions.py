"""Ukrainian first (issue 15, finding 5): a call's own questions and its contact are translated
with the call; each question keeps its block id in both languages (the answers stay one set)."""

import pytest

from calls.factories import applicant_data, partner_data
from calls.models import CallPage
from tests.calls.helpers import apply_url, key_from, step_url

pytestmark = pytest.mark.django_db


def test_the_ukrainian_applicant_reads_the_call_questions_in_ukrainian(client, demo_site):
    en = CallPage.objects.get(slug="projects-fund-2026", locale__language_code="en")
    uk = CallPage.objects.get(translation_key=en.translation_key, locale__language_code="uk")
    assert [c.id for c in uk.questions] == [c.id for c in en.questions]
    response = client.post(apply_url(uk), applicant_data())
    assert response.status_code == 303, response.content.decode()[:2000]
    key = key_from(response)
    assert client.post(step_url(uk, key, 2), partner_data()).status_code == 303
    step3 = client.get(step_url(uk, key, 3)).content.decode()
    assert "Як партнерство розподіляє роботу?" in step3
    assert "Хто що робить з обох сторін." in step3
    assert "How does the partnership share the work?" not in step3
    page = client.get(uk.url).content.decode()
    assert "Секретаріат Європейського хабу партнерств" in page
    assert "European Partnership Hub secretariat" not in page
