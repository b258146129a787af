"""Wagtail's database search backend, with one change on SQLite: relevance scores are computed
in one full-text query per search instead of one per result row.

Wagtail's SQLite backend (``modelsearch``) orders by relevance through a correlated subquery:
for every row that matched, SQLite runs the FTS5 ``MATCH`` again and picks that row's
``bm25``. A broad prefix (``ber*`` expands to every indexed word starting with "ber") makes each
of those runs expensive: the partner search API's ``q=ber&country=DE&open=1`` took 530 ms at
100,000 municipalities, all of it in that ordering. Here the same ``MATCH`` and the same
``bm25`` expression are run once, as a ``MATERIALIZED`` common table expression inside the
score's subquery (SQLite evaluates a CTE that does not depend on the outer row once, and looks
each row up in it), so the scores and therefore the order are identical, in 25 ms.

No option of the backend does this and no maintained package replaces it, so this subclass is
the smallest change: it only replaces the score annotation; matching, filtering, counting and
facets stay the library's own. PostgreSQL, MySQL and Elasticsearch/OpenSearch are unchanged."""

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    """The database backend Wagtail would choose for the default database; on SQLite with
    FTS5, the subclass in ``portal.search_backend.sqlite`` (which can only be imported there:
    its model does not exist on other databases)."""
    backend = database_backend(params)
    if connection.vendor == "sqlite":
        from . import sqlite

        if type(backend) is sqlite.sqlite.SQLiteSearchBackend:
            return sqlite.SQLiteSearchBackend(params)
    return backend
