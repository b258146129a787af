"""The SQLite part of the portal's search backend (see the package's docstring); imported on
SQLite only, where Wagtail's FTS5 model exists."""

from django.db.models import F, FloatField, Func
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class _ScoresOnce:
    """Mixed into the SQLite query compilers: the score of each row from scores computed once."""

    def search(self, config, start, stop, score_field=None):
        normalized = normalize(self.query)
        relevance = self.order_by_relevance
        if isinstance(normalized, (MatchAll, Not)) or not (relevance or score_field):
            # Nothing to score (everything, or a negation scores 0): the library's own path.
            return super().search(config, start, stop, score_field)
        # The library's matching and filtering, unsliced and unscored ...
        self.order_by_relevance = False
        try:
            queryset = super().search(config, None, None, None)
        finally:
            self.order_by_relevance = relevance
        # ... then the same bm25 score, from one full-text query.
        name = score_field or "_score"
        queryset = queryset.annotate(**{name: self._score(normalized, config)})
        if relevance:
            queryset = queryset.order_by(name, "-pk")  # as the library orders
        return queryset[start:stop]

    def _score(self, normalized, config):
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS,
            self.build_search_query(normalized, config=config),
        )
        scores = (
            sqlite.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .values_list("index_entry__object_id", "score")
        )
        return _Scores(*scores.query.sql_with_params(), F("pk"))


class _Scores(Func):
    """The score of the row ``pk`` in the scores of one full-text query (``sql``): a scalar
    subquery over a materialised CTE. The row is a resolved column, so it keeps its table's
    alias when the results are themselves used as a subquery."""

    output_field = FloatField()

    def __init__(self, sql, params, row):
        super().__init__(row)
        self.scores_sql, self.scores_params = sql, tuple(params)

    def as_sql(self, compiler, connection, **extra_context):
        row_sql, row_params = compiler.compile(self.source_expressions[0])
        # Both parts are SQL compiled by Django with their values as parameters.
        return (
            f"(WITH scores(object_id, score) AS MATERIALIZED ({self.scores_sql}) "  # noqa: S608
            f"SELECT score FROM scores WHERE object_id = CAST({row_sql} AS TEXT) LIMIT 1)",
            (*self.scores_params, *row_params),
        )


class SQLiteSearchQueryCompiler(_ScoresOnce, sqlite.SQLiteSearchQueryCompiler):
    pass


class SQLiteAutocompleteQueryCompiler(_ScoresOnce, sqlite.SQLiteAutocompleteQueryCompiler):
    pass


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
