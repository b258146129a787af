"""Links built for the port the portal runs on (issue 15, finding 8): `make run PORT=8101` sets
BASE_URL to that address, and the demo's site then names it in the sitemap and canonical links
(emails use BASE_URL itself)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from portal.management.commands.seed_demo import Command as SeedDemo

ROOT = Path(__file__).resolve().parent.parent.parent
MAKE = shutil.which("make")


@pytest.mark.skipif(not MAKE, reason="make is not installed")
def test_make_run_derives_base_url_from_host_and_port():
    dry_run = subprocess.run(  # noqa: S603  (make, with fixed arguments)
        [MAKE, "-n", "run", "PORT=8101"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "export BASE_URL=http://127.0.0.1:8101;" in dry_run
    assert "runserver 127.0.0.1:8101" in dry_run
    # The demo is seeded before the server starts: its site must name the same address (it
    # named port 8000 while only the server's command had BASE_URL).
    assert "BASE_URL=http://127.0.0.1:8101 .venv/bin/python manage.py seed_demo" in dry_run


@pytest.mark.django_db
def test_the_demo_site_names_the_base_url_in_the_sitemap_and_canonical_links(
    client, homes, settings
):
    settings.BASE_URL = "http://127.0.0.1:8101"
    SeedDemo().point_site_at(homes["en"])
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(url.startswith("http://127.0.0.1:8101/") for url in locations)
    assert "http://127.0.0.1:8101/uk/" in locations
    home = client.get("/en/").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8101/en/">' in home
