"""The communications team's way of working: editors write and submit, moderators publish."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.models import ContentPage


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


def page_form(**actions):
    return nested_form_data(
        {
            "title": "About the European Partnership Hub",
            "slug": "about-hub",
            "introduction": "The secretariat of the Bridges of Trust Community.",
            "body": streamfield(
                [
                    ("heading", {"text": "What the Hub does", "level": "h2"}),
                    ("paragraph", rich_text("<p>It connects municipalities.</p>")),
                    (
                        "key_figures",
                        {
                            "heading": "",
                            "figures": streamfield(
                                [
                                    ("item", {"figure": "500+", "label": "municipalities"}),
                                ]
                            ),
                        },
                    ),
                ]
            ),
            "comments": inline_formset([]),
            **actions,
        }
    )


def test_editor_submits_a_page_and_a_moderator_publishes_it(client, homes, editor, moderator):
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=("portal", "contentpage", homes["en"].pk))
    response = client.post(add_url, page_form(**{"action-submit": "Submit"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ContentPage.objects.get(slug="about-hub")
    assert not page.live
    assert page.workflow_in_progress
    draft = page.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["heading", "paragraph", "key_figures"]
    assert draft.body[2].value["figures"][0]["figure"] == "500+"

    # An editor asking to publish only saves a draft: publishing is the moderators' job.
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    client.post(edit_url, page_form(**{"action-publish": "Publish"}))
    page.refresh_from_db()
    assert not page.live
    assert client.get("/en/about-hub/").status_code == 404

    client.force_login(moderator)
    response = client.post(
        edit_url,
        page_form(
            **{
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
            }
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    html = client.get("/en/about-hub/").content.decode()
    assert "What the Hub does" in html and "500+" in html


def test_visitors_and_non_staff_cannot_reach_the_admin(client, homes, django_user_model):
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    django_user_model.objects.create_user("visitor", "v@example.org", "pw")
    client.login(username="visitor", password="pw")
    response = client.get(reverse("wagtailadmin_pages:edit", args=(homes["en"].pk,)))
    assert response.status_code in (302, 403)
