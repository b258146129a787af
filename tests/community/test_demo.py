"""seed_demo's directory content: from the public reports, in both languages, idempotent."""

import pytest
from django.core.management import call_command

from community.models import Municipality, Partnership, Programme

pytestmark = pytest.mark.django_db


def test_seed_demo_directory_twice(client, demo_site):
    # The demo layer is the first run (tests/conftest.py); this is the second.
    counts = (Municipality.objects.count(), Partnership.objects.count(), Programme.objects.count())
    revisions = sum(m.revisions.count() for m in Municipality.objects.all())
    call_command("seed_demo", "--no-accounts", verbosity=0)
    assert counts == (
        Municipality.objects.count(),
        Partnership.objects.count(),
        Programme.objects.count(),
    )
    assert revisions == sum(m.revisions.count() for m in Municipality.objects.all())
    # 46 municipalities (21 Ukrainian), 6 partnerships, 4 programmes, in en + uk
    assert counts == (92, 12, 8)

    html = client.get("/en/directory/dolyna-ua/").content.decode()
    assert "Šiauliai district" in html and "Bridges of Trust pilot" in html
    uk = client.get("/uk/directory/dolyna-ua/").content.decode()
    assert "Громада в передгір'ї Карпат" in uk or "Громада в передгір&#x27;ї Карпат" in uk
    assert "Пілотна фаза «Мостів довіри»" in uk
    assert "Summer school for children from Dolyna" in html
    # SUN4Ukraine cities are members without invented partners.
    kyiv = client.get("/en/directory/kyiv-ua/").content.decode()
    assert "No partnership is recorded yet." in kyiv


def test_demo_stories_and_events_link_to_the_directory(client, demo_site):
    html = client.get("/en/directory/dolyna-ua/").content.decode()
    stories = html.split('id="stories-title"')[1]
    assert "Eleven tons of aid from Šiauliai district to Dolyna" in stories
    uk = client.get("/uk/directory/siauliai-district-lt/").content.decode()
    assert "Одинадцять тонн допомоги" in uk.split('id="stories-title"')[1]
    story = client.get("/uk/stories/siauliai-district-dolyna-aid/").content.decode()
    assert 'href="/uk/directory/dolyna-ua/"' in story and "Соціальні послуги та ВПО" in story
    assert "Долина – Šiauliai district" in story
    filtered = client.get("/en/stories/", {"programme": "european-partnership-hub"}).content
    assert b"European Partnership Hub launched" in filtered
    munich = client.get("/en/events/", {"programme": "sun4ukraine"}).content.decode()
    assert "SUN4Ukraine partnerships meet in Munich" in munich
    assert "Annual Gathering" not in munich.split('id="events-upcoming"')[1]
