"""What the filter objects of the listings share.

A listing's filter state is a frozen dataclass parsed once from the query string by its own
``from_query`` (which knows the names and checks every value); this mixin gives it the rest:
reading a request, the filters in use, their query string, and the state without one of them.
Invalid values are kept apart in an ``errors`` field, never in the state itself."""

from dataclasses import fields, replace
from urllib.parse import urlencode


class ListingFilters:
    @classmethod
    def from_query(cls, query, **known):
        raise NotImplementedError

    @classmethod
    def from_request(cls, request, **known):
        return cls.from_query(request.GET, **known)

    @property
    def active(self):
        """(name, value) of each filter in use, in the order the fields are declared."""
        names = [f.name for f in fields(self) if f.name != "ignored"]
        return [(name, getattr(self, name)) for name in names if getattr(self, name)]

    @property
    def is_active(self):
        return bool(self.active)

    def urlencode(self):
        return urlencode(self.active)

    def without(self, name):
        return replace(self, **{name: ""}, ignored=())

    @staticmethod
    def read(query, name):
        return query.get(name, "").replace("\x00", "").strip()[:100]
