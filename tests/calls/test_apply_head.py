"""Finding 2 of the walk (issue 15): each step of the application is a page of its own in the
head (canonical, og:url, hreflang), not the call it is routed through."""

import pytest

from calls.factories import applicant_data
from portal.factories import translate
from tests.calls.helpers import apply_url, key_from, step_url
from tests.community.test_findable_profiles import head_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def uk_call(call, call_index):
    translate(call_index, "uk", title="Конкурси")
    return translate(call, "uk", title="Фонд проєктів")


def test_apply_start_names_itself(client, call, uk_call):
    html = client.get(apply_url(call)).content.decode()
    canonical, og_url, _og_title, _title, hreflang = head_links(html)
    assert canonical == "http://localhost/en/calls/projects-fund/apply/"
    assert og_url == canonical
    assert hreflang["en"] == "http://testserver/en/calls/projects-fund/apply/"
    assert hreflang["uk"] == "http://testserver/uk/calls/projects-fund/apply/"
    assert '<meta name="robots" content="noindex">' in html


def test_apply_step_names_itself_with_its_private_link(client, call, uk_call):
    key = key_from(client.post(apply_url(call), applicant_data()))
    html = client.get(step_url(call, key, 2) + "?from=email").content.decode()
    canonical, og_url, _og_title, _title, hreflang = head_links(html)
    path = f"/calls/projects-fund/apply/{key}/step-2/"
    assert canonical == f"http://localhost/en{path}"
    assert og_url == canonical
    assert hreflang["en"] == f"http://testserver/en{path}"
    assert hreflang["uk"] == f"http://testserver/uk{path}"
    # The switcher keeps the query string.
    assert f'href="http://testserver/uk{path}?from=email" hreflang="uk"' in html
