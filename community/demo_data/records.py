"""The shape of a demo municipality (see the package's docstring)."""


def municipality(
    slug,
    name,
    local,
    country,
    region,
    kind,
    population,
    at,
    languages,
    offers=(),
    needs=(),
    orgs=(),
    en="",
    uk="",
):
    """One municipality of the demo (see the module's docstring)."""
    return {
        "slug": slug,
        "name": name,
        "local": local,
        "country": country,
        "region": region,
        "kind": kind,
        "population": population,
        "at": at,
        "languages": list(languages),
        "offers": list(offers),
        "needs": list(needs),
        "orgs": list(orgs),
        "en": en,
        "uk": uk,
    }
