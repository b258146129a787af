"""Under the Content-Security-Policy, no public page breaks: Chromium opens one page of each
public type and its console reports no violation."""

import pytest
from wagtail.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__csp.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def one_page_per_type():
    urls, seen = [], set()
    for page in Page.objects.live().public().exclude(depth=1).specific().order_by("path"):
        if type(page) in seen or page.locale.language_code != "en":
            continue
        seen.add(type(page))
        urls.append(page.url)
    return urls


def test_no_page_type_violates_the_policy(browser_page, live_demo_site):
    page = browser_page
    messages = []
    page.on("console", lambda message: messages.append((message.type, message.text)))
    page.add_init_script(RECORD_VIOLATIONS)
    urls = one_page_per_type()
    assert len(urls) >= 10
    from community.models import Municipality

    municipality = Municipality.objects.filter(live=True, locale__language_code="en").first()
    urls += [
        f"/en/directory/{municipality.slug}/",
        "/en/partners/?q=Kyiv",
        "/en/search/?q=Dolyna",
        "/en/no-such-page/",
    ]
    for url in urls:
        messages.clear()
        response = page.goto(page.base_url + url)
        assert response.status in (200, 404), url
        assert response.headers.get("content-security-policy"), url
        page.wait_for_load_state("load")
        violations = page.evaluate("window.__csp")
        assert violations == [], (url, violations)
        policy_errors = [
            text
            for kind, text in messages
            if "Content Security Policy" in text or "Refused to" in text
        ]
        assert policy_errors == [], (url, policy_errors)
    assert page.external_requests == []
