"""Interest and mutual matches (issue 12) through HTTP, as members of two municipalities:
Jonas of Šiauliai district (Lithuania) and Olena of Dolyna (Ukraine, reading in Ukrainian)."""

import pytest
from django.contrib.auth.models import User
from django.core import mail

from community.factories import MunicipalityFactory
from community.models import Interest, Match, MemberLanguage, Membership, Role, Stance
from search.models import PartnerSearchPage
from tests.community.test_member_space import make_member


@pytest.fixture
def towns(directory, homes):
    homes["en"].add_child(instance=PartnerSearchPage(title="Find a partner", slug="partners"))
    dolyna = MunicipalityFactory(
        name="Dolyna",
        local_name="Долина",
        slug="dolyna",
        contact_email="partners@dolyna.example",
        contact_phone="+380 11 222 33 44",
        contact_public=False,
        sectors={"offers": ["culture"], "needs": ["water"]},
    )
    siauliai = MunicipalityFactory(
        name="Šiauliai district",
        slug="siauliai",
        country="LT",
        region="Šiauliai County",
        kind="district",
        contact_email="partners@siauliai.example",
        contact_phone="+370 41 000 000",
        contact_public=False,
        sectors={"offers": ["water"], "needs": ["culture"]},
    )
    kalush = MunicipalityFactory(name="Kalush", slug="kalush")
    gdansk = MunicipalityFactory(name="Gdańsk", slug="gdansk", country="PL", open_to_partners=False)
    olena = make_member(dolyna, "olena@dolyna.example")
    make_member(dolyna, "petro@dolyna.example", Role.COLLEAGUE)
    jonas = make_member(siauliai, "jonas@siauliai.example")
    kateryna = make_member(kalush, "kateryna@kalush.example")
    MemberLanguage.objects.create(user=olena, language="uk")
    return {
        "dolyna": dolyna,
        "siauliai": siauliai,
        "kalush": kalush,
        "gdansk": gdansk,
        "olena": olena,
        "jonas": jonas,
        "kateryna": kateryna,
    }


def express_url(mine, other):
    return f"/en/account/municipality/{mine.pk}/interests/in/{other.pk}/"


def answer_url(mine, other, reply, language="en"):
    return f"/{language}/account/municipality/{mine.pk}/interests/{other.pk}/answer/{reply}/"


