"""How the communications team works on stories in the admin: editors submit to moderation,
moderators publish; tags are checked before they reach the database; translations go through
wagtail-localize."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from stories.factories import StoryPageFactory
from stories.models import StoryCountry, StoryPage


def user_in(group, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def draft(story_indexes):
    story = StoryPageFactory(parent=story_indexes["en"], title="Draft about aid", live=False)
    story.save_revision()
    return story


def edit_form(story, **changes):
    data = {
        "title": story.title,
        "slug": story.slug,
        "kind": "news",
        "date": "2025-10-16",
        "standfirst": "A short summary.",
        "hero_alt_text": "",
        "hero_caption": "",
        "hero_credit": "",
        "body": streamfield(
            [
                ("heading", {"text": "What happened", "level": "h2"}),
                ("paragraph", rich_text("<p>Text</p>")),
            ]
        ),
        "countries": inline_formset([{"country": "UA"}]),
        "tags": '"humanitarian aid", forum',  # as Wagtail's tag widget sends them
        "contact_role": "Partnerships team",
        "contact_email": "team@example.org",
        "comments": inline_formset([]),
        "listing_title": "",
        "listing_summary": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(changes)
    return nested_form_data(data)


def test_editor_submits_and_moderator_publishes(client, draft):
    editor, moderator = user_in("Editors", "editor"), user_in("Moderators", "moderator")
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])

    client.force_login(editor)
    # An editor cannot publish directly, but submits to the "Moderators approval" workflow.
    assert not draft.permissions_for_user(editor).can_publish()
    response = client.post(edit_url, {**edit_form(draft), "action-submit": "submit"})
    assert response.status_code == 302
    page = StoryPage.objects.get(pk=draft.pk)
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert not page.live

    client.force_login(moderator)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert client.post(url, {}).status_code in (200, 302)
    page = StoryPage.objects.get(pk=draft.pk)
    assert page.live
    assert page.kind == "news" and sorted(t.name for t in page.tags.all()) == [
        "forum",
        "humanitarian aid",
    ]
    assert [c.country for c in page.countries.all()] == ["UA"]
    assert client.get(page.url).status_code == 200


def test_a_tag_longer_than_100_characters_is_a_form_error_not_a_500(admin_client, draft):
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = admin_client.post(edit_url, {**edit_form(draft, tags="x" * 101)})
    assert response.status_code == 200  # the form again, with the error
    assert response.context["form"].errors["tags"]
    assert not StoryPage.objects.get(pk=draft.pk).tags.exists()


def test_a_country_named_twice_is_a_form_error(admin_client, draft):
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    form = edit_form(draft, countries=inline_formset([{"country": "UA"}, {"country": "UA"}]))
    response = admin_client.post(edit_url, form)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Name each country only once."]


def test_preview_from_the_edit_form(admin_client, draft):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk])
    response = admin_client.post(url, edit_form(draft, title="Previewed title"))
    assert response.json()["is_valid"]
    assert "Previewed title" in admin_client.get(url).content.decode()


def test_translation_through_wagtail_localize_keeps_synchronised_fields(draft):
    from wagtail_localize.models import TranslationSource

    draft.kind = "news"
    draft.countries = [StoryCountry(country="LT")]
    draft.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(draft)
    translation, _created = source.create_or_update_translation(
        Locale.objects.get(language_code="uk"), fallback=True
    )
    assert translation.locale.language_code == "uk"
    assert translation.kind == "news" and translation.date == draft.date
    assert translation.get_parent().locale.language_code == "uk"
    assert [c.country for c in translation.countries.all()] == ["LT"]
