"""A member's applications through HTTP (issue 11): an application started while signed in
belongs to the member's municipality, "My applications" continues and deletes drafts and shows
submitted ones with their status and decision, a draft opened by its private link is claimed,
and nothing of another municipality can be opened, claimed or moved."""

import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from calls.factories import DraftFactory, applicant_data, partner_data, project_data
from calls.models import Application
from community.accounts import account_for
from community.factories import MunicipalityFactory
from community.models import Kind, Membership, Role
from tests.calls.helpers import apply_url, key_from, step_url

pytestmark = pytest.mark.django_db

# What a member sends at step 1: the municipality chosen, the manual fields left empty.
EMPTY_APPLICANT = {
    "applicant_name": "",
    "applicant_country": "",
    "applicant_kind": "",
    "applicant_population": "",
    "applicant_region": "",
}


@pytest.fixture
def dolyna():
    return MunicipalityFactory(
        name="Dolyna", slug="dolyna", kind=Kind.TOWN_HROMADA, population=20_300
    )


@pytest.fixture
def kalush():
    return MunicipalityFactory(
        name="Kalush", slug="kalush", kind=Kind.CITY_HROMADA, population=45_000
    )


@pytest.fixture
def bolekhiv():
    """Another municipality, with a member of its own."""
    return MunicipalityFactory(
        name="Bolekhiv", slug="bolekhiv", kind=Kind.TOWN_HROMADA, population=10_000
    )


def make_member(municipality, email, role=Role.ADMIN):
    user, _address = account_for(email, verified=True)
    Membership.objects.create(user=user, municipality=municipality, role=role)
    return user


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def my_applications(municipality):
    return f"/en/account/municipality/{municipality.pk}/applications/"


def open_url(municipality, application):
    return f"{my_applications(municipality)}{application.pk}/"


def claim_url(call, key):
    return call.url + call.reverse_subpage("apply_claim", args=[key])


def municipality_options(page):
    select = re.search(r'<select name="applicant_municipality".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\d*)"', select)


def member_step(call, application, step):
    return step_url(call, application.member_handle, step)


def member_start(client, call, municipality, **extra):
    data = applicant_data(applicant_municipality=str(municipality.pk), **EMPTY_APPLICANT)
    data.update(extra)
    return client.post(apply_url(call), data)


def test_an_application_started_by_a_member_is_its_municipalitys_at_once(
    call, dolyna, bolekhiv, django_capture_on_commit_callbacks
):
    olena = make_member(dolyna, "olena@dolyna.example")
    client = signed_in(olena)
    page = client.get(apply_url(call)).content.decode()
    # Only the member's own municipality is offered, chosen already; the email is filled in.
    assert municipality_options(page) == [str(dolyna.pk)]
    assert re.search(rf'<option value="{dolyna.pk}" selected>', page)
    assert 'value="olena@dolyna.example"' in page
    assert "Bolekhiv" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = member_start(client, call, dolyna)
    assert response.status_code == 303
    application = Application.objects.get()
    assert application.applicant_municipality == dolyna
    assert application.started_by == olena
    # The snapshot comes from the directory, whatever was (not) typed.
    assert (application.applicant_name, application.applicant_population) == ("Dolyna", 20_300)
    # The contact still gets the private link.
    assert [m.to for m in mail.outbox] == [["iryna@dolyna.example"]]

    listing = client.get(my_applications(dolyna)).content.decode()
    assert "Drafts" in listing and "No draft." not in listing
    assert open_url(dolyna, application) in listing  # Continue
    assert "Continue" in listing and "Delete draft" in listing


def test_a_member_of_two_municipalities_chooses_and_a_forged_id_is_refused(
    call, dolyna, kalush, bolekhiv
):
    olena = make_member(dolyna, "olena@dolyna.example")
    Membership.objects.create(user=olena, municipality=kalush, role=Role.COLLEAGUE)
    client = signed_in(olena)
    page = client.get(apply_url(call) + f"?for={kalush.pk}").content.decode()
    assert sorted(municipality_options(page)) == sorted([str(dolyna.pk), str(kalush.pk)])
    assert re.search(rf'<option value="{kalush.pk}" selected>', page)

    # Another municipality's id (it exists, is live and eligible): refused, nothing stored.
    response = member_start(client, call, bolekhiv)
    assert response.status_code == 403
    assert "Not your municipality" in response.content.decode()
    assert not Application.objects.exists()
    # A made-up id too.
    assert member_start(client, call, bolekhiv, applicant_municipality="999999").status_code == 403
    assert not Application.objects.exists()

    assert member_start(client, call, kalush).status_code == 303
    application = Application.objects.get()
    assert application.applicant_municipality == kalush
    assert open_url(kalush, application) in client.get(my_applications(kalush)).content.decode()
    assert "No draft." in client.get(my_applications(dolyna)).content.decode()

    # Step 1 again, moving it to another municipality: refused, nothing changes.
    step_one = member_step(call, application, 1)
    moved = client.post(
        step_one, applicant_data(applicant_municipality=str(bolekhiv.pk), **EMPTY_APPLICANT)
    )
    assert moved.status_code == 403
    application.refresh_from_db()
    assert application.applicant_municipality == kalush


