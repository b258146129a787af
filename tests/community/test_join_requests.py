"""Asking to join a municipality that already has a published profile, through HTTP: offered by
the registration form instead of a duplicate, confirmed by email, decided by the
municipality's administrators only."""

import re

import pytest
from django.core import mail

from community.factories import MunicipalityFactory
from community.models import JoinRequest, JoinStatus, Membership, Municipality, Role
from tests.community.test_member_space import make_member, sign_in_with_code
from tests.community.test_registration import form_data

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def kalush(registration):
    municipality = MunicipalityFactory(name="Kalush", slug="kalush-ua", local_name="Калуш")
    make_member(municipality, "olena@kalush.example")
    return municipality


def confirm_path(message):
    return re.search(r"http://testserver(/\w\w/account/join/confirm/\S+/)", message.body).group(1)


def test_registration_offers_to_ask_to_join_instead_of_a_duplicate(client, kalush):
    response = client.post("/en/register/", form_data(contact_email="iryna@kalush.example"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kalush is already on the portal" in html
    assert f'action="/en/account/join/{kalush.pk}/"' in html
    assert 'value="iryna@kalush.example"' in html and 'value="Калуш"' in html  # kept
    assert "Register anyway" in html
    assert Municipality.objects.count() == 1 and mail.outbox == []
    assert response["Cache-Control"] == "private, no-store"


def test_ask_confirm_by_email_and_an_administrator_approves(
    client, kalush, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    # The registrant clicks "Ask to join" on the Ukrainian registration page.
    with capture(execute=True):
        response = client.post(
            f"/uk/account/join/{kalush.pk}/",
            {"email": "iryna@kalush.example", "name": "Ірина"},
        )
    assert response.status_code == 303
    assert response["Location"] == f"/uk/account/join/{kalush.pk}/sent/"
    assert "підтвердити" in client.get(response["Location"]).content.decode()
    assert [m.to for m in mail.outbox] == [["iryna@kalush.example"]]
    assert "Підтвердьте" in mail.outbox[0].subject  # the requester's language
    path = confirm_path(mail.outbox[0])
    assert path.startswith("/uk/account/join/confirm/")
    request = JoinRequest.objects.get()
    assert request.status == JoinStatus.UNCONFIRMED and request.user is None
    # Nothing reaches the administrators before the address is confirmed.
    admin = type(client)()
    admin.force_login(Membership.objects.get(role=Role.ADMIN).user, backend=BACKEND)
    colleagues = f"/en/account/municipality/{kalush.pk}/colleagues/"
    assert "iryna@kalush.example" not in admin.get(colleagues).content.decode()
    # The link: GET shows it (a mail scanner changes nothing), POST confirms.
    assert "Калуш" in client.get(path).content.decode()  # /uk/: the Ukrainian name first
    assert JoinRequest.objects.get().status == JoinStatus.UNCONFIRMED
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(path)
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [["olena@kalush.example"]]
    assert "iryna@kalush.example" in mail.outbox[0].body and "Ірина" in mail.outbox[0].body
    assert client.post(path).status_code == 404  # once
    # The administrator sees it on the Colleagues page and approves.
    page = admin.get(colleagues).content.decode()
    assert "iryna@kalush.example" in page and "Requests to join" in page
    mail.outbox.clear()
    with capture(execute=True):
        response = admin.post(f"{colleagues}requests/{request.pk}/approve/")
    assert response.status_code == 303
    membership = Membership.objects.get(user__email="iryna@kalush.example")
    assert membership.role == Role.COLLEAGUE and membership.municipality == kalush
    assert [m.to for m in mail.outbox] == [["iryna@kalush.example"]]
    assert "Калуш" in mail.outbox[0].subject or "Kalush" in mail.outbox[0].subject
    assert "http://testserver/uk/account/login/" in mail.outbox[0].body
    assert "Requests to join" not in admin.get(colleagues).content.decode()
    # The new colleague signs in with a code and reaches the municipality.
    mail.outbox.clear()
    sign_in_with_code(client, "iryna@kalush.example", capture)
    assert client.get(f"/en/account/municipality/{kalush.pk}/").status_code == 200


def test_signed_in_request_waits_at_once_and_a_decline_is_told(
    client, kalush, django_capture_on_commit_callbacks
):
    other = MunicipalityFactory(name="Dolyna", slug="dolyna")
    petro = make_member(other, "petro@dolyna.example")
    client.force_login(petro, backend=BACKEND)
    form = client.get(f"/en/account/join/{kalush.pk}/").content.decode()
    assert 'name="email"' not in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/account/join/{kalush.pk}/", {"message": "Twin city desk"})
    assert response.status_code == 303
    request = JoinRequest.objects.get()
    assert request.status == JoinStatus.WAITING and request.user == petro
    assert [m.to for m in mail.outbox] == [["olena@kalush.example"]]
    admin = type(client)()
    admin.force_login(Membership.objects.get(municipality=kalush).user, backend=BACKEND)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            f"/en/account/municipality/{kalush.pk}/colleagues/requests/{request.pk}/decline/"
        )
    assert JoinRequest.objects.get().status == JoinStatus.DECLINED
    assert not Membership.objects.filter(user=petro, municipality=kalush).exists()
    assert [m.to for m in mail.outbox] == [["petro@dolyna.example"]]
    assert "declined" in mail.outbox[0].body


def test_only_the_municipality_administrators_decide(client, kalush):
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna")
    foreign_admin = make_member(dolyna, "jonas@dolyna.example")
    colleague = make_member(kalush, "petro@kalush.example", Role.COLLEAGUE)
    requester = make_member(dolyna, "iryna@dolyna.example", Role.COLLEAGUE)
    request = JoinRequest.objects.create(
        municipality=kalush,
        email=requester.email,
        user=requester,
        status=JoinStatus.WAITING,
    )
    own_request = JoinRequest.objects.create(
        municipality=dolyna, email="x@example.org", status=JoinStatus.WAITING
    )
    kalush_url = f"/en/account/municipality/{kalush.pk}/colleagues/requests/{request.pk}/approve/"
    dolyna_url = f"/en/account/municipality/{dolyna.pk}/colleagues/requests/{request.pk}/approve/"
    # Another municipality's administrator: through either municipality's address, 404.
    client.force_login(foreign_admin, backend=BACKEND)
    assert client.post(kalush_url).status_code == 404
    assert client.post(dolyna_url).status_code == 404
    # A colleague who is not an administrator: 404; and it cannot see the requests.
    client.force_login(colleague, backend=BACKEND)
    assert client.post(kalush_url).status_code == 404
    page = client.get(f"/en/account/municipality/{kalush.pk}/colleagues/").content.decode()
    assert "Requests to join" not in page
    # A forged id, another municipality's request or an unknown action: 404.
    client.force_login(Membership.objects.get(municipality=kalush, role=Role.ADMIN).user)
    base = f"/en/account/municipality/{kalush.pk}/colleagues/requests/"
    assert client.post(f"{base}999999/approve/").status_code == 404
    assert client.post(f"{base}{own_request.pk}/approve/").status_code == 404
    assert client.post(f"{base}{request.pk}/promote/").status_code == 404
    assert client.get(f"{base}{request.pk}/approve/").status_code == 405
    assert JoinRequest.objects.get(pk=request.pk).status == JoinStatus.WAITING
    assert not Membership.objects.filter(user=requester, municipality=kalush).exists()


def test_bad_links_and_unpublished_municipalities_answer_404(client, kalush):
    draft = MunicipalityFactory(name="Kosiv", slug="kosiv", live=False)
    assert client.get(f"/en/account/join/{draft.pk}/").status_code == 404
    assert client.post(f"/en/account/join/{draft.pk}/", {"email": "a@b.example"}).status_code == 404
    assert client.get("/en/account/join/confirm/forged/").status_code == 404
    assert JoinRequest.objects.count() == 0


def test_an_invalid_request_keeps_what_was_typed(client, kalush):
    response = client.post(
        f"/en/account/join/{kalush.pk}/", {"email": "not-an-address", "name": "Iryna"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and 'value="not-an-address"' in html and 'value="Iryna"' in html
    assert JoinRequest.objects.count() == 0


def test_asking_twice_makes_one_request(client, kalush, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/account/join/{kalush.pk}/", {"email": "iryna@kalush.example"})
        client.post(f"/en/account/join/{kalush.pk}/", {"email": "IRYNA@kalush.example"})
    assert JoinRequest.objects.count() == 1 and len(mail.outbox) == 1
