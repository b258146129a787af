"""Database helpers shared by the commands that write many rows at once."""

from django.db import connections

# The tables a bulk change of the directory touches, with the search index's own.
DIRECTORY_TABLES = (
    "community_municipality",
    "community_sectoroffer",
    "community_sectorneed",
    "community_municipality_working_languages",
    "wagtailsearch_indexentry",
)


def refresh_statistics(tables=DIRECTORY_TABLES, using="default"):
    """Refresh the query planner's statistics after a bulk load.

    Without them SQLite joins the full-text index the slow way round (measured: 1.5 s instead
    of 0.3 ms for a partner search among 100,000 municipalities), and PostgreSQL picks scans
    until autovacuum comes by."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            existing = set(connection.introspection.table_names(cursor))
            for table in tables:
                if table in existing:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
