"""The member space through HTTP: from registration to a member's edit published by a
moderator, "the profile is current", and no access to another municipality."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from community.accounts import account_for
from community.factories import MunicipalityFactory
from community.models import Membership, Municipality, Role
from tests.community.test_registration import admin_form, form_data


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderator", "moderator@bot.example", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def make_member(municipality, email, role=Role.ADMIN):
    user, _address = account_for(email, verified=True)
    Membership.objects.create(user=user, municipality=municipality, role=role)
    return user


def sign_in_with_code(client, email, capture):
    with capture(execute=True):
        client.post("/en/account/login/code/", {"email": email})
    body = mail.outbox[-1].body
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", body, re.M).group(1)
    response = client.post("/en/account/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    return response


def link_in(message, path_start):
    return re.search(rf"http://testserver({re.escape(path_start)}\S+/)", message.body).group(1)


def test_register_confirm_approve_sign_in_edit_and_a_moderator_publishes(
    client, registration, moderator, django_capture_on_commit_callbacks
):
    """The whole journey of a municipality, each step through HTTP as the person would."""
    capture = django_capture_on_commit_callbacks
    # 1. The contact registers on /register/: an unconfirmed account waits with the draft.
    with capture(execute=True):
        assert client.post("/en/register/", form_data()).status_code == 303
    municipality = Municipality.objects.get()
    registrant = Membership.objects.get(municipality=municipality)
    assert registrant.role == Role.REGISTRANT
    # 2. The contact confirms the address from the link in the email.
    received = next(m for m in mail.outbox if m.to == ["international@kalush.example"])
    confirm = link_in(received, "/en/account/confirm-email/")
    assert client.get(confirm).status_code == 200  # a page that asks: link scanners confirm nothing
    assert client.post(confirm).status_code == 302
    # 3. A moderator publishes the profile in the admin; the account is told it administers it.
    moderators = type(client)()
    moderators.force_login(moderator)
    admin_edit = reverse("wagtailsnippets_community_municipality:edit", args=[municipality.pk])
    mail.outbox.clear()
    with capture(execute=True):
        response = moderators.post(
            admin_edit, {**admin_form(municipality), "action-publish": "publish"}
        )
    assert response.status_code == 302
    assert Membership.objects.get(pk=registrant.pk).role == Role.ADMIN
    told = [m for m in mail.outbox if m.to == ["international@kalush.example"]]
    assert len(told) == 1 and "administrator" in told[0].body
    assert "http://testserver/en/account/login/" in told[0].body
    # 4. As the email says, the administrator chooses a password ("Forgot your password?")…
    mail.outbox.clear()
    with capture(execute=True):
        client.post("/en/account/password/reset/", {"email": "international@kalush.example"})
    reset = client.get(link_in(mail.outbox[0], "/en/account/password/reset/key/"))
    assert reset.status_code == 302  # allauth moves the key out of the address
    response = client.post(
        reset["Location"],
        {"password1": "Kalush-river-2026!", "password2": "Kalush-river-2026!"},
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session  # a reset does not sign in
    # …and signs in with it, landing on the municipality.
    response = client.post(
        "/en/account/login/",
        {"login": "international@kalush.example", "password": "Kalush-river-2026!"},
    )
    assert response.status_code == 302 and response["Location"] == "/en/account/"
    home = client.get("/en/account/")
    assert home["Location"] == f"/en/account/municipality/{municipality.pk}/"
    page = client.get(home["Location"])
    assert page["Cache-Control"] == "private, no-store"
    assert "Kalush" in page.content.decode()
    # 5. The member edits the profile: a new revision, waiting for moderators.
    edit = f"/en/account/municipality/{municipality.pk}/edit/"
    form = client.get(edit)
    assert "A city on the Limnytsia river." in form.content.decode()
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(
            edit,
            {
                "name": "Kalush",
                "local_name": "Калуш",
                "region": "Ivano-Frankivsk Oblast",
                "kind": "city_hromada",
                "population": "61000",
                "website": "https://kalush.example",
                "description": "A city on the Limnytsia river.\n\nNow with a youth centre.",
                "open_to_partners": "on",
                "contact_name": "International team",
                "contact_role": "Head of international cooperation",
                "contact_email": "international@kalush.example",
                "contact_phone": "+380 00 111 22 33",
            },
        )
    assert response.status_code == 303
    assert [m.to for m in mail.outbox] == [["moderator@bot.example"]]
    assert "Population" in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "waiting for review" in page
    public = client.get("/en/directory/kalush-ua/").content.decode()
    assert "youth centre" not in public  # the published profile is unchanged
    municipality.refresh_from_db()
    assert municipality.population == 62000 and municipality.has_unpublished_changes
    # 6. The moderators see the edit waiting on their dashboard, with a diff of the revision
    # against the published profile, and publish it in the admin.
    dashboard = moderators.get("/admin/").content.decode()
    assert "Kalush" in dashboard and admin_edit in dashboard
    compare = reverse(
        "wagtailsnippets_community_municipality:revisions_compare",
        args=[municipality.pk, "live", "latest"],
    )
    diff = moderators.get(compare)
    assert diff.status_code == 200
    assert "youth centre" in diff.content.decode() and "61000" in diff.content.decode()
    draft = municipality.get_latest_revision_as_object()
    with capture(execute=True):
        response = moderators.post(admin_edit, {**admin_form(draft), "action-publish": "publish"})
    assert response.status_code == 302
    # 7. The public profile shows the change.
    public = client.get("/en/directory/kalush-ua/").content.decode()
    assert "Now with a youth centre." in public
    assert Municipality.objects.get(pk=municipality.pk).population == 61000


def test_an_invalid_edit_keeps_what_was_typed_and_saves_nothing(client, directory):
    municipality = MunicipalityFactory(name="Dolyna", slug="dolyna")
    member = make_member(municipality, "olena@dolyna.example")
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    revisions = municipality.revisions.count()
    response = client.post(
        f"/uk/account/municipality/{municipality.pk}/edit/",
        {"name": "", "region": "Нова назва області", "website": "not a web address"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Нова назва області"' in html
    assert "error-summary" in html
    assert municipality.revisions.count() == revisions


def test_confirm_profile_is_current_in_one_click(client, directory):
    municipality = MunicipalityFactory(name="Dolyna", slug="dolyna", last_confirmed=None)
    member = make_member(municipality, "olena@dolyna.example", Role.COLLEAGUE)
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    page = f"/en/account/municipality/{municipality.pk}/"
    assert client.get(f"{page}confirm/").status_code == 405  # a link cannot confirm
    response = client.post(f"{page}confirm/")
    assert response.status_code == 303
    municipality.refresh_from_db()
    assert municipality.last_confirmed is not None
    assert "confirmed as current" in client.get(page).content.decode()


def test_another_municipality_answers_404_and_changes_nothing(client, directory):
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna")
    siauliai = MunicipalityFactory(name="Šiauliai district", slug="siauliai", country="LT")
    make_member(siauliai, "jonas@siauliai.example")
    member = make_member(dolyna, "olena@dolyna.example")
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    other = f"/en/account/municipality/{siauliai.pk}/"
    assert client.get(other).status_code == 404
    assert client.get(f"{other}edit/").status_code == 404
    assert client.post(f"{other}edit/", {"name": "Taken over"}).status_code == 404
    assert client.post(f"{other}confirm/").status_code == 404
    assert not siauliai.revisions.filter(content__name="Taken over").exists()
    assert client.get(f"/en/account/municipality/{dolyna.pk}/").status_code == 200
    # A waiting registrant is not a member yet.
    Membership.objects.filter(user=member).update(role=Role.REGISTRANT)
    assert client.get(f"/en/account/municipality/{dolyna.pk}/").status_code == 404


def test_the_member_space_asks_to_sign_in(client, homes):
    response = client.get("/uk/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/uk/account/login/?next=")


@pytest.fixture
def call(homes):
    from calls.factories import CallIndexPageFactory, CallPageFactory

    index = CallIndexPageFactory(parent=homes["en"])
    return CallPageFactory(parent=index, slug="projects-fund", title="Projects fund 2026")


def test_my_applications_lists_drafts_and_submitted_ones_and_status_changes_email_the_member(
    client, directory, call, django_capture_on_commit_callbacks
):
    from calls.factories import DraftFactory
    from calls.models import Application

    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna")
    siauliai = MunicipalityFactory(name="Šiauliai district", slug="siauliai", country="LT")
    member = make_member(dolyna, "olena@dolyna.example")
    draft = DraftFactory(call=call, applicant_municipality=dolyna, project_title="Clean water")
    submitted = DraftFactory(
        call=call,
        applicant_municipality=dolyna,
        project_title="Heat pumps",
        status="received",
        reference="BOT-2026-00042",
        contact_email="iryna@dolyna.example",
    )
    foreign = DraftFactory(call=call, applicant_municipality=siauliai, project_title="Amber trail")
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/en/account/municipality/{dolyna.pk}/applications/")
    assert page["Cache-Control"] == "private, no-store"
    html = page.content.decode()
    assert "Clean water" in html and "Heat pumps" in html and "BOT-2026-00042" in html
    assert "Received" in html and "Amber trail" not in html
    # Another municipality's list and drafts: 404, nothing deleted.
    assert client.get(f"/en/account/municipality/{siauliai.pk}/applications/").status_code == 404
    other = f"/en/account/municipality/{dolyna.pk}/applications/{foreign.pk}/delete/"
    assert client.post(other).status_code == 404
    gone = f"/en/account/municipality/{siauliai.pk}/applications/{foreign.pk}/delete/"
    assert client.post(gone).status_code == 404
    not_a_draft = f"/en/account/municipality/{dolyna.pk}/applications/{submitted.pk}/delete/"
    assert client.post(not_a_draft).status_code == 404
    assert Application.objects.filter(pk__in=[foreign.pk, submitted.pk]).count() == 2
    # The member deletes its own draft.
    mine = f"/en/account/municipality/{dolyna.pk}/applications/{draft.pk}/delete/"
    assert client.post(mine).status_code == 303
    assert not Application.objects.filter(pk=draft.pk).exists()
    # A reviewer changes the status in the admin: the administrators hear of it (the contact
    # hears of decisions only, from the calls app).
    reviewer = User.objects.create_superuser("reviewer", "reviewer@bot.example", "pw")
    client.force_login(reviewer)
    url = reverse("calls_application:edit", args=[submitted.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": "under_review", "reviewer_notes": ""})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["olena@dolyna.example"]]
    assert "BOT-2026-00042" in mail.outbox[0].subject
    assert "Under review" in mail.outbox[0].body
    # A decision: the contact gets the calls app's decision email, the administrator ours.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"status": "accepted", "reviewer_notes": ""})
    assert sorted(m.to[0] for m in mail.outbox) == [
        "iryna@dolyna.example",
        "olena@dolyna.example",
    ]


def invitation_path(message):
    return re.search(r"http://testserver(/\w\w/account/invitation/\S+/)", message.body).group(1)


def test_invite_a_colleague_who_accepts_and_later_signs_in_with_a_code(
    client, directory, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna")
    admin = make_member(dolyna, "olena@dolyna.example")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    colleagues = f"/uk/account/municipality/{dolyna.pk}/colleagues/"
    assert client.get(colleagues)["Cache-Control"] == "private, no-store"
    response = client.post(colleagues, {"email": "not-an-address"})
    assert response.status_code == 400 and 'value="not-an-address"' in response.content.decode()
    with capture(execute=True):
        response = client.post(colleagues, {"email": "petro@dolyna.example"})
    assert response.status_code == 303
    assert [m.to for m in mail.outbox] == [["petro@dolyna.example"]]
    path = invitation_path(mail.outbox[0])
    assert path.startswith("/uk/account/invitation/")
    # The colleague opens the link in another browser and accepts.
    colleague = type(client)()
    assert "Dolyna" in colleague.get(path).content.decode()
    response = colleague.post(path)
    assert response["Location"] == f"/uk/account/municipality/{dolyna.pk}/"
    membership = Membership.objects.get(user__email="petro@dolyna.example")
    assert membership.role == Role.COLLEAGUE and not membership.user.is_staff
    # Single use.
    assert type(client)().post(path).status_code == 404
    # Later the colleague signs in with a code.
    colleague.post("/uk/account/logout/")
    mail.outbox.clear()
    sign_in_with_code(colleague, "petro@dolyna.example", capture)
    assert "_auth_user_id" in colleague.session
    home = colleague.get("/en/account/")
    assert home["Location"] == f"/en/account/municipality/{dolyna.pk}/"
    page = colleague.get(home["Location"])
    assert page.status_code == 200 and "Dolyna" in page.content.decode()
    # A colleague cannot invite, promote or remove anyone.
    assert colleague.post(colleagues, {"email": "x@example.org"}).status_code == 404
    own = Membership.objects.get(user=admin).pk
    assert colleague.post(f"{colleagues}{own}/admin/").status_code == 404
    assert colleague.post(f"{colleagues}{own}/remove/").status_code == 404
    assert colleague.post(f"{colleagues}{membership.pk}/admin/").status_code == 404
    assert dict(Membership.objects.filter(municipality=dolyna).values_list("pk", "role")) == {
        own: Role.ADMIN,
        membership.pk: Role.COLLEAGUE,
    }


def test_an_expired_invitation_is_refused(client, directory, django_capture_on_commit_callbacks):
    import time_machine

    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna")
    admin = make_member(dolyna, "olena@dolyna.example")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/account/municipality/{dolyna.pk}/colleagues/", {"email": "p@d.example"})
    path = invitation_path(mail.outbox[0])
    with time_machine.travel(15 * 24 * 3600 + __import__("time").time()):
        response = type(client)().post(path)
    assert response.status_code == 404
    assert not Membership.objects.filter(user__email="p@d.example").exists()


def test_make_administrator_remove_and_the_last_administrator_cannot_leave(client, directory):
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna")
    siauliai = MunicipalityFactory(name="Šiauliai district", slug="siauliai", country="LT")
    admin = make_member(dolyna, "olena@dolyna.example")
    colleague = make_member(dolyna, "petro@dolyna.example", Role.COLLEAGUE)
    foreign = make_member(siauliai, "jonas@siauliai.example")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    base = f"/en/account/municipality/{dolyna.pk}/colleagues/"
    own = Membership.objects.get(user=admin)
    # The only administrator cannot leave.
    client.post(f"{base}{own.pk}/remove/")
    assert Membership.objects.filter(pk=own.pk).exists()
    assert "needs an administrator" in client.get(base).content.decode()
    # A forged or foreign membership id: 404, nothing changes.
    foreign_membership = Membership.objects.get(user=foreign)
    assert client.post(f"{base}{foreign_membership.pk}/admin/").status_code == 404
    assert client.post(f"{base}{foreign_membership.pk}/remove/").status_code == 404
    assert client.post(f"{base}999999/remove/").status_code == 404
    foreign_list = f"/en/account/municipality/{siauliai.pk}/colleagues/"
    assert client.get(foreign_list).status_code == 404
    assert Membership.objects.get(pk=foreign_membership.pk).role == Role.ADMIN
    # Make the colleague administrator; then the first one may leave.
    other = Membership.objects.get(user=colleague)
    assert client.post(f"{base}{other.pk}/admin/").status_code == 303
    assert Membership.objects.get(pk=other.pk).role == Role.ADMIN
    assert client.post(f"{base}{own.pk}/remove/")["Location"] == "/en/account/"
    assert not Membership.objects.filter(pk=own.pk).exists()
    # Belonging nowhere any more, the account was signed out.
    response = client.get(f"/en/account/municipality/{dolyna.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/en/account/login/")


def test_member_pages_have_the_policy_and_no_inline_script(client, directory):
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna")
    anonymous = [
        "/en/account/login/",
        "/uk/account/login/code/",
        "/uk/account/password/reset/",
    ]
    for url in anonymous:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "script-src 'self'" in response["Content-Security-Policy"], url
        assert response["Cache-Control"] == "private, no-store", url
        for attributes in re.findall(r"<script([^>]*)>", response.content.decode()):
            assert 'src="/static/' in attributes, (url, attributes)
    client.force_login(
        make_member(dolyna, "olena@dolyna.example"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    base = f"/uk/account/municipality/{dolyna.pk}/"
    for url in [
        base,
        f"{base}edit/",
        f"{base}applications/",
        f"{base}colleagues/",
        "/uk/account/email/",
        "/uk/account/password/set/",
        "/uk/account/logout/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url
        html = response.content.decode()
        for attributes in re.findall(r"<script([^>]*)>", html):
            assert 'src="/static/' in attributes, (url, attributes)
        assert not re.search(r"\son[a-z]+=\"", html), url


def test_the_yearly_reminder_links_members_to_sign_in(
    directory, django_capture_on_commit_callbacks
):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    old = timezone.localdate() - datetime.timedelta(days=400)
    dolyna = MunicipalityFactory(
        name="Dolyna", slug="dolyna", last_confirmed=old, contact_email="info@dolyna.example"
    )
    make_member(dolyna, "olena@dolyna.example")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_confirmation_requests")
    assert [m.to for m in mail.outbox] == [["info@dolyna.example"]]
    assert "http://testserver/en/account/login/" in mail.outbox[0].body
