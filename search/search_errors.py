"""What a search backend raises when it cannot answer, for the pages that must then say
"Search is unavailable right now" instead of failing (the site search, the partner search and
its API)."""

from django.db import DatabaseError


def _search_errors():
    """What a search backend raises when it cannot answer: database errors, network errors, and
    the exceptions of the Elasticsearch and OpenSearch clients that are installed."""
    errors = [DatabaseError, OSError, ConnectionError, TimeoutError]
    try:
        from elastic_transport import TransportError

        errors.append(TransportError)
    except ImportError:
        pass
    try:
        from elasticsearch import ApiError

        errors.append(ApiError)
    except ImportError:
        pass
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:
        pass
    return tuple(errors)


SEARCH_ERRORS = _search_errors()
