"""A page sent for translation goes live in the other language only through moderation
(issue 15, finding 1): an editor's "Translate this page" never puts the English text on /uk/."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from portal.factories import translate
from stories.factories import StoryIndexPageFactory, StoryPageFactory

UK_TITLE = "Вода для Долини: історія партнерства"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mo", "mo@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def story(homes):
    index = StoryIndexPageFactory(parent=homes["en"])
    translate(index, "uk", title="Історії")
    return StoryPageFactory(parent=index, title="Water for Dolyna", slug="water-for-dolyna")


def public_html(path):
    response = Client().get(path)
    assert response.status_code == 200
    return response.content.decode()


def send_for_translation(client, page, capture):
    """The editor's page → Translate this page → Українська → Submit (wagtail-localize
    publishes after the commit, so the commit's callbacks are run)."""
    uk = Locale.objects.get(language_code="uk")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    with capture(execute=True):
        response = client.post(url, {"locales": [uk.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    return page.get_translation(uk).specific


def translate_every_string(client, translation, title):
    """What the editor types into wagtail-localize's editor, through its own API."""
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    assert segments
    for segment in segments:
        value = title if segment.context.path == "title" else "УКР " + segment.string.data
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        response = client.put(
            url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code in (200, 201), response.content.decode()[:500]


def test_sending_a_page_for_translation_shows_nothing_on_the_other_language(
    client, homes, story, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    uk_story = send_for_translation(client, story, django_capture_on_commit_callbacks)

    assert not uk_story.live
    assert "Water for Dolyna" not in public_html("/uk/stories/")
    assert "Water for Dolyna" not in public_html("/uk/")
    assert Client().get("/uk/stories/water-for-dolyna/").status_code == 404
    # The editor sees the translation in wagtail-localize's editor, with its progress.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[uk_story.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "js-translation-editor" in html
    assert "Submit translation for moderation" in html
    assert "0 of 2 texts translated" in html  # the story's title and standfirst


def test_a_translation_is_published_when_a_moderator_approves_it(
    client, homes, story, editor, moderator, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    uk_story = send_for_translation(client, story, django_capture_on_commit_callbacks)
    translation = Translation.objects.get(
        source__object_id=story.translation_key, target_locale=uk_story.locale
    )
    translate_every_string(client, translation, UK_TITLE)
    edit_url = reverse("wagtailadmin_pages:edit", args=[uk_story.pk])
    assert "2 of 2 texts translated" in client.get(edit_url).content.decode()

    mail.outbox.clear()
    edit_url = reverse("wagtailadmin_pages:edit", args=[uk_story.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, {"action": "portal-submit-translation"})
    assert response.status_code == 302
    uk_story.refresh_from_db()
    assert not uk_story.live and uk_story.workflow_in_progress
    assert uk_story.get_latest_revision_as_object().title == UK_TITLE
    assert "This translation is waiting for the moderators" in client.get(edit_url).content.decode()
    assert UK_TITLE not in public_html("/uk/stories/")
    # The moderator is told.
    assert any("mo@example.org" in message.to for message in mail.outbox)

    # An editor cannot publish it from the translation editor.
    client.post(edit_url, {"action": "publish"})
    uk_story.refresh_from_db()
    assert not uk_story.live

    client.force_login(moderator)
    task_state = uk_story.current_workflow_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[uk_story.pk, "approve", task_state.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url, {"comment": ""})
    assert response.status_code in (200, 302)
    uk_story.refresh_from_db()
    assert uk_story.live
    assert UK_TITLE in public_html("/uk/stories/")
    assert UK_TITLE in public_html("/uk/stories/water-for-dolyna/")


def test_an_editor_cannot_publish_untranslated_updates_by_syncing(
    client, homes, story, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    uk_story = send_for_translation(client, story, django_capture_on_commit_callbacks)
    translation = Translation.objects.get(
        source__object_id=story.translation_key, target_locale=uk_story.locale
    )
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    uk_story.refresh_from_db()
    assert not uk_story.live
    assert "Water for Dolyna" not in public_html("/uk/stories/")


# Reports → Missing translations ---------------------------------------------------------------


def report_html(client, **query):
    response = client.get(reverse("portal_missing_translations"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_report_lists_missing_draft_and_out_of_date_translations(
    client, homes, story, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("portal_missing_translations") in dashboard  # in the Reports menu

    html = report_html(client, language="uk")
    assert "Water for Dolyna" in html and "Not translated" in html
    # A row leads to "Translate" with the language chosen.
    submit = reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    assert f"{submit}?select_locale=uk" in html
    # The translated story index and home page are up to date: not listed.
    assert "Історії" not in html and ">Stories<" not in html

    uk_story = send_for_translation(client, story, django_capture_on_commit_callbacks)
    html = report_html(client, language="uk")
    assert "Translation not published yet" in html
    assert reverse("wagtailadmin_pages:edit", args=[uk_story.pk]) in html

    uk_story.save_revision().publish()
    assert "Water for Dolyna" not in report_html(client, language="uk")

    story.title = "Water for Dolyna, two years on"
    story.save_revision().publish()
    html = report_html(client, language="uk", status="outdated")
    assert "Water for Dolyna, two years on" in html and "Out of date" in html
    assert "Water for Dolyna" not in report_html(client, language="uk", status="missing")
    response = client.get(reverse("portal_missing_translations"), {"export": "csv"})
    assert response.status_code == 200
    assert "Water for Dolyna, two years on" in b"".join(response.streaming_content).decode()


def test_the_report_is_for_staff_who_edit_pages(client, homes, django_user_model):
    django_user_model.objects.create_user("visitor", "v@example.org", "pw")
    client.login(username="visitor", password="pw")
    response = client.get(reverse("portal_missing_translations"))
    assert response.status_code in (302, 403)


def test_an_editor_cannot_turn_a_translation_into_a_live_alias(
    client, homes, story, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    uk_story = send_for_translation(client, story, django_capture_on_commit_callbacks)
    url = reverse("wagtail_localize:convert_to_alias", args=[uk_story.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code in (302, 403)  # the admin answers "no permission" with a redirect
    assert response.get("Location", "/admin/") == "/admin/"
    uk_story.refresh_from_db()
    assert not uk_story.live and uk_story.alias_of_id is None
    assert "Water for Dolyna" not in public_html("/uk/stories/")


def test_the_report_lists_translatable_snippets_without_a_translation(client, homes, editor):
    from community.factories import ProgrammeFactory

    programme = ProgrammeFactory(name="Bridges of Trust pilot")
    client.force_login(editor)
    html = report_html(client, language="uk", kind="snippets")
    assert "Bridges of Trust pilot" in html and "Not translated" in html
    submit = reverse(
        "wagtail_localize:submit_snippet_translation", args=["community", "programme", programme.pk]
    )
    assert f"{submit}?select_locale=uk" in html
    assert "Bridges of Trust pilot" not in report_html(client, language="uk", kind="pages")

    programme.copy_for_translation(Locale.objects.get(language_code="uk")).save()
    assert "Bridges of Trust pilot" not in report_html(client, language="uk", kind="snippets")
