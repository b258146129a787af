"""A search backend whose cluster is unreachable: indexing works (the database backend), every
search and autocomplete raises the Elasticsearch client's connection error."""

from elastic_transport import ConnectionError as TransportConnectionError
from modelsearch.backends.database import SearchBackend as DatabaseBackend


def _refuse(*args, **kwargs):
    raise TransportConnectionError("Connection refused (simulated outage)")


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = DatabaseBackend(params)
    broken = type(
        "Unreachable" + type(backend).__name__,
        (type(backend),),
        {"search": _refuse, "autocomplete": _refuse},
    )
    backend.__class__ = broken
    return backend
