"""Alphabetical order in the page's language, for lists sorted in Python (country and
municipality choices).

Neither PyICU nor pyuca is installed (PyICU needs the ICU C library to build), and Python's
own ``sorted`` orders by code point: Ukrainian "І" and "Є" land after "Я", and accented Latin
letters after "z". The portal writes two scripts only, so this small key is enough:
Ukrainian letters in the order of the Ukrainian alphabet, Latin letters by their base letter
(Č with C, Ü with U), case ignored; apostrophes, hyphens and spaces only break ties. As in
CLDR's Ukrainian collation (``[reorder Cyrl]``), Cyrillic comes before Latin on Ukrainian
pages and after it elsewhere."""

import unicodedata

from django.utils.translation import get_language

# The Ukrainian alphabet's order (Unicode puts є, і, ї and ґ after я). Russian letters of
# names typed in the directory sort beside their nearest Ukrainian ones.
UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_CYRILLIC = {letter: index for index, letter in enumerate(UKRAINIAN_ALPHABET)}
_CYRILLIC.update(
    {"ё": _CYRILLIC["е"], "ы": _CYRILLIC["и"], "э": _CYRILLIC["е"], "ъ": _CYRILLIC["ь"]}
)


def _letter(char, cyrillic_rank, latin_rank):
    """(script rank, position) of one casefolded character, or None if it is not a letter
    or digit. Cyrillic letters are looked up before decomposition: й and ї are letters of
    their own, not и and і with a mark."""
    if char in _CYRILLIC:
        return (cyrillic_rank, _CYRILLIC[char])
    base = unicodedata.normalize("NFKD", char)[:1]
    if base.isdigit():
        return (0, base)
    if base.isalpha():
        return (latin_rank, base)
    return None


def sort_key(text, language=None):
    """The key of ``text`` for ``sorted`` in ``language`` (default: the active one)."""
    language = (language or get_language() or "").split("-")[0]
    cyrillic_rank, latin_rank = (1, 2) if language == "uk" else (2, 1)
    folded = str(text).casefold()
    letters = [_letter(char, cyrillic_rank, latin_rank) for char in folded]
    return ([letter for letter in letters if letter is not None], folded)


def sorted_by_name(pairs, first=(), language=None):
    """(code, name) pairs in alphabetical order of their names, the codes in ``first`` ahead
    in the order given."""
    pairs = list(pairs)
    head = [pair for code in first for pair in pairs if pair[0] == code]
    rest = [pair for pair in pairs if pair[0] not in first]
    return head + sorted(rest, key=lambda pair: sort_key(pair[1], language))
