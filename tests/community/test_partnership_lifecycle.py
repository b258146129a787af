"""The life of a partnership (issue 12) through HTTP, as members of two municipalities with a
mutual match: Olena of Dolyna (Ukraine, reading in Ukrainian) and Jonas of Šiauliai district
(Lithuania); Kateryna of Kalush (Ukraine) is the third municipality's member, refused everywhere."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.factories import MunicipalityFactory, PartnershipFactory, ProgrammeFactory
from community.interests import pair
from community.models import (
    ChangeStatus,
    Match,
    MemberLanguage,
    Partnership,
    PartnershipStatus,
    Role,
    StageChange,
)
from tests.community.test_member_space import make_member


@pytest.fixture
def towns(directory, partnership_index):
    dolyna = MunicipalityFactory(name="Dolyna", local_name="Долина", slug="dolyna")
    siauliai = MunicipalityFactory(
        name="Šiauliai district", slug="siauliai", country="LT", kind="district"
    )
    kalush = MunicipalityFactory(name="Kalush", slug="kalush")
    olena = make_member(dolyna, "olena@dolyna.example")
    make_member(dolyna, "petro@dolyna.example", Role.COLLEAGUE)
    jonas = make_member(siauliai, "jonas@siauliai.example")
    kateryna = make_member(kalush, "kateryna@kalush.example")
    MemberLanguage.objects.create(user=olena, language="uk")
    first, second = pair(dolyna.pk, siauliai.pk)
    match = Match.objects.create(first_id=first, second_id=second)
    programme = ProgrammeFactory(name="Bridges of Trust pilot", slug="bot-pilot")
    return {
        "dolyna": dolyna,
        "siauliai": siauliai,
        "kalush": kalush,
        "olena": olena,
        "jonas": jonas,
        "kateryna": kateryna,
        "match": match,
        "programme": programme,
    }


def base(mine, language="en"):
    return f"/{language}/account/municipality/{mine.pk}/partnerships/"


def propose_url(mine, match, language="en"):
    return base(mine, language) + f"propose/{match.pk}/"


def answer_url(mine, partnership, reply):
    return base(mine) + f"{partnership.pk}/{reply}/"


def stage_url(mine, partnership):
    return base(mine) + f"{partnership.pk}/stage/"


def stage_answer_url(mine, partnership, change, reply):
    return base(mine) + f"{partnership.pk}/stage/{change.pk}/{reply}/"


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def public_page(client):
    return client.get("/en/partnerships/").content.decode()


def propose(client, towns, capture, member="olena", mine="dolyna", language="en", **data):
    client.force_login(towns[member])
    with capture(execute=True):
        return client.post(
            propose_url(towns[mine], towns["match"], language),
            {"stage": "first_contact", "programme": towns["programme"].pk, **data},
        )


def test_proposed_confirmed_published_then_public_and_counted(
    client, towns, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    cache.clear()
    client.force_login(towns["olena"])
    dashboard = client.get(f"/en/account/municipality/{dolyna.pk}/").content.decode()
    assert "Propose a partnership" in dashboard
    assert f'href="{propose_url(dolyna, towns["match"])}"' in dashboard
    form = client.get(propose_url(dolyna, towns["match"]))
    assert form.status_code == 200 and form["Cache-Control"] == "private, no-store"
    # Olena proposes in Ukrainian: the answers she gets are in Ukrainian.
    response = propose(client, towns, capture, language="uk", started_on="2026-03-01")
    assert response.status_code == 303 and response["Location"] == base(dolyna, "uk")
    partnership = Partnership.objects.get()
    assert partnership.status == PartnershipStatus.PROPOSED
    assert partnership.ukrainian_municipality == dolyna and partnership.eu_municipality == siauliai
    assert partnership.match == towns["match"] and partnership.proposed_by == dolyna
    assert partnership.started_on == datetime.date(2026, 3, 1)
    # B is told (in English); A is not; a second proposal for the pair is refused.
    [told] = sent_to("jonas@siauliai.example")
    assert "Dolyna proposes to record your partnership" in told.subject
    assert f"/en/account/municipality/{siauliai.pk}/partnerships/" in told.body
    assert not sent_to("olena@dolyna.example")
    again = propose(client, towns, capture, language="uk")
    assert again.status_code == 400 and Partnership.objects.count() == 1
    # Not public yet, nor counted.
    assert "Šiauliai district" not in public_page(client)
    assert "<dt>partnership</dt>" not in client.get("/en/").content.decode()
    # Jonas confirms from his dashboard.
    mail.outbox.clear()
    client.force_login(towns["jonas"])
    page = client.get(f"/en/account/municipality/{siauliai.pk}/").content.decode()
    assert "Confirm the partnership" in page
    with capture(execute=True):
        confirmed = client.post(answer_url(siauliai, partnership, "confirm"))
    assert confirmed.status_code == 303
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.CONFIRMED
    assert partnership.stage_since == timezone.localdate()
    [first_step] = partnership.stage_changes.all()
    assert first_step.stage == "first_contact" and first_step.status == ChangeStatus.CONFIRMED
    [told] = sent_to("olena@dolyna.example")  # in Ukrainian
    assert "Šiauliai district" in told.subject and "підтверджено" in told.subject
    assert "Šiauliai district" not in public_page(client)
    # Staff publish it from the pipeline.
    client.force_login(User.objects.create_superuser("hub", "hub@bot.example", "pw"))
    pipeline = client.get("/admin/community/pipeline/").content.decode()
    assert "Partnerships waiting for publication" in pipeline and "Dolyna" in pipeline
    mail.outbox.clear()
    with capture(execute=True):
        published = client.post(f"/admin/community/partnerships/{partnership.pk}/publish/")
    assert published.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.PUBLISHED and partnership.published_at
    assert sent_to("olena@dolyna.example") and sent_to("jonas@siauliai.example")
    # The public page, the profiles and the key figures show it.
    public = public_page(client)
    assert "Šiauliai district" in public and "First contact" in public
    assert "1 Ukrainian municipality has at least one EU partner." in public
    assert "Šiauliai district" in client.get("/en/directory/dolyna/").content.decode()
    home = client.get("/en/").content.decode()
    assert "<dt>partnership</dt><dd>1</dd>" in home
    assert "<dt>Ukrainian municipality with an EU partner</dt><dd>1</dd>" in home
    assert "First contact: 1" in home
    # Publishing twice changes nothing.
    again = client.post(f"/admin/community/partnerships/{partnership.pk}/publish/", follow=True)
    assert "not waiting for publication" in again.content.decode()


def test_stage_change_proposed_confirmed_and_dated(
    client, towns, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    propose(client, towns, capture)
    partnership = Partnership.objects.get()
    client.force_login(towns["jonas"])
    with capture(execute=True):
        client.post(answer_url(siauliai, partnership, "confirm"))
    Partnership.objects.filter(pk=partnership.pk).update(status=PartnershipStatus.PUBLISHED)
    mail.outbox.clear()
    # The form preselects the next stage, not the first one (the walk found "First contact").
    client.force_login(towns["jonas"])
    form = client.get(stage_url(siauliai, partnership)).content.decode()
    assert '<option value="agreement" selected>' in form
    # Jonas proposes "Agreement signed": nothing changes until Olena confirms.
    assert client.get(stage_url(siauliai, partnership)).status_code == 200
    with capture(execute=True):
        response = client.post(stage_url(siauliai, partnership), {"stage": "agreement"})
    assert response.status_code == 303
    change = StageChange.objects.get(status=ChangeStatus.PROPOSED)
    partnership.refresh_from_db()
    assert partnership.stage == "first_contact"
    unconfirmed = public_page(client)  # the counts by stage: still at first contact
    assert "<td>First contact</td><td>1</td>" in unconfirmed
    assert "<td>Agreement signed</td><td>0</td>" in unconfirmed
    assert sent_to("olena@dolyna.example")
    # The proposer cannot confirm his own change; a second proposal waits for the first.
    assert (
        client.post(stage_answer_url(siauliai, partnership, change, "confirm")).status_code == 404
    )
    second = client.post(stage_url(siauliai, partnership), {"stage": "funded"})
    assert second.status_code == 400 and "already waiting" in second.content.decode()
    partnership.refresh_from_db()
    assert partnership.stage == "first_contact"
    # Olena confirms: the stage changes, dated, in the history both see.
    mail.outbox.clear()
    client.force_login(towns["olena"])
    page = client.get(base(dolyna)).content.decode()
    assert "Confirm the new stage" in page
    with capture(execute=True):
        done = client.post(stage_answer_url(dolyna, partnership, change, "confirm"))
    assert done.status_code == 303
    partnership.refresh_from_db()
    assert partnership.stage == "agreement" and partnership.stage_since == timezone.localdate()
    change.refresh_from_db()
    assert change.status == ChangeStatus.CONFIRMED and change.decided_at
    assert sent_to("jonas@siauliai.example")
    today = timezone.localdate()
    for member, mine in (("olena", dolyna), ("jonas", siauliai)):
        client.force_login(towns[member])
        history = client.get(base(mine)).content.decode()
        assert "History of stages" in history and "Agreement signed" in history
        assert today.strftime("%Y") in history
    public = public_page(client)
    assert "<td>Agreement signed</td><td>1</td>" in public and "stage reached on" in public
    # A declined change changes nothing.
    client.force_login(towns["olena"])
    client.post(stage_url(dolyna, partnership), {"stage": "completed"})
    declined = StageChange.objects.get(status=ChangeStatus.PROPOSED)
    client.force_login(towns["jonas"])
    client.post(stage_answer_url(siauliai, partnership, declined, "decline"))
    partnership.refresh_from_db()
    assert partnership.stage == "agreement"
    assert StageChange.objects.get(pk=declined.pk).status == ChangeStatus.DECLINED


def test_a_third_municipality_gets_404_for_every_action(
    client, towns, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dolyna, siauliai, kalush = towns["dolyna"], towns["siauliai"], towns["kalush"]
    propose(client, towns, capture)
    partnership = Partnership.objects.get()
    client.force_login(towns["jonas"])
    client.post(answer_url(siauliai, partnership, "confirm"))
    client.post(stage_url(siauliai, partnership), {"stage": "agreement"})
    change = StageChange.objects.get(status=ChangeStatus.PROPOSED)
    before = list(Partnership.objects.values_list("status", "stage"))
    mail.outbox.clear()
    client.force_login(towns["kateryna"])
    for mine in (kalush, dolyna, siauliai):  # her own municipality, and forged ones
        assert client.get(base(mine)).status_code == (200 if mine == kalush else 404)
        assert client.get(propose_url(mine, towns["match"])).status_code == 404
        assert (
            client.post(propose_url(mine, towns["match"]), {"stage": "funded"}).status_code == 404
        )
        for reply in ("confirm", "decline"):
            assert client.post(answer_url(mine, partnership, reply)).status_code == 404
            url = stage_answer_url(mine, partnership, change, reply)
            assert client.post(url).status_code == 404
        assert client.get(stage_url(mine, partnership)).status_code == 404
        assert client.post(stage_url(mine, partnership), {"stage": "funded"}).status_code == 404
    assert list(Partnership.objects.values_list("status", "stage")) == before
    assert Partnership.objects.count() == 1 and mail.outbox == []
    assert "Dolyna" not in client.get(base(kalush)).content.decode()
    # Anonymous visitors are sent to sign in.
    client.logout()
    assert client.get(base(dolyna)).status_code == 302


def test_a_forged_proposal_for_another_pair_changes_nothing(
    client, towns, django_capture_on_commit_callbacks
):
    """Jonas's match with Kalush is his own; Olena cannot propose it for Dolyna."""
    capture = django_capture_on_commit_callbacks
    kalush, siauliai = towns["kalush"], towns["siauliai"]
    first, second = pair(kalush.pk, siauliai.pk)
    other_match = Match.objects.create(first_id=first, second_id=second)
    client.force_login(towns["olena"])
    with capture(execute=True):
        response = client.post(propose_url(towns["dolyna"], other_match), {"stage": "funded"})
    assert response.status_code == 404
    assert not Partnership.objects.exists() and mail.outbox == []


