"""What the filter objects of the listings share.

A listing's filter state is a frozen dataclass parsed once from the query string by its own
``from_query`` (which knows the names and checks every value); this mixin gives it the rest:
reading a raw value safely, the filters in use, their query string, and the state without one
of them.

**One behaviour on every listing** for a value that is unknown or malformed: the page answers
200, the value is ignored (the listing is filtered by the other values), and the name is kept
in the ``ignored`` field so that ``components/filters_ignored.html`` tells the visitor. A
crafted query string never reaches a queryset as a lookup (PITFALLS: ``filter(**GET)``)."""

from dataclasses import fields, replace
from urllib.parse import urlencode

MAX_VALUE_LENGTH = 100


class ListingFilters:
    # Subclasses declare their filters as dataclass fields (strings, "" when unused) and end
    # with ``ignored: tuple = ()``.

    @classmethod
    def from_query(cls, query, **known):
        raise NotImplementedError

    @classmethod
    def from_request(cls, request, **known):
        return cls.from_query(request.GET, **known)

    @staticmethod
    def read(query, name):
        """The raw value of ``name``: stripped, without NUL, at most MAX_VALUE_LENGTH long."""
        raw = query.get(name) or ""
        if not isinstance(raw, str):
            return ""
        return raw.replace("\x00", "").strip()[:MAX_VALUE_LENGTH]

    @classmethod
    def filter_names(cls):
        return [f.name for f in fields(cls) if f.name not in ("ignored", "errors")]

    @property
    def active(self):
        """(name, value) of each filter in use, in the order the fields are declared."""
        return [(name, getattr(self, name)) for name in self.filter_names() if getattr(self, name)]

    @property
    def is_active(self):
        return bool(self.active)

    def urlencode(self):
        return urlencode(self.active)

    def without(self, name):
        reset = {"ignored": ()} if "ignored" in {f.name for f in fields(self)} else {}
        return replace(self, **{name: ""}, **reset)
