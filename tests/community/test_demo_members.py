"""seed_demo's member accounts sign in and reach their municipality."""

from django.core.management import call_command

from community.models import Membership, Role


def test_seed_demo_creates_member_accounts_that_sign_in(client, demo_site):
    # On the demo layer (its content, no accounts): the run adds the accounts.
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # again: updated, not duplicated
    dolyna = Membership.objects.get(user__email="olena@dolyna.example")
    assert dolyna.role == Role.ADMIN and dolyna.municipality.name == "Dolyna"
    assert not dolyna.user.is_staff
    siauliai = Membership.objects.get(user__email="jonas@siauliai-district.example")
    assert siauliai.municipality.name == "Šiauliai district"
    assert Membership.objects.count() == 4
    alytus = Membership.objects.get(user__email="rasa@alytus.example")
    assert alytus.role == Role.ADMIN and alytus.municipality.name == "Alytus"
    response = client.post(
        "/en/account/login/", {"login": "olena@dolyna.example", "password": "bridges-dolyna"}
    )
    assert response.status_code == 302
    page = client.get(client.get("/en/account/")["Location"])
    assert "Dolyna" in page.content.decode()
    assert client.get(f"/en/account/municipality/{siauliai.municipality_id}/").status_code == 404
