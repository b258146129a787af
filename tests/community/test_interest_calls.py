"""Issue 12, the rest of "express interest": an interest names the call it is about (chosen
from live calls open or upcoming, preselected when the member comes from a call's partner
search, shown in each reader's language), only a Ukrainian and an EU municipality can be
interested in each other, and the form is pre-filled for an open interest (one row)."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone
from wagtail.models import Locale

from calls.factories import CallIndexPageFactory, CallPageFactory
from community import member_data
from community.factories import MunicipalityFactory
from community.models import Interest, Match, Stance
from tests.community import test_interests
from tests.community.test_interests import express_url, sent_to

towns = test_interests.towns  # Dolyna (UA, Olena reads Ukrainian), Šiauliai district (LT), …


@pytest.fixture
def calls(towns, homes):
    """An open call in English and Ukrainian, one upcoming, one closed and one unpublished."""
    index = CallIndexPageFactory(parent=homes["en"])
    now = timezone.now()
    recovery = CallPageFactory(
        parent=index,
        title="Recovery grants 2027",
        slug="recovery-grants",
        partner_countries=["LT"],
        sectors=["water"],
    )
    ukrainian = recovery.copy_for_translation(Locale.objects.get(language_code="uk"), True)
    ukrainian.title = "Гранти на відновлення 2027"
    ukrainian.save_revision().publish()
    upcoming = CallPageFactory(
        parent=index,
        title="Culture exchange 2028",
        opens_at=now + datetime.timedelta(days=20),
        closes_at=now + datetime.timedelta(days=80),
    )
    closed = CallPageFactory(
        parent=index,
        title="Old fund 2024",
        opens_at=now - datetime.timedelta(days=90),
        closes_at=now - datetime.timedelta(days=1),
    )
    draft = CallPageFactory(parent=index, title="Unpublished fund", live=False)
    return {
        "recovery": recovery,
        "recovery_uk": ukrainian.specific,
        "upcoming": upcoming,
        "closed": closed,
        "draft": draft,
    }


def selected_call(html):
    """The value of the selected option of the form's call field ("" for none)."""
    select = re.search(r'<select name="call"[^>]*>(.*?)</select>', html, re.S).group(1)
    found = re.search(r'<option value="([^"]*)"[^>]*selected', select)
    return found.group(1) if found else ""


def test_from_a_calls_partner_search_the_interest_names_the_call(
    client, towns, calls, django_capture_on_commit_callbacks
):
    dolyna, siauliai, recovery = towns["dolyna"], towns["siauliai"], calls["recovery"]
    client.force_login(towns["olena"])
    call_page = client.get(recovery.url).content.decode()
    link = unescape(re.search(r'<a href="([^"]+)">Find a partner for this call</a>', call_page)[1])
    assert f"call={recovery.pk}" in link
    # The search says which call it is for, and its profiles carry the call.
    search = client.get(link).content.decode()
    assert "Partners for the call “Recovery grants 2027”" in unescape(search)
    profile_url = f"/en/directory/siauliai/?call={recovery.pk}"
    assert f'href="{profile_url}"' in search
    # The profile's one-click button and its form link both name the call.
    profile = client.get(profile_url).content.decode()
    assert "Your interest will name the call “Recovery grants 2027”." in unescape(profile)
    assert f'<input type="hidden" name="call" value="{recovery.pk}">' in profile
    form_link = unescape(re.search(r'href="([^"]*interests/in/[^"]*)"', profile)[1])
    assert (
        form_link.startswith(express_url(dolyna, siauliai)) and f"call={recovery.pk}" in form_link
    )
    # The form has the call preselected and a link back to the profile.
    form = client.get(form_link).content.decode()
    assert selected_call(form) == str(recovery.pk)
    assert "Culture exchange 2028" in form  # upcoming calls can be chosen too
    assert "Old fund 2024" not in form and "Unpublished fund" not in form
    assert f'<a href="{profile_url}">Back to where you came from</a>' in unescape(form)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            express_url(dolyna, siauliai),
            {"call": recovery.pk, "sectors": ["water"], "details": "True", "next": profile_url},
        )
    assert response.status_code == 303 and response["Location"] == profile_url
    interest = Interest.objects.get()
    assert interest.call_id == recovery.pk and interest.stance == Stance.INTERESTED
    # The member's data export names it too.
    [exported] = member_data.export("olena@dolyna.example")["accounts"][0]["interests"]
    assert exported["call"] == "Recovery grants 2027"
    # Jonas (no language known, Lithuania: English) is told which call.
    [told] = sent_to("jonas@siauliai.example")
    assert "for the call “Recovery grants 2027”" in told.body
    assert re.search(r"Dolyna is interested in working with you on \S.* for the call", told.body)
    # Both sides' lists show it.
    client.force_login(towns["jonas"])
    received = client.get(f"/en/account/municipality/{siauliai.pk}/interests/").content.decode()
    assert "for the call" in received and "“Recovery grants 2027”" in unescape(received)
    client.force_login(towns["olena"])
    sent = client.get(f"/en/account/municipality/{dolyna.pk}/interests/").content.decode()
    assert "“Recovery grants 2027”" in unescape(sent) and f'href="{recovery.url}"' in sent


