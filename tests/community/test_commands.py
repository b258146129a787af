"""Management commands: spreadsheet import, confirmation requests, the benchmark directory."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from community.factories import MunicipalityFactory
from community.models import Municipality

pytestmark = pytest.mark.django_db

HEADER = "name,local_name,country,region,kind,population,katotth_code,offers,needs,contact_email\n"


def write(tmp_path, text):
    path = tmp_path / "municipalities.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_creates_then_updates(tmp_path, sectors):
    path = write(
        tmp_path,
        HEADER
        + "Dolyna,Долина,UA,Ivano-Frankivsk Oblast,city_hromada,20600,UA26,water;energy,health,"
        "team@dolyna.example\n"
        "Šiauliai district,,LT,Šiauliai County,district,40000,,waste,,\n",
    )
    call_command("import_municipalities", path)
    dolyna = Municipality.objects.get(name="Dolyna")
    assert dolyna.live and dolyna.local_name == "Долина"
    assert sorted(o.sector.slug for o in dolyna.offers.all()) == ["energy", "water"]
    assert Municipality.objects.count() == 2

    # Again, with a new population and a different spelling: updated, not duplicated.
    path = write(
        tmp_path,
        HEADER + "Dolyna hromada,Долина,UA,,city_hromada,21000,UA26,,,\n"
        "SIAULIAI DISTRICT,,LT,,district,41000,,,,\n",
    )
    call_command("import_municipalities", path)
    assert Municipality.objects.count() == 2
    assert Municipality.objects.get(katotth_code="UA26").population == 21000
    assert Municipality.objects.get(country="LT").population == 41000


def test_import_is_all_or_nothing_with_row_errors(tmp_path, sectors, capsys):
    path = write(
        tmp_path,
        HEADER + "Dolyna,,UA,,city_hromada,20600,,water,,\n"
        "Nowhere,,XX,,city,abc,,plumbing,,not-an-email\n",
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_municipalities", path)
    errors = capsys.readouterr().err
    assert "row 3: country" in errors
    assert "row 3: population" in errors
    assert "row 3: offers: unknown sector: plumbing" in errors
    assert "row 3: contact_email" in errors
    assert "row 2" not in errors
    assert Municipality.objects.count() == 0


def test_import_refuses_unknown_columns(tmp_path, sectors, capsys):
    path = write(tmp_path, "name,country,mayor_salary\nDolyna,UA,1\n")
    with pytest.raises(CommandError):
        call_command("import_municipalities", path)
    assert "unknown columns: mayor_salary" in capsys.readouterr().err


def test_confirmation_request_link_confirms_profile(
    client, directory, django_capture_on_commit_callbacks
):
    old = timezone.localdate() - datetime.timedelta(days=400)
    stale = MunicipalityFactory(slug="old", last_confirmed=old, contact_email="old@town.example")
    stale.save_revision().publish()
    MunicipalityFactory(slug="fresh", contact_email="fresh@town.example")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_confirmation_requests")
    assert [m.to for m in mail.outbox] == [["old@town.example"]]
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    assert link.startswith("/en/directory/confirm/?token=")

    page = client.get(link)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    response = client.post(link, {"changes": ""})
    assert response.status_code == 303
    stale.refresh_from_db()
    assert stale.last_confirmed == timezone.localdate()
    assert "last confirmed on" not in client.get("/en/directory/old/").content.decode()


def test_confirmation_link_tampered_is_refused(client, directory):
    html = client.get("/en/directory/confirm/?token=abc:def").content.decode()
    assert "not valid or has expired" in html


def test_reported_changes_go_to_moderators(
    client, directory, settings, django_capture_on_commit_callbacks
):
    from community.services import confirmation_token

    settings.STAFF_NOTIFICATION_EMAILS = ["staff@bot.example"]
    municipality = MunicipalityFactory(slug="dolyna", name="Dolyna")
    url = f"/en/directory/confirm/?token={confirmation_token(municipality)}"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"changes": "New mayor since May."})
    assert mail.outbox[0].to == ["staff@bot.example"]
    assert "New mayor since May." in mail.outbox[0].body


def test_seed_directory_generates_real_towns(sectors):
    call_command("seed_directory", "--count", "80")
    assert Municipality.objects.count() == 80
    ukrainian = Municipality.objects.filter(country="UA").exclude(local_name="").first()
    assert ukrainian is not None and ukrainian.population
    assert ukrainian.latitude is not None
    call_command("seed_directory", "--count", "60")  # replaces, does not add
    assert Municipality.objects.count() == 60


def test_seeded_towns_are_searchable_and_ready_for_matching(sectors):
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    from community.models import population_band_of

    call_command("seed_directory", "--count", "120")
    town = Municipality.objects.filter(country="UA").exclude(local_name="").first()
    # In the search index under its local-script name (bulk_create sends no signals).
    found = get_search_backend().autocomplete(town.local_name, Municipality.objects.all())
    assert town in list(found)
    # Keys the match page scores with, and the population band, as save() would write them.
    assert town.offer_keys.strip() == " ".join(sorted(o.sector.slug for o in town.offers.all()))
    assert town.language_keys.strip() == " ".join(
        sorted(lang.code for lang in town.working_languages.all())
    )
    assert town.population_band == population_band_of(town.population)
    # The planner's statistics were refreshed after the bulk load.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'community_municipality'")
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_stats WHERE tablename = 'community_municipality'"
            )
        assert cursor.fetchone()[0] > 0


def test_match_keys_follow_the_links(sectors):
    town = MunicipalityFactory(sectors={"offers": ["water", "energy"], "needs": ["health"]})
    town.refresh_from_db()
    assert (town.offer_keys, town.need_keys) == (" energy water ", " health ")
    town.offers.filter(sector__slug="water").delete()
    town.refresh_from_db()
    assert town.offer_keys == " energy "
