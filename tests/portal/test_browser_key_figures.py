"""Layout (issue 15, finding 12): on the narrowest phone a key figure never breaks inside the
number ("€100,000" on the demo story, "€100 000" in Ukrainian) and nothing overflows the page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For each figure: how many lines its text takes (line boxes of a range over it) and whether it
# sticks out of its box.
READ_FIGURES = """
() => [...document.querySelectorAll(".key-figures__item dd")].map(dd => {
  const range = document.createRange();
  range.selectNodeContents(dd);
  const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
  return {text: dd.innerText, lines: tops.size, overflows: dd.scrollWidth > dd.clientWidth + 1};
})
"""


@pytest.mark.parametrize("language", ["en", "uk"])
def test_key_figures_never_wrap_inside_a_number(browser_page, live_demo_site, language):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 700})
    seen = []
    for path in (f"/{language}/stories/siauliai-district-dolyna-aid/", f"/{language}/"):
        page.goto(page.base_url + path)
        figures = page.evaluate(READ_FIGURES)
        assert figures, path
        seen += [f["text"] for f in figures]
        assert all(f["lines"] == 1 and not f["overflows"] for f in figures), (path, figures)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    assert any(text.startswith("€100") for text in seen), seen
