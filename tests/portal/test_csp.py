"""Content-Security-Policy and Permissions-Policy on every public page type; Wagtail's admin
keeps its own scripts. tests/portal/test_browser_csp.py checks that no page breaks under it."""

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def public_page_urls():
    """One live page of each page type, in English and Ukrainian, plus the routed pages."""
    urls, seen = [], set()
    for page in Page.objects.live().public().exclude(depth=1).specific().order_by("path"):
        key = (type(page), page.locale.language_code)
        if key in seen:
            continue
        seen.add(key)
        urls.append(page.url)
    return urls


def test_every_public_page_type_has_the_policy(client, demo_site):
    urls = public_page_urls()
    assert len(urls) >= 20
    for url in [*urls, "/en/no-such-page/", "/robots.txt", "/healthz"]:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy, url
        assert (
            "script-src 'self'" in policy
            and "unsafe-inline" not in policy.split("style-src-attr")[0]
        ), url
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy, url
        assert "camera=()" in response["Permissions-Policy"], url


def test_pages_have_no_inline_script(client, demo_site):
    """Every <script> either loads a file of the portal or is a JSON-LD data block."""
    import re

    for url in public_page_urls():
        html = client.get(url).content.decode()
        for attributes in re.findall(r"<script([^>]*)>", html):
            assert 'src="/static/' in attributes or 'type="application/ld+json"' in attributes, (
                url,
                attributes,
            )
        assert not re.search(r"\son[a-z]+=\"", html), url  # no inline event handlers


def test_the_admin_is_left_to_its_own_scripts(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "Permissions-Policy" in response