def test_the_call_is_shown_in_each_readers_language(
    client, towns, calls, django_capture_on_commit_callbacks
):
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    client.force_login(towns["jonas"])
    # The Ukrainian page's id is understood on the English form: the same call.
    form = client.get(express_url(siauliai, dolyna) + f"?call={calls['recovery_uk'].pk}")
    assert selected_call(form.content.decode()) == str(calls["recovery"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            express_url(siauliai, dolyna), {"call": calls["recovery_uk"].pk, "details": "True"}
        )
    assert response.status_code == 303
    assert Interest.objects.get().call_id == calls["recovery"].pk  # the default language's
    # Olena reads Ukrainian: her email and her dashboard name the call in Ukrainian.
    [told] = sent_to("olena@dolyna.example")
    expected = "Šiauliai district виявляє зацікавленість у співпраці з вами в межах конкурсу"
    assert expected in told.body and "«Гранти на відновлення 2027»" in told.body
    client.force_login(towns["olena"])
    dashboard = client.get(f"/uk/account/municipality/{dolyna.pk}/").content.decode()
    assert "у межах конкурсу" in dashboard and "Гранти на відновлення 2027" in unescape(dashboard)
    assert "Recovery grants 2027" not in unescape(dashboard)
    # Jonas's English list names it in English.
    client.force_login(towns["jonas"])
    sent = client.get(f"/en/account/municipality/{siauliai.pk}/interests/").content.decode()
    assert "Recovery grants 2027" in unescape(sent)


def test_a_forged_call_is_a_form_error_and_nothing_is_stored(client, towns, calls):
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    client.force_login(towns["jonas"])
    for forged in (calls["closed"].pk, calls["draft"].pk, 999999, "abc", "-1", "1" * 40):
        response = client.post(express_url(siauliai, dolyna), {"call": forged})
        html = response.content.decode()
        assert response.status_code == 400, forged
        assert "This call cannot be chosen" in html and 'href="#id_call"' in html, forged
    assert not Interest.objects.exists() and mail.outbox == []
    # In the address, a forged call is no call.
    form = client.get(express_url(siauliai, dolyna) + f"?call={calls['closed'].pk}")
    assert form.status_code == 200 and selected_call(form.content.decode()) == ""
    profile = client.get(f"/en/directory/dolyna/?call={calls['draft'].pk}").content.decode()
    assert 'name="call"' not in profile.split('class="interest-panel"')[1]
    search = client.get("/en/partners/?call=abc")
    assert search.status_code == 200 and "Partners for the call" not in search.content.decode()


def test_the_form_is_prefilled_for_an_open_interest_and_editing_keeps_one_row(
    client, towns, calls, django_capture_on_commit_callbacks
):
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    client.force_login(towns["jonas"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            express_url(siauliai, dolyna),
            {"note": "Pipes first.", "sectors": ["water"], "call": calls["recovery"].pk},
        )
    assert len(sent_to("olena@dolyna.example")) == 1
    # Back from the match page: the form remembers where, and shows the interest as it is.
    back = "/en/partners/match/siauliai/"
    form = client.get(express_url(siauliai, dolyna) + f"?next={back}").content.decode()
    assert "Pipes first." in form and "Save the interest" in form
    assert re.search(r'value="water"[^>]*checked', form)
    assert selected_call(form) == str(calls["recovery"].pk)
    assert f'<a href="{back}">Back to where you came from</a>' in form
    # Another address than the site's is not followed back.
    evil = client.get(express_url(siauliai, dolyna) + "?next=https://evil.example/").content
    assert b'evil.example/">Back' not in evil
    assert f'href="/en/account/municipality/{siauliai.pk}/interests/">Back to where' in (
        evil.decode()
    )
    # Edited: the same row says the new things; nobody is told again.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            express_url(siauliai, dolyna),
            {"note": "Culture too.", "call": calls["upcoming"].pk, "details": "True", "next": back},
        )
    assert response.status_code == 303 and response["Location"] == back
    interest = Interest.objects.get()
    assert interest.note == "Culture too." and interest.call_id == calls["upcoming"].pk
    assert not interest.sectors.exists() and interest.stance == Stance.INTERESTED
    assert len(sent_to("olena@dolyna.example")) == 1
    page = client.get(back).content.decode()
    assert "Your interest in Dolyna was updated." in page
    assert "Change the note, sectors or call" in page
    # A one-click repeat (no details) leaves the note as it is.
    again = client.post(express_url(siauliai, dolyna), {}, follow=True).content.decode()
    assert "You had said already that you are interested in Dolyna." in again
    assert Interest.objects.get().note == "Culture too."


def test_interests_only_between_a_ukrainian_and_an_eu_municipality(client, towns):
    dolyna, kalush, siauliai = towns["dolyna"], towns["kalush"], towns["siauliai"]
    alytus = MunicipalityFactory(name="Alytus", slug="alytus", country="LT")
    refusal = "Interests are only between a Ukrainian municipality and a municipality outside"
    # Ukraine to Ukraine: refused with the reason, and no button on the profile.
    client.force_login(towns["kateryna"])
    response = client.post(express_url(kalush, dolyna), {"note": "Neighbours!"})
    assert response.status_code == 400 and refusal in response.content.decode()
    assert "Neighbours!" in response.content.decode()  # the note is kept
    profile = client.get("/en/directory/dolyna/").content.decode()
    assert refusal in profile and f'action="{express_url(kalush, dolyna)}"' not in profile
    assert (
        f'action="{express_url(kalush, alytus)}"'
        in client.get("/en/directory/alytus/").content.decode()
    )
    # EU to EU likewise.
    client.force_login(towns["jonas"])
    assert client.post(express_url(siauliai, alytus), {}).status_code == 400
    profile = client.get("/en/directory/alytus/").content.decode()
    assert refusal in profile and "We are interested<" not in profile
    # Answering a (legacy) interest between two Ukrainian municipalities makes no match.
    Interest.objects.create(source=kalush, target=dolyna, stance=Stance.INTERESTED)
    client.force_login(towns["olena"])
    response = client.post(test_interests.answer_url(dolyna, kalush, "yes"), follow=True)
    assert refusal in response.content.decode() and not Match.objects.exists()
    assert Interest.objects.count() == 1
    # The suggestions of the member's dashboard offer the other side only.
    overview = client.get(f"/en/account/municipality/{dolyna.pk}/interests/").content.decode()
    assert f'action="{express_url(dolyna, kalush)}"' not in overview


def test_staff_cannot_propose_two_municipalities_of_the_same_side(client, towns):
    alytus = MunicipalityFactory(name="Alytus", slug="alytus", country="LT")
    client.force_login(User.objects.create_superuser("hub", "hub@bot.example", "pw"))
    for first, second in ((towns["dolyna"], towns["kalush"]), (towns["siauliai"], alytus)):
        response = client.post(
            "/admin/community/propose-match/", {"first": first.pk, "second": second.pk}
        )
        assert response.status_code == 200
        assert "A match joins a Ukrainian municipality and a municipality outside Ukraine" in (
            response.content.decode()
        )
    assert not Interest.objects.exists() and mail.outbox == []
    # A Ukrainian–EU pair is proposed as before.
    client.post(
        "/admin/community/propose-match/",
        {"first": towns["dolyna"].pk, "second": towns["siauliai"].pk},
    )
    assert Interest.objects.filter(stance=Stance.PROPOSED).count() == 2


def test_staff_list_and_export_interests_with_their_call(client, towns, calls):
    from django.contrib.auth.models import Group

    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    client.force_login(towns["jonas"])
    client.post(express_url(siauliai, dolyna), {"call": calls["recovery"].pk, "note": "=1+1"})
    moderator = User.objects.create_user("moderator", "moderator@bot.example", "pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    listing = client.get("/admin/snippets/community/interest/")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Šiauliai district" in html and "Dolyna" in html and "Recovery grants 2027" in html
    export = client.get("/admin/snippets/community/interest/?export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content) if export.streaming else export.content
    rows = body.decode()
    assert "Recovery grants 2027" in rows and "Šiauliai district" in rows
    # Read only: nobody adds or changes an interest in the admin.
    interest = Interest.objects.get()
    assert client.get("/admin/snippets/community/interest/add/").status_code in (302, 403)
    assert client.get(f"/admin/snippets/community/interest/edit/{interest.pk}/").status_code in (
        302,
        403,
    )
    inspect = client.get(f"/admin/snippets/community/interest/inspect/{interest.pk}/")
    assert inspect.status_code == 200 and "Recovery grants 2027" in inspect.content.decode()
    # Editors do not see the members' interests.
    editor = User.objects.create_user("editor", "editor@bot.example", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    refused = client.get("/admin/snippets/community/interest/")
    assert refused.status_code == 302 or "Recovery grants 2027" not in refused.content.decode()