def test_only_ukrainian_eu_pairs_are_recorded(client, towns):
    dolyna, kalush = towns["dolyna"], towns["kalush"]
    first, second = pair(dolyna.pk, kalush.pk)
    both_ukrainian = Match.objects.create(first_id=first, second_id=second)
    client.force_login(towns["kateryna"])
    page = client.get(propose_url(kalush, both_ukrainian)).content.decode()
    assert "between a Ukrainian municipality and a municipality of the European Union" in page
    assert "Propose the partnership" not in page
    response = client.post(propose_url(kalush, both_ukrainian), {"stage": "first_contact"})
    assert response.status_code == 400 and not Partnership.objects.exists()


def test_declined_proposal_is_not_recorded_and_can_be_proposed_again(
    client, towns, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    propose(client, towns, capture)
    partnership = Partnership.objects.get()
    mail.outbox.clear()
    client.force_login(towns["jonas"])
    with capture(execute=True):
        client.post(answer_url(towns["siauliai"], partnership, "decline"))
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.DECLINED
    assert sent_to("olena@dolyna.example")
    # Declined twice? Nothing to answer any more.
    assert client.post(answer_url(towns["siauliai"], partnership, "confirm")).status_code == 404
    assert propose(client, towns, capture, member="jonas", mine="siauliai").status_code == 303
    assert Partnership.objects.get().status == PartnershipStatus.PROPOSED
    assert Partnership.objects.get().proposed_by == towns["siauliai"]


def test_staff_proposed_match_leads_to_a_partnership_the_same_way(
    client, towns, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    Match.objects.all().delete()
    client.force_login(User.objects.create_superuser("hub", "hub@bot.example", "pw"))
    with capture(execute=True):
        client.post("/admin/community/propose-match/", {"first": dolyna.pk, "second": siauliai.pk})
    for member, mine, other in (("olena", dolyna, siauliai), ("jonas", siauliai, dolyna)):
        client.force_login(towns[member])
        with capture(execute=True):
            url = f"/en/account/municipality/{mine.pk}/interests/{other.pk}/answer/yes/"
            assert client.post(url).status_code == 303
    match = Match.objects.get()
    assert match.proposed_by_hub
    towns["match"] = match
    mail.outbox.clear()
    assert propose(client, towns, capture, member="jonas", mine="siauliai").status_code == 303
    partnership = Partnership.objects.get()
    assert partnership.match == match and sent_to("olena@dolyna.example")
    client.force_login(towns["olena"])
    client.post(answer_url(dolyna, partnership, "confirm"))
    assert Partnership.objects.get().status == PartnershipStatus.CONFIRMED


def test_staff_made_partnerships_stay_published_and_block_a_duplicate(
    client, towns, django_capture_on_commit_callbacks
):
    PartnershipFactory(
        ukrainian_municipality=towns["dolyna"],
        eu_municipality=towns["siauliai"],
        programme=towns["programme"],
    )
    assert Partnership.objects.get().status == PartnershipStatus.PUBLISHED
    assert "Šiauliai district" in public_page(client)
    response = propose(client, towns, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "recorded already" in response.content.decode()
    assert Partnership.objects.count() == 1


def test_my_municipality_costs_the_same_however_many_partnerships(
    client, towns, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    propose(client, towns, django_capture_on_commit_callbacks)
    dolyna = towns["dolyna"]
    url = f"/en/account/municipality/{dolyna.pk}/"
    client.force_login(towns["olena"])
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(4):
        eu = MunicipalityFactory(name=f"Gmina {n}", slug=f"gmina-{n}", country="PL")
        partnership = PartnershipFactory(
            ukrainian_municipality=dolyna,
            eu_municipality=eu,
            programme=towns["programme"],
            status=PartnershipStatus.CONFIRMED,
        )
        StageChange.objects.create(
            partnership=partnership,
            stage="joint_project",
            status=ChangeStatus.CONFIRMED,
            proposed_by=eu,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("History of stages") == 4 and "Gmina 3" in page


def test_demo_pair_has_a_stage_change_waiting_and_public_partnerships(client, demo_site):
    from community.demo_interests import seed_interests
    from community.demo_members import seed_members
    from community.demo_partnerships import PAIR, seed_partnerships
    from community.interests import match_between
    from community.models import Municipality

    seed_members()
    seed_interests()
    seed_partnerships()
    seed_partnerships()  # again: updated, not duplicated
    records = Municipality.objects.filter(locale__language_code="en", slug__in=PAIR)
    match = match_between(*records)
    partnership = Partnership.objects.get(match=match, locale__language_code="en")
    assert partnership.status == PartnershipStatus.PUBLISHED
    waiting = StageChange.objects.get(status=ChangeStatus.PROPOSED)
    assert waiting.partnership == partnership and waiting.proposed_by.slug == "siauliai-district-lt"
    olena = User.objects.get(email="olena@dolyna.example")
    client.force_login(olena)
    page = client.get(base(partnership.ukrainian_municipality)).content.decode()
    assert "Confirm the new stage" in page and "History of stages" in page
    public = client.get("/en/partnerships/").content.decode()
    assert "Šiauliai district" in public and "Košice" in public


def test_my_municipality_costs_the_same_however_many_matches(
    client, towns, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """Each match on the dashboard links to its profile and offers to propose a partnership:
    the directory is found once per language, not once per match."""
    propose(client, towns, django_capture_on_commit_callbacks)
    dolyna = towns["dolyna"]
    url = f"/en/account/municipality/{dolyna.pk}/"
    client.force_login(towns["olena"])
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(4):
        eu = MunicipalityFactory(name=f"Miasto {n}", slug=f"miasto-{n}", country="PL")
        first, second = sorted((dolyna.pk, eu.pk))
        Match.objects.create(first_id=first, second_id=second)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Miasto 3" in page and "/en/directory/miasto-3/" in page


def test_demo_has_a_confirmed_partnership_waiting_for_staff(client, demo_site):
    """The third demo account's municipality, Alytus, confirmed a partnership with Dolyna:
    staff can show publishing it."""
    from io import StringIO

    from django.core.management import call_command

    output = StringIO()
    call_command("seed_demo", stdout=output)
    call_command("seed_demo", stdout=StringIO())  # again: nothing duplicated
    assert "rasa@alytus.example / bridges-alytus" in output.getvalue()
    [waiting] = Partnership.objects.filter(status=PartnershipStatus.CONFIRMED)
    assert waiting.ukrainian_municipality.slug == "dolyna-ua"
    assert waiting.eu_municipality.slug == "alytus-lt" and waiting.match is not None
    assert waiting.stage_changes.get().status == ChangeStatus.CONFIRMED
    staff = User.objects.create_superuser("hub", "hub@bot.example", "pw")
    client.force_login(staff)
    pipeline = client.get("/admin/community/pipeline/").content.decode()
    assert (
        "Alytus" in pipeline and f"/admin/community/partnerships/{waiting.pk}/publish/" in pipeline
    )
    client.post(f"/admin/community/partnerships/{waiting.pk}/publish/")
    waiting.refresh_from_db()
    assert waiting.status == PartnershipStatus.PUBLISHED
    call_command("seed_demo", stdout=StringIO())  # seeding again does not undo the step
    waiting.refresh_from_db()
    assert waiting.status == PartnershipStatus.PUBLISHED
    # Rasa signs in and sees the partnership with Dolyna.
    response = client.post(
        "/en/account/login/", {"login": "rasa@alytus.example", "password": "bridges-alytus"}
    )
    assert response.status_code == 302
    alytus = waiting.eu_municipality
    page = client.get(f"/en/account/municipality/{alytus.pk}/").content.decode()
    assert "Dolyna" in page


def test_the_proposal_email_names_the_programme_and_the_town_in_the_readers_language(
    client, towns, django_capture_on_commit_callbacks
):
    """Issue 15, finding 5: Olena reads in Ukrainian, so the proposal Jonas makes reaches her
    with the programme's Ukrainian name and her town in Ukrainian, declined with "громадою"."""
    from wagtail.models import Locale

    ukrainian = towns["programme"].copy_for_translation(Locale.objects.get(language_code="uk"))
    ukrainian.name = "Пілотна фаза «Мостів довіри»"
    ukrainian.save()
    propose(client, towns, django_capture_on_commit_callbacks, member="jonas", mine="siauliai")
    [told] = sent_to("olena@dolyna.example")
    body = " ".join(told.body.split())
    assert "партнерство з громадою Долина" in body
    assert "Програма: Пілотна фаза «Мостів довіри»." in body
    assert "Bridges of Trust pilot" not in body and "Dolyna" not in body
    # Jonas reads in English: his copy names the English programme.
    mail.outbox.clear()
    Partnership.objects.all().delete()
    propose(client, towns, django_capture_on_commit_callbacks)
    [english] = sent_to("jonas@siauliai.example")
    assert "Programme: Bridges of Trust pilot." in " ".join(english.body.split())
