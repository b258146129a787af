"""Finding 2 of the walk (issue 15): the match page is a page of its own for search engines and
the language switcher, not the partner search it is routed through."""

import pytest

from portal.factories import translate
from search.models import PartnerSearchPage
from tests.community.test_findable_profiles import head_links

pytestmark = pytest.mark.django_db


def test_match_page_names_itself_in_canonical_og_url_and_hreflang(client, directory):
    translate(PartnerSearchPage.objects.get(), "uk", title="Знайти партнера")
    html = client.get("/en/partners/match/dolyna/?page=1").content.decode()
    canonical, og_url, og_title, title, hreflang = head_links(html)
    assert canonical == "http://localhost/en/partners/match/dolyna/"
    assert og_url == canonical
    assert og_title == "Partners for Dolyna" and title.startswith("Partners for Dolyna ·")
    assert hreflang["en"] == "http://testserver/en/partners/match/dolyna/"
    assert hreflang["uk"] == "http://testserver/uk/partners/match/dolyna/"
    assert hreflang["x-default"] == hreflang["en"]
    # The switcher leads to the same match in Ukrainian and keeps the query.
    assert 'href="http://testserver/uk/partners/match/dolyna/?page=1" hreflang="uk"' in html
