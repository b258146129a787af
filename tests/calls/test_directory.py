"""Applicants and partners chosen from the member directory: what is stored, which rules are
checked against which data, what is refused, and where the link to the directory is shown."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale

from calls.factories import (
    CallPageFactory,
    DraftFactory,
    applicant_data,
    partner_data,
    pdf_upload,
    project_data,
)
from calls.models import Application
from calls.services import submit
from community.factories import DirectoryPageFactory, MunicipalityFactory
from community.models import Kind
from tests.calls.helpers import (
    apply_url,
    done_url,
    key_from,
    step_url,
    submission_token,
    submit_data,
)

pytestmark = pytest.mark.django_db

# What a person who chose from the directory sends: the manual fields left empty.
EMPTY_APPLICANT = {
    "applicant_name": "",
    "applicant_country": "",
    "applicant_kind": "",
    "applicant_population": "",
    "applicant_region": "",
}
EMPTY_PARTNER = {
    "partner_name": "",
    "partner_country": "",
    "partner_kind": "",
    "partner_population": "",
}


@pytest.fixture
def dolyna():
    return MunicipalityFactory(
        name="Dolyna",
        slug="dolyna",
        country="UA",
        kind=Kind.TOWN_HROMADA,
        population=20_300,
        region="Ivano-Frankivsk Oblast",
    )


@pytest.fixture
def siauliai():
    return MunicipalityFactory(
        name="Šiauliai district",
        slug="siauliai-district",
        country="LT",
        kind=Kind.DISTRICT,
        population=41_000,
        region="Šiauliai County",
    )


def choose_applicant(municipality_id, **overrides):
    return applicant_data(
        **{**EMPTY_APPLICANT, "applicant_municipality": municipality_id, **overrides}
    )


def choose_partner(municipality_id, **overrides):
    return partner_data(**{**EMPTY_PARTNER, "partner_municipality": municipality_id, **overrides})


def errors_of(response):
    return " ".join(
        re.findall(r'<ul class="field__errors"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    )


class TestOneVocabulary:
    """The call and the application use the directory's own records and codes: what a
    municipality chosen from the directory carries is stored as it is."""

    def test_the_calls_options_are_the_directorys(self, client, call, dolyna, siauliai):
        page = client.get(apply_url(call)).content.decode()
        kinds = re.search(r'<select name="applicant_kind".*?</select>', page, re.S).group(0)
        for value, label in Kind.choices:
            assert f'value="{value}"' in kinds and str(label) in kinds
        countries = re.search(r'<select name="applicant_country".*?</select>', page, re.S)
        assert '<option value="UA">Ukraine</option>' in countries.group(0)
        # The partner's options are grouped under the directory's (django-countries') names.
        key = key_from(client.post(apply_url(call), choose_applicant(dolyna.pk)))
        step2 = client.get(step_url(call, key, 2)).content.decode()
        assert '<optgroup label="Lithuania">' in step2

    def test_the_project_offers_the_calls_sectors_by_slug(self, client, call, dolyna):
        key = key_from(client.post(apply_url(call), choose_applicant(dolyna.pk)))
        client.post(step_url(call, key, 2), partner_data())
        page = client.get(step_url(call, key, 3)).content.decode()
        sectors = re.search(r'<select name="sector".*?</select>', page, re.S).group(0)
        assert re.findall(r'value="([a-z-]+)"', sectors) == ["water", "energy"]
        response = client.post(step_url(call, key, 3), project_data(sector="culture"))
        assert "Select a valid choice" in errors_of(response)
        assert client.post(step_url(call, key, 3), project_data()).status_code == 303
        assert Application.objects.get().sector.slug == "water"

    def test_rules_in_the_directorys_kinds(self, client, call_index, dolyna):
        villages = CallPageFactory(
            parent=call_index, slug="villages", eligible_kinds=[Kind.VILLAGE_HROMADA]
        )
        response = client.post(apply_url(villages), choose_applicant(dolyna.pk))
        assert "This call is open to: village hromada." in errors_of(response)


class TestChoosing:
    def test_step_1_lists_live_ukrainian_municipalities_only(self, client, call, dolyna, siauliai):
        MunicipalityFactory(name="Hidden draft", country="UA", live=False)
        page = client.get(apply_url(call)).content.decode()
        select = re.search(r'<select name="applicant_municipality".*?</select>', page, re.S).group(
            0
        )
        assert f'value="{dolyna.pk}"' in select and "Dolyna (Ivano-Frankivsk Oblast)" in select
        assert "Hidden draft" not in select and "Šiauliai" not in select
        assert "Not in the directory" in select
        assert '<label for="id_applicant_municipality">' in page

    def test_applicant_and_partner_from_the_directory_are_stored_and_filled(
        self, client, call, dolyna, siauliai
    ):
        response = client.post(apply_url(call), choose_applicant(dolyna.pk))
        assert response.status_code == 303, errors_of(response)
        key = key_from(response)
        step2 = client.get(step_url(call, key, 2)).content.decode()
        assert f'value="{siauliai.pk}"' in step2 and f'value="{dolyna.pk}"' not in step2
        response = client.post(step_url(call, key, 2), choose_partner(siauliai.pk))
        assert response.status_code == 303, errors_of(response)

        application = Application.objects.get()
        assert application.applicant_municipality == dolyna
        assert (
            application.applicant_name,
            application.applicant_country,
            application.applicant_kind,
            application.applicant_population,
            application.applicant_region,
        ) == ("Dolyna", "UA", Kind.TOWN_HROMADA, 20_300, "Ivano-Frankivsk Oblast")
        assert application.partner_municipality == siauliai
        assert (
            application.partner_name,
            application.partner_country,
            application.partner_kind,
            application.partner_population,
        ) == ("Šiauliai district", "LT", Kind.DISTRICT, 41_000)

    def test_the_directory_wins_over_what_was_typed(self, client, call, dolyna):
        data = choose_applicant(
            dolyna.pk, applicant_name="Somewhere", applicant_population="not a number"
        )
        assert client.post(apply_url(call), data).status_code == 303
        application = Application.objects.get()
        assert (application.applicant_name, application.applicant_population) == ("Dolyna", 20_300)

    def test_a_population_unknown_to_the_directory_must_be_typed(self, client, call):
        unknown = MunicipalityFactory(name="Kosiv", country="UA", population=None)
        response = client.post(apply_url(call), choose_applicant(unknown.pk))
        assert response.status_code == 200
        assert "The directory does not give this for Kosiv: please enter it." in errors_of(response)
        data = choose_applicant(unknown.pk, applicant_population="8000")
        assert client.post(apply_url(call), data).status_code == 303
        assert Application.objects.get().applicant_population == 8000

    def test_manual_entry_still_works(self, client, call, dolyna):
        response = client.post(apply_url(call), applicant_data(applicant_municipality=""))
        assert response.status_code == 303
        application = Application.objects.get()
        assert application.applicant_municipality is None
        assert application.applicant_name == "Dolyna"
        assert application.applicant_kind == Kind.TOWN_HROMADA

    def test_switching_back_to_manual_entry_forgets_the_directory(
        self, client, call, dolyna, siauliai
    ):
        key = key_from(client.post(apply_url(call), choose_applicant(dolyna.pk)))
        client.post(step_url(call, key, 2), choose_partner(siauliai.pk))
        assert client.post(step_url(call, key, 2), partner_data()).status_code == 303
        application = Application.objects.get()
        assert application.partner_municipality is None
        assert application.partner_kind == Kind.DISTRICT  # as typed


class TestEligibilityFromTheDirectory:
    def test_population_from_the_directory_with_the_rules_message(self, client, call):
        tiny = MunicipalityFactory(name="Tiny", country="UA", population=150)
        # What was typed would pass the rule: the directory's figure is the one checked.
        response = client.post(
            apply_url(call), choose_applicant(tiny.pk, applicant_population="20000")
        )
        assert response.status_code == 200
        assert "This call is open to municipalities of 400 to 50,000 inhabitants." in errors_of(
            response
        )
        assert 'id="id_applicant_municipality_error"' in response.content.decode()
        assert not Application.objects.exists()

    def test_kind_from_the_directory(self, client, call):
        oblast = MunicipalityFactory(name="Oblast", country="UA", kind=Kind.REGION)
        data = choose_applicant(oblast.pk, applicant_kind=Kind.TOWN_HROMADA)
        response = client.post(apply_url(call), data)
        assert response.status_code == 200
        assert "This call is open to: city hromada, town hromada, village hromada." in errors_of(
            response
        )

    def test_country_from_the_directory(self, client, call, siauliai):
        response = client.post(apply_url(call), choose_applicant(siauliai.pk))
        assert response.status_code == 200
        assert "This call is open to municipalities in: Ukraine." in errors_of(response)

    def test_partner_country_from_the_directory(self, client, call, dolyna):
        french = MunicipalityFactory(name="Lyon", country="FR", kind=Kind.CITY)
        key = key_from(client.post(apply_url(call), choose_applicant(dolyna.pk)))
        response = client.post(step_url(call, key, 2), choose_partner(french.pk))
        assert response.status_code == 200
        assert "The partner municipality must be in: Poland, Lithuania, Germany." in errors_of(
            response
        )
        assert Application.objects.get().partner_municipality is None


class TestRefused:
    @pytest.mark.parametrize(
        "value", ["999999", "abc", "-1", "1.5", "99999999999999999999999", "1 OR 1=1", "١"]
    )
    def test_a_forged_id_is_a_form_error(self, client, call, dolyna, value):
        response = client.post(apply_url(call), choose_applicant(value))
        assert response.status_code == 200
        assert "is not in the member directory" in errors_of(response)
        assert not Application.objects.exists()

    def test_a_nul_byte_is_stripped_before_the_choice_is_read(self, client, call, dolyna):
        response = client.post(apply_url(call), choose_applicant(f"{dolyna.pk}\x00"))
        assert response.status_code == 303
        assert Application.objects.get().applicant_municipality == dolyna

    def test_an_unpublished_municipality_is_refused(self, client, call):
        draft = MunicipalityFactory(name="Not yet", country="UA", live=False)
        response = client.post(apply_url(call), choose_applicant(draft.pk))
        assert response.status_code == 200
        assert "is not in the member directory (or no longer published)" in errors_of(response)
        assert not Application.objects.exists()

    def test_a_translation_is_not_a_second_choice(self, client, call, dolyna):
        # Only the default language's record is offered and accepted: one choice each.
        translation = dolyna.copy_for_translation(Locale.objects.get(language_code="uk"))
        translation.live = True
        translation.save()
        response = client.post(apply_url(call), choose_applicant(translation.pk))
        assert "is not in the member directory" in errors_of(response)


@pytest.fixture
def submitted_from_directory(client, call, dolyna, siauliai, homes):
    DirectoryPageFactory(parent=homes["en"])
    key = key_from(client.post(apply_url(call), choose_applicant(dolyna.pk)))
    assert client.post(step_url(call, key, 2), choose_partner(siauliai.pk)).status_code == 303
    assert client.post(step_url(call, key, 3), project_data()).status_code == 303
    token = submission_token(client, call, key)
    response = client.post(step_url(call, key, 4), submit_data(token, attachments=[pdf_upload()]))
    assert response.status_code == 303
    return key


def test_confirmation_page_and_email_show_the_directory_profile(
    client, call, submitted_from_directory
):
    page = client.get(done_url(call, submitted_from_directory)).content.decode()
    assert "http://testserver/en/directory/dolyna/" in page
    assert "http://testserver/en/directory/siauliai-district/" in page
    receipt = next(m for m in mail.outbox if "BOT-" in m.subject)
    assert "In the member directory: http://testserver/en/directory/dolyna/" in receipt.body


def test_an_unpublished_profile_is_not_linked_but_the_snapshot_stays(
    client, call, dolyna, submitted_from_directory
):
    dolyna.live = False
    dolyna.save()
    page = client.get(done_url(call, submitted_from_directory)).content.decode()
    assert "/directory/dolyna/" not in page and "Dolyna" in page


def test_a_deleted_profile_leaves_the_application_with_its_snapshot(
    call, dolyna, submitted_from_directory
):
    dolyna.delete()
    application = Application.objects.get()
    assert application.applicant_municipality is None
    assert application.applicant_name == "Dolyna" and application.applicant_population == 20_300


class TestReview:
    @pytest.fixture
    def moderator(self, django_user_model):
        user = django_user_model.objects.create_user("moderator", "m@example.org", "pw")
        user.groups.add(Group.objects.get(name="Moderators"))
        return user

    def test_the_listing_links_the_applicant_to_its_directory_profile(
        self, client, moderator, dolyna, submitted_from_directory
    ):
        client.force_login(moderator)
        page = client.get(reverse("calls_application:index")).content.decode()
        edit = reverse("wagtailsnippets_community_municipality:edit", args=[dolyna.pk])
        assert f'href="{edit}"' in page

    def test_the_listing_has_no_link_for_a_typed_applicant(self, client, moderator, call):
        submit(call, DraftFactory(call=call), [])
        client.force_login(moderator)
        page = client.get(reverse("calls_application:index")).content.decode()
        assert "wagtailsnippets_community_municipality" not in page
        assert "/snippets/community/municipality/edit/" not in page

    def test_the_review_shows_both_and_the_export_includes_them(
        self, client, moderator, dolyna, siauliai, submitted_from_directory
    ):
        client.force_login(moderator)
        application = Application.objects.get()
        page = client.get(reverse("calls_application:edit", args=[application.pk])).content.decode()
        for municipality in (dolyna, siauliai):
            edit = reverse("wagtailsnippets_community_municipality:edit", args=[municipality.pk])
            assert f'href="{edit}"' in page
        response = client.get(reverse("calls_application:index") + "?export=csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert rows[1][rows[0].index("Applicant in the member directory")] == "Dolyna"
        assert rows[1][rows[0].index("Partner in the member directory")] == "Šiauliai district"
