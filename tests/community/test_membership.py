"""Registration becomes membership: the registrant's account waits, confirms its address, and
becomes the administrator when moderators publish the profile."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from community.models import Membership, Municipality, Role
from tests.community.test_registration import form_data


def test_registration_makes_an_unconfirmed_account_that_becomes_administrator_on_approval(
    client, registration, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/register/", form_data())
    municipality = Municipality.objects.get()
    membership = Membership.objects.get(municipality=municipality)
    assert membership.role == Role.REGISTRANT
    assert membership.user.email == "international@kalush.example"
    assert not membership.user.is_staff and not membership.user.has_usable_password()
    address = EmailAddress.objects.get(user=membership.user)
    assert not address.verified
    # The contact confirms the address from allauth's email (queued through the outbox).
    confirm = next(m for m in mail.outbox if "/en/account/confirm-email/" in m.body)
    path = re.search(r"http://testserver(/en/account/confirm-email/\S+/)", confirm.body).group(1)
    assert client.get(path).status_code == 200  # a page that asks, so link scanners confirm nothing
    client.post(path)
    address.refresh_from_db()
    assert address.verified
    # Not a member before the approval: the member space has nothing to show.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        municipality.latest_revision.publish()
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN
    assert [m.to for m in mail.outbox] == [["international@kalush.example"]]
    assert "your account is now the administrator" in mail.outbox[0].body.lower()
    assert "http://testserver/en/account/login/" in mail.outbox[0].body
    # Publishing again tells nobody again and changes nothing.
    municipality.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        municipality.save_revision().publish()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_second_registration_by_a_member_reuses_the_account(
    client, registration, django_capture_on_commit_callbacks
):
    client.post("/en/register/", form_data())
    client.post(
        "/en/register/",
        form_data(token="0e6a8a55-0d4e-4bb2-9c2f-3c8d5f6a7b11", name="Kosiv", local_name="Косів"),
    )
    assert Membership.objects.filter(user__email="international@kalush.example").count() == 2
    assert EmailAddress.objects.filter(email="international@kalush.example").count() == 1
