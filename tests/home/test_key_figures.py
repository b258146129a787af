"""Layout (issue 15, finding 12): a key figure's label agrees with its number ("1 partnership",
never "1 partnerships"), in English and in Ukrainian's four plural forms."""

import pytest

from community.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def test_one_partnership_is_not_partnerships(client, homes):
    PartnershipFactory()  # one partnership, two municipalities in two countries
    en = client.get("/en/").content.decode()
    assert "registered municipalities" in en and "<dd>2</dd>" in en
    assert "<dt>partnership</dt><dd>1</dd>" in en
    assert "<dt>partnerships</dt>" not in en
    assert "<dt>countries</dt><dd>2</dd>" in en
    uk = client.get("/uk/").content.decode()
    assert "<dt>партнерство</dt><dd>1</dd>" in uk
    assert "<dt>зареєстровані громади</dt><dd>2</dd>" in uk
    assert "<dt>країни</dt><dd>2</dd>" in uk
