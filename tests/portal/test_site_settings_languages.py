"""Ukrainian first (issue 15, finding 5): the footer's address is in the page's language."""

import pytest
from wagtail.models import Site

from portal.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_the_footer_address_is_in_the_page_language(client, homes):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "contact_email": "hub@example.org",
            "postal_address": "European Partnership Hub\nBrussels, Belgium",
            "postal_address_uk": "Європейський партнерський хаб\nБрюссель, Бельгія",
        },
    )
    en = client.get("/en/").content.decode()
    assert "European Partnership Hub<br>Brussels, Belgium" in en
    uk = client.get("/uk/").content.decode()
    assert "Європейський партнерський хаб<br>Брюссель, Бельгія" in uk
    assert "Brussels" not in uk


def test_without_a_ukrainian_address_the_footer_shows_the_other(client, homes):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(
        site=site, defaults={"postal_address": "European Partnership Hub"}
    )
    assert "European Partnership Hub" in client.get("/uk/").content.decode()
