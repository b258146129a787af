"""Associations as brokers through HTTP: staff link an account to a national association; its
member sees the association's municipalities, confirms one ("verified by the association" on
the public profile) and proposes an edit that waits for moderators like a member's edit; any
other municipality, association or forged id answers 404 and changes nothing."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from community.accounts import account_for
from community.factories import MunicipalityFactory, NationalAssociationFactory
from community.models import AssociationMember, AssociationVerification, Municipality
from tests.community.test_member_space import make_member

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderator", "moderator@bot.example", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def auc(db):
    """The Association of Ukrainian Cities, in English and Ukrainian."""
    association = NationalAssociationFactory(name="Association of Ukrainian Cities", slug="auc")
    translation = association.copy_for_translation(Locale.objects.get(language_code="uk"))
    translation.name = "Асоціація міст України"
    translation.save()
    return association


@pytest.fixture
def other_association(db):
    return NationalAssociationFactory(name="Association of Lithuanian Municipalities", slug="alm")


def link(email, association):
    user, _address = account_for(email, verified=True)
    AssociationMember.objects.create(user=user, association=association)
    return user


@pytest.fixture
def broker(client, auc):
    user = link("mariia@auc.example", auc)
    client.force_login(user, backend=BACKEND)
    return user


def base(association):
    return f"/en/account/association/{association.pk}/"


def test_the_member_sees_the_municipalities_of_its_association_names_in_the_page_language_first(
    client, directory, auc, other_association, broker
):
    MunicipalityFactory(name="Kalush", local_name="Калуш", slug="kalush", national_association=auc)
    dolyna = MunicipalityFactory(
        name="Dolyna", local_name="Долина", slug="dolyna", national_association=auc
    )
    # A municipality whose record names the association's Ukrainian record is in it too.
    ukrainian_record = auc.get_translation(Locale.objects.get(language_code="uk"))
    MunicipalityFactory(
        name="Yavoriv", local_name="Яворів", slug="yavoriv", national_association=ukrainian_record
    )
    MunicipalityFactory(name="Draft town", slug="draft", national_association=auc, live=False)
    MunicipalityFactory(name="Šiauliai district", slug="siauliai", country="LT",
                        national_association=other_association)  # fmt: skip
    AssociationVerification.objects.create(
        municipality=dolyna, association=auc, verified_on="2026-11-30"
    )

    response = client.get(f"/uk/account/association/{auc.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert "Асоціація міст України" in html
    assert "Долина</a> (Dolyna)" in html and "Яворів</a> (Yavoriv)" in html
    assert html.index("Долина") < html.index("Калуш") < html.index("Яворів")
    assert "Draft town" not in html and "Šiauliai" not in html
    assert "30 листопада 2026" in html and "Ще ні" in html

    english = client.get(base(auc)).content.decode()
    assert "Dolyna</a> (Долина)" in english and "Association of Ukrainian Cities" in english
    # The member space links to the association; a single association opens directly.
    assert "Моя асоціація" in client.get("/uk/account/").content.decode()
    assert (
        client.get("/uk/account/association/")["Location"] == f"/uk/account/association/{auc.pk}/"
    )


def test_the_member_confirms_a_municipality_and_the_public_profile_shows_the_badge(
    client, directory, auc, broker
):
    dolyna = MunicipalityFactory(
        name="Dolyna", local_name="Долина", slug="dolyna", national_association=auc
    )
    page = f"{base(auc)}municipality/{dolyna.pk}/"
    assert "Not verified by the association yet." in client.get(page).content.decode()
    assert client.get(f"{page}confirm/").status_code == 405  # a link confirms nothing
    response = client.post(f"{page}confirm/")
    assert response.status_code == 303 and response["Location"] == page
    verification = AssociationVerification.objects.get()
    assert verification.municipality == dolyna and verification.verified_by == broker
    assert "Dolyna is verified by the association." in client.get(page).content.decode()
    client.post(f"{page}confirm/")  # again: the date is renewed, not a second row
    assert AssociationVerification.objects.count() == 1

    client.logout()
    public = client.get("/en/directory/dolyna/").content.decode()
    assert "Verified by the association" in public
    assert "Association of Ukrainian Cities confirmed this profile on" in public
    ukrainian = client.get("/uk/directory/dolyna/").content.decode()
    assert "Підтверджено асоціацією" in ukrainian and "Асоціація міст України" in ukrainian
    # A municipality that leaves the association loses the badge.
    Municipality.objects.filter(pk=dolyna.pk).update(national_association=None)
    assert "Verified by the association" not in client.get("/en/directory/dolyna/").content.decode()


def edit_data(**changes):
    return {
        "name": "Dolyna",
        "local_name": "Долина",
        "region": "Ivano-Frankivsk Oblast",
        "kind": "city_hromada",
        "population": "20000",
        "website": "",
        "description": "A hromada in the Carpathian foothills.",
        "open_to_partners": "on",
        "contact_name": "Partnerships team",
        "contact_role": "",
        "contact_email": "partnerships@dolyna.example",
        "contact_phone": "+380 00 000 00 00",
        **changes,
    }


def test_a_proposed_edit_waits_for_the_moderators_like_a_members_edit(
    client, directory, auc, broker, moderator, django_capture_on_commit_callbacks
):
    dolyna = MunicipalityFactory(
        name="Dolyna", local_name="Долина", slug="dolyna", national_association=auc,
        contact_email="partnerships@dolyna.example",
    )  # fmt: skip
    edit = f"/uk/account/association/{auc.pk}/municipality/{dolyna.pk}/edit/"
    form = client.get(edit)
    assert form.status_code == 200 and form["Cache-Control"] == "private, no-store"
    assert "A hromada in the Carpathian foothills." in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, edit_data(population="21500", national_association=auc.pk))
    assert response.status_code == 303
    page = client.get(response["Location"]).content.decode()
    assert "очікують на перевірку модераторами" in page
    assert [m.to for m in mail.outbox] == [["moderator@bot.example"]]
    assert "mariia@auc.example" in mail.outbox[0].body
    dolyna.refresh_from_db()
    assert dolyna.population == 20000 and dolyna.has_unpublished_changes
    assert dolyna.latest_revision.user == broker
    proposed = dolyna.get_latest_revision_as_object()
    assert proposed.population == 21500 and proposed.national_association == auc
    assert "21500" not in client.get("/en/directory/dolyna/").content.decode()


def test_an_invalid_proposal_keeps_what_was_typed_and_saves_nothing(client, directory, auc, broker):
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna", national_association=auc)
    revisions = dolyna.revisions.count()
    response = client.post(
        f"{base(auc)}municipality/{dolyna.pk}/edit/",
        edit_data(name="", region="Нова назва області", website="not a web address"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Нова назва області"' in html and "error-summary" in html
    assert dolyna.revisions.count() == revisions


def test_another_association_a_forged_id_or_no_link_answers_404_and_changes_nothing(
    client, directory, auc, other_association, broker
):
    siauliai = MunicipalityFactory(
        name="Šiauliai district", slug="siauliai", country="LT",
        national_association=other_association,
    )  # fmt: skip
    draft = MunicipalityFactory(
        name="Draft town", slug="draft", national_association=auc, live=False
    )
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna", national_association=auc)
    for pk in (siauliai.pk, draft.pk, 999999):
        page = f"{base(auc)}municipality/{pk}/"
        assert client.get(page).status_code == 404
        assert client.get(f"{page}edit/").status_code == 404
        assert client.post(f"{page}edit/", edit_data(name="Taken over")).status_code == 404
        assert client.post(f"{page}confirm/").status_code == 404
    # The other association's own addresses, even with a municipality of the member's own.
    other = base(other_association)
    assert client.get(other).status_code == 404
    assert client.get(f"{other}municipality/{siauliai.pk}/").status_code == 404
    assert client.post(f"{other}municipality/{dolyna.pk}/confirm/").status_code == 404
    assert client.post(f"{other}municipality/{siauliai.pk}/confirm/").status_code == 404
    assert client.get("/en/account/association/999999/").status_code == 404
    assert not AssociationVerification.objects.exists()
    assert not siauliai.revisions.filter(content__name="Taken over").exists()
    assert client.get(f"{base(auc)}municipality/{dolyna.pk}/").status_code == 200
    # A municipality's member without a link to the association is no association member.
    client.force_login(make_member(dolyna, "olena@dolyna.example"), backend=BACKEND)
    assert client.get(base(auc)).status_code == 404
    assert client.get("/en/account/association/").status_code == 404
    assert client.post(f"{base(auc)}municipality/{dolyna.pk}/confirm/").status_code == 404
    assert (
        "My association"
        not in client.get(f"/en/account/municipality/{dolyna.pk}/").content.decode()
    )
    # Signed out: the sign-in page.
    client.logout()
    assert client.get(base(auc))["Location"].startswith("/en/account/login/?next=")


def test_the_list_costs_the_same_queries_for_one_municipality_or_many(
    client, directory, auc, broker, django_assert_max_num_queries
):
    first = MunicipalityFactory(name="Dolyna", local_name="Долина", national_association=auc)
    AssociationVerification.objects.create(
        municipality=first, association=auc, verified_on="2026-11-30"
    )
    url = f"/uk/account/association/{auc.pk}/"
    client.get(url)  # warm the process (locales, site root paths)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(8):
        town = MunicipalityFactory(local_name=f"Містечко {n}", national_association=auc)
        if n % 2:
            AssociationVerification.objects.create(
                municipality=town, association=auc, verified_on="2026-11-30"
            )
    with django_assert_max_num_queries(len(one)):
        response = client.get(url)
    assert response.content.decode().count("Містечко") == 8


def test_moderators_link_an_account_to_an_association_and_withdraw_a_verification(
    client, directory, auc, moderator
):
    member, _address = account_for("mariia@auc.example", verified=True)
    client.force_login(moderator)
    add = reverse("wagtailsnippets_community_associationmember:add")
    assert client.get(add).status_code == 200
    response = client.post(add, {"user": member.pk, "association": auc.pk})
    assert response.status_code == 302
    assert AssociationMember.objects.get().user == member
    listing = client.get(reverse("wagtailsnippets_community_associationmember:list"))
    assert "mariia@auc.example" in listing.content.decode()
    # The link gives no admin access.
    member.refresh_from_db()
    assert not member.is_staff
    client.force_login(member, backend=BACKEND)
    assert client.get("/admin/").status_code == 302
    dolyna = MunicipalityFactory(name="Dolyna", slug="dolyna", national_association=auc)
    client.post(f"{base(auc)}municipality/{dolyna.pk}/confirm/")
    assert "Verified by the association" in client.get("/en/directory/dolyna/").content.decode()
    # A moderator withdraws the verification: the badge goes.
    client.force_login(moderator)
    verification = AssociationVerification.objects.get()
    delete = reverse(
        "wagtailsnippets_community_associationverification:delete", args=[verification.pk]
    )
    assert client.post(delete).status_code == 302
    assert "Verified by the association" not in client.get("/en/directory/dolyna/").content.decode()


def test_seed_demo_creates_an_association_member_who_signs_in_and_brokers(client, demo_site):
    from django.core.management import call_command

    # On the demo layer (its content, no accounts): the run adds the accounts.
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # again: updated, not duplicated
    link_row = AssociationMember.objects.get(user__email="mariia@auc.example")
    assert link_row.association.slug == "auc" and not link_row.user.is_staff
    assert AssociationMember.objects.count() == 1
    response = client.post(
        "/uk/account/login/", {"login": "mariia@auc.example", "password": "bridges-auc"}
    )
    assert response.status_code == 302
    assert "Моя асоціація" in client.get("/uk/account/").content.decode()
    page = client.get(client.get("/uk/account/association/")["Location"])
    html = page.content.decode()
    assert "Долина</a> (Dolyna)" in html and "Київ</a> (Kyiv)" in html
    assert "Šiauliai" not in html


def test_the_list_sorts_accented_latin_names_by_their_base_letter(
    client, directory, other_association
):
    """The portal's one alphabetical key (portal.collation): "Šiauliai" with the S's, not
    after "Telšiai" as a sort by code point puts it."""
    for name, slug in (("Telšiai district", "telsiai"), ("Šiauliai district", "siauliai"),
                       ("Alytus district", "alytus")):  # fmt: skip
        MunicipalityFactory(
            name=name, slug=slug, country="LT", national_association=other_association
        )
    client.force_login(link("ruta@alm.example", other_association), backend=BACKEND)
    html = client.get(base(other_association)).content.decode()
    assert html.index("Alytus") < html.index("Šiauliai") < html.index("Telšiai")
