"""The call's rules are data; a failed rule is named in the applicant's words."""

from decimal import Decimal

import pytest

from calls import eligibility
from calls.factories import CallPageFactory, applicant_data, partner_data, project_data
from calls.models import Application, CallPage
from tests.calls.helpers import apply_url, key_from, step_url

pytestmark = pytest.mark.django_db


def rules(**values):
    defaults = {
        "eligible_countries": [],
        "partner_countries": [],
        "eligible_kinds": [],
        "min_population": None,
        "max_population": None,
        "partnership_required": False,
        "min_grant": None,
        "max_grant": None,
        "min_cofinancing_percent": None,
    }
    return CallPage(**{**defaults, **values})


def test_population_range_message_names_the_rule():
    call = rules(min_population=400, max_population=50000)
    errors = eligibility.check_applicant(call, {"applicant_population": 399})
    assert errors == [
        (
            "applicant_population",
            "This call is open to municipalities of 400 to 50,000 inhabitants.",
        )
    ]
    assert eligibility.check_applicant(call, {"applicant_population": 400}) == []
    assert eligibility.check_applicant(call, {"applicant_population": 50000}) == []
    assert eligibility.check_applicant(call, {"applicant_population": 50001})


def test_open_ended_population_rules():
    assert "at least 1,000" in eligibility.population_rule(rules(min_population=1000))
    assert "at most 5,000" in eligibility.population_rule(rules(max_population=5000))


def test_country_kind_partner_and_money_rules():
    call = rules(
        eligible_countries=["UA", "MD"],
        eligible_kinds=["city"],
        partnership_required=True,
        partner_countries=["PL"],
        min_grant=Decimal(5000),
        max_grant=Decimal(50000),
        min_cofinancing_percent=10,
    )
    applicant = dict(
        eligibility.check_applicant(
            call, {"applicant_country": "PL", "applicant_kind": "village_hromada"}
        )
    )
    assert (
        applicant["applicant_country"]
        == "This call is open to municipalities in: Ukraine, Moldova."
    )
    assert applicant["applicant_kind"] == "This call is open to: city or municipality."
    partner = dict(eligibility.check_partner(call, {"partner_name": "", "partner_country": "DE"}))
    assert "requires a partner municipality" in partner["partner_name"]
    assert partner["partner_country"] == "The partner municipality must be in: Poland."
    money = dict(
        eligibility.check_project(
            call, {"requested_amount": Decimal(60000), "co_financing_amount": Decimal(0)}
        )
    )
    assert money["requested_amount"] == "Grants under this call are between €5,000 and €50,000."
    money = dict(
        eligibility.check_project(
            call, {"requested_amount": Decimal(10000), "co_financing_amount": Decimal(999)}
        )
    )
    assert "co-financing of at least 10%" in money["co_financing_amount"]


def test_the_form_shows_the_failed_rule_and_stores_nothing(client, call):
    response = client.post(apply_url(call), applicant_data(applicant_population="120000"))
    assert response.status_code == 200
    assert "This call is open to municipalities of 400 to 50,000 inhabitants." in (
        response.content.decode()
    )
    assert Application.objects.count() == 0


def test_a_country_outside_the_call_is_named(client, call_index):
    call = CallPageFactory(parent=call_index)
    response = client.post(
        apply_url(call), applicant_data(applicant_country="PL"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "This call is open to municipalities in: Ukraine." in response.content.decode()


def test_partner_and_grant_rules_at_their_steps(client, call):
    key = key_from(client.post(apply_url(call), applicant_data()))
    response = client.post(step_url(call, key, 2), partner_data(partner_name=""))
    assert "requires a partner municipality" in response.content.decode()
    client.post(step_url(call, key, 2), partner_data())
    response = client.post(step_url(call, key, 3), project_data(requested_amount="99000"))
    assert "Grants under this call are between €5,000 and €50,000." in response.content.decode()


def test_the_call_page_lists_who_may_apply(client, call):
    page = client.get(call.url).content.decode()
    assert "This call is open to municipalities of 400 to 50,000 inhabitants." in page
    assert "A partner municipality is required." in page


def test_call_specific_questions_become_fields_and_answers_are_stored(client, call_index):
    call = CallPageFactory(
        parent=call_index,
        questions=[
            (
                "long_text",
                {
                    "label": "Why this partner?",
                    "help_text": "",
                    "required": True,
                    "max_length": 500,
                },
            ),
            (
                "yes_no",
                {"label": "Have you worked together before?", "help_text": "", "required": False},
            ),
        ],
    )
    call.save_revision().publish()
    key = key_from(client.post(apply_url(call), applicant_data()))
    client.post(step_url(call, key, 2), partner_data())
    page = client.get(step_url(call, key, 3)).content.decode()
    assert "Why this partner?" in page
    response = client.post(step_url(call, key, 3), project_data())
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    block_id = call.questions[0].id
    response = client.post(
        step_url(call, key, 3),
        project_data(**{f"question_{block_id}": "They rebuilt their own water network."}),
    )
    assert response.status_code == 303
    answers = Application.objects.get().answers
    assert answers[block_id] == {
        "question": "Why this partner?",
        "answer": "They rebuilt their own water network.",
    }


def test_in_ukrainian_the_form_and_the_failed_rule_are_ukrainian(client, call):
    from portal.factories import translate

    translate(call.get_parent().specific, "uk")
    call_uk = translate(call, "uk")
    response = client.post(apply_url(call_uk), applicant_data(applicant_population="120000"))
    page = response.content.decode()
    assert "Конкурс відкритий для громад із населенням від 400 до 50" in page
    assert "Зберегти і продовжити" in page
    assert Application.objects.count() == 0
