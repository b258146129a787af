"""An applicant completes the form step by step, leaves, comes back through the private link
and submits; what they see, what is stored and what is emailed."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from calls.factories import CallPageFactory, applicant_data, pdf_upload
from calls.models import Application
from tests.calls.helpers import (
    apply_url,
    done_url,
    fill_first_three_steps,
    key_from,
    step_url,
    submission_token,
    submit_data,
)

pytestmark = pytest.mark.django_db


def test_four_steps_end_with_a_reference_shown_and_emailed(client, call):
    key = fill_first_three_steps(client, call)
    assert "private link" in mail.outbox[0].body.lower()
    assert key in mail.outbox[0].body

    token = submission_token(client, call, key)
    response = client.post(step_url(call, key, 4), submit_data(token, attachments=[pdf_upload()]))
    assert response.status_code == 303
    assert response["Location"].endswith(done_url(call, key))

    page = client.get(response["Location"])
    reference = re.search(r"BOT-\d{4}-\d{5}", page.content.decode()).group(0)
    year = timezone.localtime().year
    assert reference == f"BOT-{year}-00001"
    assert "Clean water for Dolyna" in page.content.decode()

    application = Application.objects.get()
    assert application.status == "received"
    assert application.reference == reference
    assert application.attachments.count() == 1
    receipt = next(m for m in mail.outbox if reference in m.subject)
    assert receipt.to == ["iryna@dolyna.example"]
    assert "Clean water for Dolyna" in receipt.body and "budget.pdf" in receipt.body
    staff = next(m for m in mail.outbox if m.subject.startswith("New application"))
    assert "calls@bridges-of-trust.example" in staff.to


def test_form_pages_are_private_and_posts_redirect_with_303(client, call):
    response = client.get(apply_url(call))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    response = client.post(apply_url(call), applicant_data())
    assert response.status_code == 303
    assert "no-store" in response["Cache-Control"]


def test_the_private_link_brings_the_draft_back_on_another_device(client, call):
    key = fill_first_three_steps(client, call)
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)

    from django.test import Client

    other_device = Client()
    response = other_device.get(link)
    assert response.status_code == 303
    assert response["Location"].endswith(step_url(call, key, 4))
    step3 = other_device.get(step_url(call, key, 3)).content.decode()
    assert 'value="Clean water for Dolyna"' in step3


def test_an_unknown_link_says_so(client, call):
    response = client.get(step_url(call, "not-a-real-key", 2))
    assert response.status_code == 404
    assert "does not open an application" in response.content.decode()


def test_drafts_expire_after_the_deadline(client, call):
    key = fill_first_three_steps(client, call)
    with time_machine.travel(call.closes_at + datetime.timedelta(seconds=1), tick=False):
        response = client.get(step_url(call, key, 3))
        assert response.status_code == 410
        assert "This call closed on" in response.content.decode()
        response = client.post(step_url(call, key, 3), {"project_title": "Late"})
        assert response.status_code == 403
    assert Application.objects.get().project_title == "Clean water for Dolyna"


def test_steps_cannot_be_skipped(client, call):
    response = client.post(apply_url(call), applicant_data())
    key = key_from(response)
    response = client.get(step_url(call, key, 4))
    assert response.status_code == 303  # back to step 2, the first not completed


def test_submitting_twice_keeps_one_application_and_one_reference(client, call):
    key = fill_first_three_steps(client, call)
    token = submission_token(client, call, key)
    first = client.post(step_url(call, key, 4), submit_data(token))
    second = client.post(step_url(call, key, 4), submit_data(token))
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1
    receipts = [m for m in mail.outbox if m.subject.startswith("Application received")]
    assert len(receipts) == 1
    reference = Application.objects.get().reference
    assert reference in client.get(second["Location"]).content.decode()


def test_a_form_with_another_token_stores_nothing(client, call):
    key = fill_first_three_steps(client, call)
    response = client.post(
        step_url(call, key, 4), submit_data("00000000-0000-4000-8000-000000000000")
    )
    assert response.status_code == 409
    assert Application.objects.get().status == "draft"


def test_consent_is_required_and_files_are_kept_meanwhile(client, call):
    key = fill_first_three_steps(client, call)
    token = submission_token(client, call, key)
    data = submit_data(token, attachments=[pdf_upload("plan.pdf")])
    del data["consent"]
    response = client.post(step_url(call, key, 4), data)
    assert response.status_code == 200
    assert "Please agree to the privacy notice" in response.content.decode()
    assert "plan.pdf" in response.content.decode()  # listed as saved with the draft
    application = Application.objects.get()
    assert application.status == "draft"
    assert application.attachments.count() == 1


class TestDeadlineEdges:
    """The deadline is checked on the server when the submission is saved."""

    def test_one_second_before_closing_the_submission_is_stored(self, client, call):
        key = fill_first_three_steps(client, call)
        token = submission_token(client, call, key)
        with time_machine.travel(call.closes_at - datetime.timedelta(seconds=1), tick=False):
            response = client.post(step_url(call, key, 4), submit_data(token))
        assert response.status_code == 303
        assert Application.objects.get().reference

    def test_one_second_after_closing_nothing_is_stored_and_the_page_says_why(self, client, call):
        key = fill_first_three_steps(client, call)
        token = submission_token(client, call, key)
        with time_machine.travel(call.closes_at + datetime.timedelta(seconds=1), tick=False):
            response = client.post(
                step_url(call, key, 4), submit_data(token, attachments=[pdf_upload()])
            )
        assert response.status_code == 403
        assert "This call closed on" in response.content.decode()
        application = Application.objects.get()
        assert application.status == "draft" and application.reference is None
        assert application.attachments.count() == 0

    def test_at_the_closing_second_itself_the_call_is_closed(self, client, call):
        key = fill_first_three_steps(client, call)
        token = submission_token(client, call, key)
        with time_machine.travel(call.closes_at, tick=False):
            response = client.post(step_url(call, key, 4), submit_data(token))
        assert response.status_code == 403

    def test_before_opening_nothing_is_stored(self, client, call_index):
        upcoming = CallPageFactory(
            parent=call_index,
            opens_at=timezone.now() + datetime.timedelta(days=2),
            closes_at=timezone.now() + datetime.timedelta(days=40),
        )
        response = client.post(apply_url(upcoming), applicant_data())
        assert response.status_code == 403
        assert "This call opens on" in response.content.decode()
        assert Application.objects.count() == 0

    def test_the_deadline_is_read_from_the_database_at_saving(self, client, call):
        """An editor moves the deadline while the applicant is on the last step."""
        key = fill_first_three_steps(client, call)
        token = submission_token(client, call, key)
        type(call).objects.filter(pk=call.pk).update(
            closes_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        response = client.post(step_url(call, key, 4), submit_data(token))
        assert response.status_code == 403
        assert Application.objects.get().status == "draft"
