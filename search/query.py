"""Turn whatever a visitor typed into a query every search backend accepts.

Known failures this prevents: a double quote crashed SQLite FTS5 (wagtail#13227), a leading or
trailing hyphen built an invalid PostgreSQL tsquery (django-modelsearch#98), and very long
queries overflow the tsquery stack."""

import re
import unicodedata
from dataclasses import dataclass

from portal.forms import INVISIBLE

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# Anything that is not a letter, a digit, an apostrophe inside a word, or a space.
_NOT_WORD = re.compile(r"[^\w\s'’]|_", re.UNICODE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CleanQuery:
    text: str
    truncated: bool

    def __bool__(self):
        return bool(self.text)


def clean_query(raw: str | None) -> CleanQuery:
    """Keep letters, digits and inner apostrophes of at most MAX_TERMS words and
    MAX_QUERY_LENGTH characters; say whether anything had to be cut."""
    raw = raw or ""
    truncated = len(raw) > MAX_QUERY_LENGTH
    # Zero-width and other invisible characters go first, so "Ky\u200biv" is one word: Kyiv.
    text = unicodedata.normalize("NFC", raw[: MAX_QUERY_LENGTH * 2].translate(INVISIBLE))
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    text = _NOT_WORD.sub(" ", text)
    words = [word.strip("'’") for word in _SPACES.split(text)]
    words = [word for word in words if word]
    if len(words) > MAX_TERMS:
        words, truncated = words[:MAX_TERMS], True
    text = " ".join(words)
    if len(text) > MAX_QUERY_LENGTH:
        text, truncated = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0], True
    return CleanQuery(text=text, truncated=truncated)