def withdraw_url(mine, other):
    return f"/en/account/municipality/{mine.pk}/interests/{other.pk}/withdraw/"


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_interest_then_interested_too_is_a_mutual_match_with_contacts(
    client, towns, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    client.force_login(towns["jonas"])
    profile = client.get("/en/directory/dolyna/").content.decode()
    assert "We are interested" in profile
    assert f'action="{express_url(siauliai, dolyna)}"' in profile
    assert "partners@dolyna.example" not in profile  # contact_public is False
    # With a note and a sector, from the form.
    form = client.get(express_url(siauliai, dolyna) + "?next=/en/directory/dolyna/")
    assert form.status_code == 200 and form["Cache-Control"] == "private, no-store"
    with capture(execute=True):
        response = client.post(
            express_url(siauliai, dolyna),
            {
                "note": "Let us\x00 talk about\u202e pipes.",
                "sectors": ["water"],
                "next": "/en/directory/dolyna/",
            },
        )
    assert response.status_code == 303 and response["Location"] == "/en/directory/dolyna/"
    interest = Interest.objects.get()
    assert interest.note == "Let us talk about pipes." and interest.stance == Stance.INTERESTED
    # Olena, an administrator of Dolyna, is told in Ukrainian; Petro (a colleague) is not.
    [told] = sent_to("olena@dolyna.example")
    assert "Šiauliai district" in told.subject
    expected = "Šiauliai district виявляє зацікавленість у співпраці з вами: Водопостачання"
    assert expected in told.body
    assert "Let us talk about pipes." in told.body
    assert "/uk/account/municipality/" in told.body
    assert not sent_to("petro@dolyna.example") and not sent_to("jonas@siauliai.example")
    # Repeated: idempotent, one row and no second email.
    with capture(execute=True):
        again = client.post(express_url(siauliai, dolyna), {})
    assert again.status_code == 303 and Interest.objects.count() == 1
    assert len(sent_to("olena@dolyna.example")) == 1
    sent_page = client.get(f"/en/account/municipality/{siauliai.pk}/interests/").content.decode()
    assert "Dolyna" in sent_page and "waiting for an answer" in sent_page

    # Olena sees it on her dashboard, in Ukrainian, and answers "Interested too".
    client.force_login(towns["olena"])
    dashboard = client.get(f"/uk/account/municipality/{dolyna.pk}/").content.decode()
    assert "Šiauliai district" in dashboard and "Теж зацікавлені" in dashboard
    assert answer_url(dolyna, siauliai, "yes", "uk") in dashboard
    with capture(execute=True):
        response = client.post(answer_url(dolyna, siauliai, "yes", "uk"))
    assert response.status_code == 303
    match = Match.objects.get()
    assert {match.first_id, match.second_id} == {dolyna.pk, siauliai.pk}
    # Both are told: Jonas in English, Olena in Ukrainian.
    [jonas_told] = sent_to("jonas@siauliai.example")
    assert "Dolyna" in jonas_told.subject and "both interested" in jonas_told.body
    assert "Взаємний інтерес" in sent_to("olena@dolyna.example")[-1].subject
    # Contacts: shown to the matched municipality's members only.
    mine = client.get("/en/directory/siauliai/").content.decode()
    assert "partners@siauliai.example" in mine and "Mutual match" in mine
    matches = client.get(f"/en/account/municipality/{dolyna.pk}/interests/").content.decode()
    assert "+370 41 000 000" in matches
    client.force_login(towns["jonas"])
    assert "partners@dolyna.example" in client.get("/en/directory/dolyna/").content.decode()
    client.force_login(towns["kateryna"])
    assert "partners@dolyna.example" not in client.get("/en/directory/dolyna/").content.decode()
    client.logout()
    assert "partners@dolyna.example" not in client.get("/en/directory/dolyna/").content.decode()


def test_not_now_is_never_revealed_to_the_first_side(
    client, towns, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    client.force_login(towns["jonas"])
    with capture(execute=True):
        client.post(express_url(siauliai, dolyna), {})
    mail.outbox.clear()
    client.force_login(towns["olena"])
    with capture(execute=True):
        response = client.post(answer_url(dolyna, siauliai, "no"))
    assert response.status_code == 303
    assert mail.outbox == []  # nobody is told
    assert not Match.objects.exists()
    page = client.get(f"/uk/account/municipality/{dolyna.pk}/interests/").content.decode()
    assert "Ви відповіли «Не зараз»" in page and "Отримана зацікавленість" in page
    assert "Жодна зацікавленість не чекає на вашу відповідь." in page
    # Jonas's side still shows the interest as sent and open.
    client.force_login(towns["jonas"])
    sent = client.get(f"/en/account/municipality/{siauliai.pk}/interests/").content.decode()
    assert "Dolyna" in sent and "waiting for an answer" in sent and "Not now" not in sent
    profile = client.get("/en/directory/dolyna/").content.decode()
    assert "waiting for an answer" in profile and "Not now" not in profile
    assert Interest.objects.get(source=siauliai).stance == Stance.INTERESTED


def test_withdraw_an_interest(client, towns, django_capture_on_commit_callbacks):
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    client.force_login(towns["jonas"])
    client.post(express_url(siauliai, dolyna), {})
    response = client.post(withdraw_url(siauliai, dolyna), {"next": "/en/directory/dolyna/"})
    assert response.status_code == 303 and response["Location"] == "/en/directory/dolyna/"
    assert Interest.objects.get().stance == Stance.WITHDRAWN
    client.force_login(towns["olena"])
    page = client.get(f"/en/account/municipality/{dolyna.pk}/interests/").content.decode()
    assert "No interest is waiting for your answer." in page
    assert client.post(answer_url(dolyna, siauliai, "yes")).status_code == 404


def test_limits_and_bad_input(client, towns, settings, django_capture_on_commit_callbacks):
    dolyna, siauliai, kalush = towns["dolyna"], towns["siauliai"], towns["kalush"]
    client.force_login(towns["jonas"])
    # Not in oneself; not in a profile closed to new partners.
    assert client.post(express_url(siauliai, siauliai), {}).status_code == 404
    assert client.get(express_url(siauliai, siauliai)).status_code == 404
    client.force_login(towns["kateryna"])  # Kalush (Ukraine) and Gdańsk (Poland) could pair
    closed = client.post(express_url(kalush, towns["gdansk"]), {})
    assert closed.status_code == 400
    assert "not open to new partners" in closed.content.decode()
    profile = client.get("/en/directory/gdansk/").content.decode()
    assert "This municipality is not open to new partners." in profile
    client.force_login(towns["jonas"])
    # A note too long: the form again, with the error tied to the field and the text kept.
    long_note = "x" * 501
    response = client.post(express_url(siauliai, dolyna), {"note": long_note})
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html
    assert 'href="#id_note"' in html and long_note in html
    assert not Interest.objects.exists()
    # The weekly limit: a readable 429, nothing stored.
    settings.INTERESTS_PER_WEEK = 1
    assert client.post(express_url(siauliai, dolyna), {}).status_code == 303
    limited = client.post(express_url(siauliai, kalush), {})
    assert limited.status_code == 429
    assert "Too many interests this week" in limited.content.decode()
    assert Interest.objects.count() == 1
    # An answer to another's interest is not limited.
    client.force_login(towns["kateryna"])
    client.post(express_url(kalush, siauliai), {})
    client.force_login(towns["jonas"])
    assert client.post(answer_url(siauliai, kalush, "yes")).status_code == 303
    assert Match.objects.count() == 1


def test_every_action_only_for_the_members_own_municipality(client, towns):
    dolyna, siauliai, kalush = towns["dolyna"], towns["siauliai"], towns["kalush"]
    alytus = MunicipalityFactory(name="Alytus", slug="alytus", country="LT")
    client.force_login(towns["kateryna"])
    client.post(express_url(kalush, alytus), {})  # Kalush is interested in Alytus
    before = list(Interest.objects.values_list("source", "target", "stance"))
    assert before
    client.force_login(towns["jonas"])
    # An interest forged for another municipality.
    assert client.post(express_url(dolyna, siauliai), {}).status_code == 404
    assert client.get(express_url(kalush, siauliai)).status_code == 404
    # Answering an interest addressed to another municipality.
    assert client.post(answer_url(dolyna, kalush, "yes")).status_code == 404
    assert client.post(answer_url(siauliai, kalush, "yes")).status_code == 404
    assert client.post(answer_url(siauliai, kalush, "no")).status_code == 404
    # Withdrawing someone else's interest.
    assert client.post(withdraw_url(kalush, alytus)).status_code == 404
    assert client.post(withdraw_url(siauliai, dolyna)).status_code == 404
    # Pages of another municipality, and an unknown target.
    assert client.get(f"/en/account/municipality/{dolyna.pk}/interests/").status_code == 404
    unknown = f"/en/account/municipality/{siauliai.pk}/interests/in/999999/"
    assert client.post(unknown, {}).status_code == 404
    assert list(Interest.objects.values_list("source", "target", "stance")) == before
    assert not Match.objects.exists()
    # GET does not act; an anonymous visitor is sent to sign in.
    assert client.get(withdraw_url(siauliai, dolyna)).status_code == 405
    client.logout()
    assert client.post(express_url(siauliai, dolyna), {}).status_code == 302
    assert Interest.objects.count() == 1


def test_one_click_interest_from_the_match_page_and_the_dashboard(client, towns):
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    client.force_login(towns["jonas"])
    match_page = client.get("/en/partners/match/siauliai/").content.decode()
    assert f'action="{express_url(siauliai, dolyna)}"' in match_page
    response = client.post(express_url(siauliai, dolyna), {"next": "/en/partners/match/siauliai/"})
    assert response["Location"] == "/en/partners/match/siauliai/"
    after = client.get("/en/partners/match/siauliai/").content.decode()
    assert "said it is interested; waiting for an answer" in after
    # Someone else's match page shows no buttons for Jonas.
    assert "We are interested" not in client.get("/en/partners/match/dolyna/").content.decode()
    # The dashboard suggests partners with the same one-click button.
    overview = client.get(f"/en/account/municipality/{siauliai.pk}/interests/").content.decode()
    assert "Suggested partners" in overview
    assert f'action="{express_url(siauliai, towns["kalush"])}"' in overview
    # Anonymous visitors see no interest panel.
    client.logout()
    assert "We are interested" not in client.get("/en/directory/dolyna/").content.decode()


def test_staff_propose_a_match_and_both_consent(client, towns, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    staff = User.objects.create_superuser("hub", "hub@bot.example", "pw")
    client.force_login(staff)
    assert client.get("/admin/community/propose-match/").status_code == 200
    same = client.post("/admin/community/propose-match/", {"first": dolyna.pk, "second": dolyna.pk})
    assert "Choose two different municipalities." in same.content.decode()
    with capture(execute=True):
        response = client.post(
            "/admin/community/propose-match/", {"first": dolyna.pk, "second": siauliai.pk}
        )
    assert response.status_code == 302
    assert "Європейський хаб партнерств" in sent_to("olena@dolyna.example")[0].subject
    assert "proposes" in sent_to("jonas@siauliai.example")[0].body
    mail.outbox.clear()
    # Olena says yes: Jonas is told Dolyna is interested; then Jonas says yes: a match.
    client.force_login(towns["olena"])
    page = client.get(f"/en/account/municipality/{dolyna.pk}/").content.decode()
    assert "the European Partnership Hub proposes that you work together" in page
    with capture(execute=True):
        client.post(answer_url(dolyna, siauliai, "yes"))
    assert "Dolyna is interested" in sent_to("jonas@siauliai.example")[0].body
    client.force_login(towns["jonas"])
    with capture(execute=True):
        assert client.post(answer_url(siauliai, dolyna, "yes")).status_code == 303
    match = Match.objects.get()
    assert match.proposed_by_hub
    assert "proposed by the European Partnership Hub" in sent_to("jonas@siauliai.example")[-1].body
    # A member is no staff: the admin view is not theirs.
    assert client.get("/admin/community/propose-match/").status_code == 302


def test_a_proposal_answered_not_now_is_never_revealed(
    client, towns, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dolyna, siauliai = towns["dolyna"], towns["siauliai"]
    client.force_login(User.objects.create_superuser("hub", "hub@bot.example", "pw"))
    with capture(execute=True):
        client.post("/admin/community/propose-match/", {"first": dolyna.pk, "second": siauliai.pk})
    mail.outbox.clear()
    client.force_login(towns["olena"])
    with capture(execute=True):
        client.post(answer_url(dolyna, siauliai, "no"))
    client.force_login(towns["jonas"])
    with capture(execute=True):
        client.post(answer_url(siauliai, dolyna, "yes"))
    assert sent_to("jonas@siauliai.example") == [] and sent_to("olena@dolyna.example") == []
    sent = client.get(f"/en/account/municipality/{siauliai.pk}/interests/").content.decode()
    assert "waiting for an answer" in sent and not Match.objects.exists()


def test_demo_has_a_mutual_match_and_a_pending_interest(demo_site):
    from community.demo_interests import seed_interests
    from community.demo_members import seed_members

    seed_members()
    seed_interests()
    seed_interests()  # again: updated, not duplicated
    olena = Membership.objects.get(user__email="olena@dolyna.example").municipality
    jonas = Membership.objects.get(user__email="jonas@siauliai-district.example").municipality
    match = Match.objects.get()
    assert {match.first_id, match.second_id} == {olena.pk, jonas.pk}
    pending = Interest.objects.get(match__isnull=True)
    assert pending.target == jonas and pending.stance == Stance.INTERESTED
    assert pending.source.slug == "kalush-ua"


def test_a_members_match_page_costs_the_same_however_many_suggestions(client, towns):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(towns["jonas"])
    client.get("/en/partners/match/siauliai/")  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get("/en/partners/match/siauliai/")
    for n in range(5):
        MunicipalityFactory(name=f"Hromada {n}", slug=f"hromada-{n}")
    with CaptureQueriesContext(connection) as more:
        html = client.get("/en/partners/match/siauliai/").content.decode()
    assert html.count("We are interested<") == 7
    assert len(more.captured_queries) == len(few.captured_queries)


def test_emails_go_in_the_language_the_member_signed_in_with(client, towns):
    jonas = towns["jonas"]
    jonas.set_password("bridges-pw")
    jonas.save()
    response = client.post(
        "/uk/account/login/", {"login": "jonas@siauliai.example", "password": "bridges-pw"}
    )
    assert response.status_code == 302
    assert MemberLanguage.objects.get(user=jonas).language == "uk"


def test_staff_cannot_propose_a_closed_profile(client, towns):
    client.force_login(User.objects.create_superuser("hub", "hub@bot.example", "pw"))
    response = client.post(
        "/admin/community/propose-match/",
        {"first": towns["dolyna"].pk, "second": towns["gdansk"].pk},
    )
    assert "Not open to new partners: Gdańsk." in response.content.decode()
    assert not Interest.objects.exists() and mail.outbox == []
