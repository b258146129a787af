"""Word forms meet at their dictionary form: Ukrainian words are lemmatised with pymorphy3 and
its Ukrainian dictionary ("допомоги" → "допомога", "Форуми" → "форум"), English words stemmed
with Snowball ("partnerships" → "partnership"). The same function runs when a page is indexed
(``BasePage.search_lemmas``, an extra search field) and on the visitor's query, so the site
search finds every form on SQLite and PostgreSQL alike, whatever their own stemming does."""

import functools
import re

from portal.forms import clean_text

_WORDS = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MAX_WORDS = 20_000  # a page's lemmas are capped: the index need not hold a book twice


@functools.cache
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


@functools.cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """The dictionary form of one word, lower case."""
    word = word.lower().replace("’", "'").replace("ʼ", "'")
    if _CYRILLIC.search(word):
        parses = _morph().parse(word)
        return parses[0].normal_form if parses else word
    if word.isascii():
        return _stemmer().stemWord(word)
    return word


def lemmas(text: str | None, limit: int = MAX_WORDS) -> str:
    """The words of ``text`` in their dictionary forms, space-separated, each once."""
    if not text:
        return ""
    words = _WORDS.findall(clean_text(str(text)))[:limit]
    return " ".join(dict.fromkeys(lemma(word) for word in words))
