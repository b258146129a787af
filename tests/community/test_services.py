"""The services behind the directory's forms: emails leave after the commit of the service
that changed the state, a busy database stores nothing and says so, counts read naturally in
both languages, and the directory stays independent of the stories app."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import OperationalError, transaction

from community.factories import MunicipalityFactory, PartnershipFactory
from community.models import Municipality
from tests.community.test_registration import form_data

pytestmark = pytest.mark.django_db

COMMUNITY = Path(__file__).resolve().parents[2] / "community"


@pytest.fixture
def outbox(settings):
    """The production road for email: stored, then delivered after the commit (pytest-django
    swaps in locmem, which would deliver at once)."""
    settings.EMAIL_BACKEND = "portal.mail.OutboxBackend"


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderator", "moderator@bot.example", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_registration_emails_leave_only_once_it_is_committed(
    client, registration, moderator, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/en/register/", form_data())
        assert response.status_code == 303
        assert mail.outbox == []  # queued with the registration, not sent from inside it
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "international@kalush.example",
        "moderator@bot.example",
    ]


def test_thanks_page_says_the_email_is_on_its_way(client, registration):
    html = client.get("/en/register/thanks/").content.decode()
    assert "We will email a confirmation to the contact person." in html
    html = client.get("/uk/register/thanks/").content.decode()
    assert "Ми надішлемо підтвердження на електронну пошту контактної особи." in html


def test_a_publication_rolled_back_tells_nobody(
    client, registration, outbox, django_capture_on_commit_callbacks
):
    client.post("/en/register/", form_data())
    municipality = Municipality.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            municipality.latest_revision.publish()
            transaction.set_rollback(True)
    assert mail.outbox == []
    municipality.refresh_from_db()
    assert not municipality.live and not municipality.approval_notified


def test_description_keeps_paragraphs_and_line_breaks_escaped(client, registration):
    text = "First <b>paragraph</b>\nsame paragraph.\n\nSecond & last."
    client.post("/en/register/", form_data(description=text))
    description = Municipality.objects.get().description
    assert "<p>First &lt;b&gt;paragraph&lt;/b&gt;<br>same paragraph.</p>" in description
    assert "<p>Second &amp; last.</p>" in description


def test_a_busy_database_stores_nothing_and_shows_the_form_again(
    client, registration, monkeypatch, django_capture_on_commit_callbacks
):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Municipality, "save", locked)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/register/", form_data())
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] and response["Cache-Control"] == "private, no-store"
    assert "Nothing was stored" in html
    assert 'value="Kalush"' in html and "Heat pumps for schools" in html
    assert Municipality.objects.count() == 0 and mail.outbox == []


def test_a_busy_database_during_a_contact_message_says_nothing_was_sent(
    client, directory, monkeypatch
):
    from community import services

    MunicipalityFactory(slug="dolyna", contact_email="secret@dolyna.example")

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "send_email", locked)
    data = {
        "sender_name": "Ona",
        "sender_email": "ona@siauliai.example",
        "sender_organisation": "Šiauliai district",
        "message": "We would like to visit.",
    }
    response = client.post("/en/directory/dolyna/contact/", data)
    html = response.content.decode()
    assert response.status_code == 503
    assert "Nothing was stored" in html and "We would like to visit." in html
    assert "Your message was sent" not in html


@pytest.mark.parametrize(
    ("count", "english", "ukrainian"),
    [
        (1, "1 partnership", "1 партнерство"),
        (2, "2 partnerships", "2 партнерства"),
        (5, "5 partnerships", "5 партнерств"),
    ],
)
def test_partnership_count_reads_naturally_in_both_languages(
    client, partnership_index, directory, count, english, ukrainian
):
    PartnershipFactory.create_batch(count)
    assert f">{english}</h2>" in client.get("/en/partnerships/").content.decode()
    assert f">{ukrainian}</h2>" in client.get("/uk/partnerships/").content.decode()


def test_municipality_count_reads_naturally_in_ukrainian(client, directory):
    MunicipalityFactory.create_batch(5)
    assert "5 громад" in client.get("/uk/directory/").content.decode()
    Municipality.objects.all()[0].delete()
    Municipality.objects.all()[0].delete()
    html = client.get("/uk/directory/").content.decode()
    assert "3 громади" in html


def test_the_directory_never_imports_the_stories_app():
    """Stories link to the directory, not the other way round (no cycle between the apps):
    a profile's stories come through the reverse relation the stories app declares."""
    importers = []
    for path in COMMUNITY.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            if any(name == "stories" or name.startswith("stories.") for name in names):
                importers.append(str(path.relative_to(COMMUNITY)))
    assert importers == []
