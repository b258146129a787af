"""The partner search's facet counts: every facet counted in one statement over the matched
set, materialised once (a CTE), so a request costs the same whatever the directory's size.

The single-valued facets (country, region, kind, association, population band, open) are
grouped as the database backends' ``facet()`` groups them; the sector and language facets come
from the matches' match keys; programmes through their partnerships. On Elasticsearch /
OpenSearch the single-valued ones are counted by the backend's ``facet()``."""

from django.db import connections

from community.models import Municipality, Partnership, Programme

# Facet name → the FilterField the backend counts it by.
BACKEND_FACETS = {
    "country": "country",
    "region": "region",
    "kind": "kind",
    "association": "national_association_id",
    "population": "population_band",
    "open": "open_to_partners",
}


def _matched_ids(results):
    """The ids of all of ``results`` from the backend's hits (Elasticsearch / OpenSearch)."""
    return [municipality.pk for municipality in results]


# The columns of the matched set the counts read: the single-valued facets (counted as the
# database backends' ``facet()`` counts them: GROUP BY the field over the same matches), the
# translation key programmes join on, and the match keys (" a b " lines of sector slugs and
# language codes, kept in step with the links by ``refresh_match_keys``) the multi-valued
# facets are counted from, so that counting them reads the matched rows only, never the link
# tables (whose join PostgreSQL planned as a walk over every sector offer).
_MATCHED_COLUMNS = (
    "id",
    "translation_key",
    *BACKEND_FACETS.values(),
    "offer_keys",
    "need_keys",
    "language_keys",
)
_KEYS = {"offers": "m_offer_keys", "needs": "m_need_keys", "language": "m_language_keys"}
# The words of a key line as rows, per database.
_SPLIT = {
    "postgresql": "unnest(string_to_array(btrim({column}), ' ')) AS k(value)",
    # Keys are slugs and language codes: no quote or backslash can break the JSON array.
    "sqlite": "json_each('[\"' || replace(trim({column}), ' ', '\",\"') || '\"]') AS k",
}
# Partnerships may point to a municipality's copy in another language, so they are joined on
# the translation key; a municipality is on one side of its partnerships only (Ukrainian or
# EU), so the two sides add up without counting anyone twice. Only published partnerships count
# (issue 12: members' records wait for staff).
_PROGRAMME_COUNT = (
    "SELECT 'programme', CAST(p.slug AS TEXT), COUNT(DISTINCT u.translation_key) "
    "FROM {partnership} r JOIN {municipality} u ON u.id = r.{side}_id "
    "JOIN {programme} p ON p.id = r.programme_id "
    "WHERE u.translation_key IN (SELECT m_key FROM matched) AND r.status = 'published' "
    "GROUP BY p.slug"
)
_TABLES = {"partnership": Partnership, "municipality": Municipality, "programme": Programme}


def _facet_statement(matched, connection, single_valued=True):
    """One SQL statement counting the facets over ``matched`` (a queryset of municipalities),
    which is materialised once as a CTE: rows of (facet, value as text, count). Table names
    come from the models, values only as parameters."""
    inner, params = matched.order_by().values(*_MATCHED_COLUMNS).query.sql_with_params()
    tables = {
        key: connection.ops.quote_name(model._meta.db_table) for key, model in _TABLES.items()
    }
    parts = []
    if single_valued:
        for name in BACKEND_FACETS:
            if name == "open":
                parts.append("SELECT 'open', '1', COUNT(*) FROM matched WHERE m_open")
            else:
                parts.append(
                    f"SELECT '{name}', CAST(m_{name} AS TEXT), COUNT(*) "  # noqa: S608
                    f"FROM matched GROUP BY m_{name}"
                )
    for name, column in _KEYS.items():
        words = _SPLIT[connection.vendor].format(column=column)
        parts.append(
            f"SELECT '{name}', CAST(k.value AS TEXT), COUNT(*) "  # noqa: S608
            f"FROM matched, {words} WHERE k.value <> '' GROUP BY k.value"
        )
    for side in ("ukrainian_municipality", "eu_municipality"):
        parts.append(_PROGRAMME_COUNT.format(side=side, **tables))
    aliases = ", ".join(
        ["m_id", "m_key", *(f"m_{name}" for name in BACKEND_FACETS), *_KEYS.values()]
    )
    return (
        f"WITH matched ({aliases}) AS MATERIALIZED ({inner}) " + " UNION ALL ".join(parts),
        params,
    )


def _read_counts(sql, params, connection):
    counts = {name: {} for name in (*BACKEND_FACETS, "offers", "needs", "language", "programme")}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for name, value, n in cursor.fetchall():
            if value in (None, "") or not n:
                continue
            if name == "association":
                value = int(value)
            counts[name][value] = counts[name].get(value, 0) + n
    return counts


def facet_counts(results, vocabulary, queryset=None):
    """{facet name: {value: count}} over ``results``.

    The matched set is materialised once (a CTE) and every facet is counted from it in one
    statement: on the database backends, whose ``facet()`` is exactly such a GROUP BY over the
    same queryset, all of them; on Elasticsearch / OpenSearch, the single-valued ones by the
    backend's ``facet()`` and the others over the ids of its hits. With ``queryset`` (the
    search backend is down), counted by the database over that queryset instead."""
    if queryset is None and hasattr(results, "get_queryset"):
        queryset = results.get_queryset()
    connection = connections[Municipality.objects.db]
    if queryset is not None:
        counts = _read_counts(*_facet_statement(queryset, connection), connection)
    else:
        matched = Municipality.objects.filter(pk__in=_matched_ids(results))
        counts = _read_counts(
            *_facet_statement(matched, connection, single_valued=False), connection
        )
        for name, field_name in BACKEND_FACETS.items():
            found = results.facet(field_name)
            counts[name] = {value: n for value, n in found.items() if value not in (None, "")}
        # Elasticsearch reports booleans as 1 and 0.
        open_count = sum(n for value, n in counts["open"].items() if value in (True, 1))
        counts["open"] = {"1": open_count} if open_count else {}
    slugs, by_slug = vocabulary.association_slugs(), {}
    for pk, n in counts["association"].items():
        if pk in slugs:
            by_slug[slugs[pk]] = by_slug.get(slugs[pk], 0) + n
    counts["association"] = by_slug
    return counts