def test_continue_a_draft_from_my_applications_and_nobody_else_can(
    call, dolyna, bolekhiv, django_capture_on_commit_callbacks
):
    olena = make_member(dolyna, "olena@dolyna.example")
    taras = make_member(bolekhiv, "taras@bolekhiv.example")
    client = signed_in(olena)
    member_start(client, call, dolyna)
    application = Application.objects.get()

    # Continue: the call's form, at the member's route, at the first step not completed.
    response = client.get(open_url(dolyna, application))
    assert response.status_code == 303
    assert response["Location"].endswith(f"/apply/{application.member_handle}/")
    response = client.get(response["Location"])
    assert response.status_code == 303
    assert response["Location"].endswith(f"/apply/{application.member_handle}/step-2/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "This application is one of the applications of Dolyna." in page.content.decode()
    assert client.post(member_step(call, application, 2), partner_data()).status_code == 303
    assert client.post(member_step(call, application, 3), project_data()).status_code == 303
    application.refresh_from_db()
    assert application.completed_step == 3
    assert application.partner_name == "Šiauliai district"

    # Another municipality's member and a visitor without an account: the member route opens
    # nothing, and the member space answers 404.
    for other in (signed_in(taras), Client()):
        assert other.get(member_step(call, application, 2)).status_code == 404
        changed = project_data(project_title="X")
        assert other.post(member_step(call, application, 3), changed).status_code == 404
    assert signed_in(taras).get(open_url(dolyna, application)).status_code == 404
    assert signed_in(taras).get(open_url(bolekhiv, application)).status_code == 404
    application.refresh_from_db()
    assert application.project_title == "Clean water for Dolyna"

    # Delete from My applications.
    assert client.post(f"{open_url(dolyna, application)}delete/").status_code == 303
    assert not Application.objects.exists()


def test_the_private_link_keeps_working_without_an_account(
    call, dolyna, django_capture_on_commit_callbacks
):
    olena = make_member(dolyna, "olena@dolyna.example")
    with django_capture_on_commit_callbacks(execute=True):
        member_start(signed_in(olena), call, dolyna)
    link = re.search(r"http://testserver(\S+/apply/[\w-]{43}/)", mail.outbox[0].body).group(1)
    visitor = Client()
    response = visitor.get(link)
    assert response.status_code == 303
    key = response["Location"].rstrip("/").split("/")[-2]
    page = visitor.get(response["Location"])
    assert page.status_code == 200
    assert "Add this application" not in page.content.decode()
    assert visitor.post(step_url(call, key, 2), partner_data()).status_code == 303
    assert Application.objects.get().completed_step == 2
    # And an application started without an account is as before: no owner, no account.
    response = visitor.post(apply_url(call), applicant_data())
    assert response.status_code == 303
    started = Application.objects.latest("pk")
    assert started.applicant_municipality is None and started.started_by is None


def test_a_member_claims_a_draft_opened_by_its_private_link(call, dolyna, bolekhiv):
    visitor = Client()
    key = key_from(visitor.post(apply_url(call), applicant_data(applicant_name="Dolyna town")))
    application = Application.objects.get()
    olena = make_member(dolyna, "olena@dolyna.example")
    client = signed_in(olena)
    assert "No draft." in client.get(my_applications(dolyna)).content.decode()

    page = client.get(step_url(call, key, 2)).content.decode()
    assert "Add this application to Dolyna&#x27;s applications" in page or (
        "Add this application to Dolyna's applications" in page
    )
    assert claim_url(call, key) in page
    # A GET changes nothing; a municipality that is not the member's is refused.
    assert client.get(claim_url(call, key)).status_code == 405
    assert client.post(claim_url(call, key), {"municipality": bolekhiv.pk}).status_code == 404
    # Without an account, nothing to claim for.
    assert visitor.post(claim_url(call, key), {"municipality": dolyna.pk}).status_code == 404
    application.refresh_from_db()
    assert application.applicant_municipality is None

    # Without the form's CSRF token: refused.
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(olena, backend="django.contrib.auth.backends.ModelBackend")
    assert forged.post(claim_url(call, key), {"municipality": dolyna.pk}).status_code == 403
    # The member's own private-link-less route cannot claim either (the link is the proof).
    handle = f"member-{application.pk}"
    assert client.post(claim_url(call, handle), {"municipality": dolyna.pk}).status_code == 404
    application.refresh_from_db()
    assert application.applicant_municipality is None

    response = client.post(claim_url(call, key), {"municipality": dolyna.pk})
    assert response.status_code == 303
    application.refresh_from_db()
    assert application.applicant_municipality == dolyna
    assert application.applicant_name == "Dolyna"  # the directory's record now
    page = client.get(response["Location"], follow=True).content.decode()
    assert "was added to the applications of Dolyna" in page
    assert open_url(dolyna, application) in client.get(my_applications(dolyna)).content.decode()
    # Claimed once: a second claim (another member) is refused and changes nothing.
    taras = make_member(bolekhiv, "taras@bolekhiv.example")
    other = signed_in(taras)
    assert "Add this application" not in other.get(step_url(call, key, 2)).content.decode()
    assert other.post(claim_url(call, key), {"municipality": bolekhiv.pk}).status_code == 404
    application.refresh_from_db()
    assert application.applicant_municipality == dolyna
    # The private link still works for the visitor.
    assert visitor.get(step_url(call, key, 2)).status_code == 200


def test_a_draft_of_another_municipality_is_never_claimed_nor_seen(call, dolyna, bolekhiv):
    draft = DraftFactory(call=call, applicant_municipality=bolekhiv, key="k" * 43)
    olena = make_member(dolyna, "olena@dolyna.example")
    client = signed_in(olena)
    page = client.get(step_url(call, "k" * 43, 2)).content.decode()
    assert "Add this application" not in page
    response = client.post(claim_url(call, "k" * 43), {"municipality": dolyna.pk})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.applicant_municipality == bolekhiv
    assert client.get(open_url(dolyna, draft)).status_code == 404
    assert client.get(member_step(call, draft, 2)).status_code == 404
    assert draft.project_title not in client.get(my_applications(dolyna)).content.decode()


def test_submitted_ones_show_reference_status_and_decision_in_flat_queries(
    call, dolyna, client, django_assert_max_num_queries
):
    olena = make_member(dolyna, "olena@dolyna.example")
    client.force_login(olena, backend="django.contrib.auth.backends.ModelBackend")

    def add(n, start=0):
        for i in range(start, start + n):
            DraftFactory(call=call, applicant_municipality=dolyna)
            DraftFactory(
                call=call,
                applicant_municipality=dolyna,
                status="accepted" if i % 2 else "under_review",
                reference=f"BOT-2026-{i:05d}",
            )

    add(1)
    with django_assert_max_num_queries(100) as first:
        client.get(my_applications(dolyna))
    add(10, start=1)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(my_applications(dolyna))
    html = page.content.decode()
    assert "BOT-2026-00001" in html and "BOT-2026-00010" in html
    assert "Under review" in html and "Not decided yet" in html
    assert "<strong>Accepted</strong>" in html
    submitted = Application.objects.get(reference="BOT-2026-00001")
    # View a submitted one: its receipt, at the member's route.
    response = client.get(open_url(dolyna, submitted), follow=True)
    assert response.status_code == 200
    assert "BOT-2026-00001" in response.content.decode()
    # The open call is offered, for this municipality.
    assert f"?for={dolyna.pk}" in html


def test_personal_data_covers_the_account_that_started_an_application(
    call, dolyna, capsys, django_capture_on_commit_callbacks
):
    olena = make_member(dolyna, "olena@dolyna.example")
    member_start(signed_in(olena), call, dolyna)
    application = Application.objects.get()
    assert application.contact_email == "iryna@dolyna.example"

    call_command("applicant_data", "export", "OLENA@dolyna.example")
    exported = json.loads(capsys.readouterr().out)
    assert exported["applications"][0]["started_by_account"] == "olena@dolyna.example"
    call_command("applicant_data", "export", "iryna@dolyna.example")
    exported = json.loads(capsys.readouterr().out)
    # The contact's export does not give away the colleague's account.
    assert exported["applications"][0]["started_by_account"] is None
    assert exported["applications"][0]["contact_email"] == "iryna@dolyna.example"

    # The member's erasure unlinks the account; the contact's application stays.
    call_command("applicant_data", "erase", "olena@dolyna.example")
    application.refresh_from_db()
    assert application.started_by is None
    assert application.contact_email == "iryna@dolyna.example"
    # The contact's erasure of a draft deletes it, as before.
    call_command("applicant_data", "erase", "iryna@dolyna.example")
    assert not Application.objects.exists()


def test_my_applications_in_ukrainian(call, dolyna):
    olena = make_member(dolyna, "olena@dolyna.example")
    DraftFactory(call=call, applicant_municipality=dolyna)
    DraftFactory(call=call, applicant_municipality=dolyna, status="received", reference="BOT-1")
    html = signed_in(olena).get(f"/uk/account/municipality/{dolyna.pk}/applications/")
    html = html.content.decode()
    for text in ("Продовжити", "Рішення ще не ухвалено", "Подати заявку від громади Dolyna"):
        assert text in html
