"""The pages that forms and footers promise (issue 15, finding 9): privacy notice, cookies,
accessibility statement, contact and imprint in English and Ukrainian, linked from every page's
footer, and the privacy notice linked from every consent in the visitor's language."""

import re

import pytest

from calls.factories import DraftFactory
from calls.models import CallPage
from community.models import Municipality

TITLES = {
    "en": {
        "privacy": "Privacy notice",
        "cookies": "Cookies",
        "accessibility": "Accessibility statement",
        "contact": "Contact",
        "imprint": "Imprint",
    },
    "uk": {
        "privacy": "Повідомлення про конфіденційність",
        "cookies": "Файли cookie",
        "accessibility": "Заява про доступність",
        "contact": "Контакти",
        "imprint": "Вихідні дані",
    },
}


PRIVACY_WORDS = {"en": "privacy notice", "uk": "повідомлення про конфіденційність"}


def privacy_link(language):
    """The words "privacy notice" of the label, linked to the notice of its language."""
    return f'<a href="/{language}/privacy/">{PRIVACY_WORDS[language]}</a>'


def footer_links(html):
    nav = re.search(r'<nav class="container site-footer__legal".*?</nav>', html, re.S)
    assert nav, "no legal links in the footer"
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav.group(0))


def consent_label(html, field_id):
    label = re.search(rf'<label for="{field_id}">(.*?)</label>', html, re.S)
    assert label, f"no label for {field_id}"
    return label.group(1)


@pytest.mark.parametrize("language", ["en", "uk"])
@pytest.mark.parametrize("slug", list(TITLES["en"]))
def test_each_legal_page_answers_in_both_languages(client, demo_site, language, slug):
    response = client.get(f"/{language}/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and TITLES[language][slug] in html
    assert f'lang="{language}"' in html


def test_the_privacy_notice_names_the_controller_the_data_and_the_rights(client, demo_site):
    english = client.get("/en/privacy/").content.decode()
    for words in ("European Partnership Hub", "Registration of a municipality",
                  "Applications to calls", "contact form", "Member accounts", "newsletter",
                  "How long we keep it", "erased", "machine-readable"):  # fmt: skip
        assert words in english, words
    ukrainian = client.get("/uk/privacy/").content.decode()
    for words in ("Європейський хаб партнерств", "Реєстрація громади", "Ваші права"):
        assert words in ukrainian, words
    cookies = client.get("/en/cookies/").content.decode()
    for name in ("sessionid", "csrftoken", "messages"):
        assert name in cookies
    assert "WCAG 2.1" in client.get("/uk/accessibility/").content.decode()


@pytest.mark.parametrize(
    "path", ["/en/", "/uk/", "/en/stories/", "/uk/directory/", "/en/about/", "/uk/account/login/"]
)
def test_the_footer_links_every_legal_page_of_the_language(client, demo_site, path):
    language = path.split("/")[1]
    links = footer_links(client.get(path).content.decode())
    assert [title for _url, title in links] == list(TITLES[language].values())
    for url, _title in links:
        assert url.startswith(f"/{language}/")
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_registration_consent_links_the_privacy_notice(client, demo_site, language):
    html = client.get(f"/{language}/register/").content.decode()
    assert privacy_link(language) in consent_label(html, "id_privacy_consent")


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_application_consent_links_the_privacy_notice(client, demo_site, language):
    source = next(call for call in CallPage.objects.live().filter(locale__language_code="en")
                  if call.is_open)  # fmt: skip
    call = source.get_translation(source.locale.__class__.objects.get(language_code=language))
    DraftFactory(call=source, key="legal-test-key")
    url = call.url + call.reverse_subpage("apply_step", args=["legal-test-key", 4])
    response = client.get(url)
    assert response.status_code == 200, url
    assert privacy_link(language) in consent_label(response.content.decode(), "id_consent")


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_profile_contact_form_links_the_privacy_notice(client, demo_site, language):
    municipality = (
        Municipality.objects.filter(locale__language_code=language, live=True)
        .exclude(contact_email="")
        .first()
    )
    html = client.get(municipality.get_url() + "contact/").content.decode()
    start = html.index("<h1")
    form = html[start : html.index("</form>", start)]
    assert "<form" in form
    assert privacy_link(language) in form


def test_a_missing_page_still_has_the_footer_links(client, demo_site):
    response = client.get("/uk/no-such-page/")
    assert response.status_code == 404
    links = footer_links(response.content.decode())
    assert ("/uk/privacy/", TITLES["uk"]["privacy"]) in links
