"""The partner search's state, parsed from the query string into one immutable object.

The directory's ``community.filters.DirectoryFilters`` holds one value per filter; the partner
search needs several (a call links to every country and sector it accepts, a visitor ticks two
sectors), so each facet here is a tuple of values: any of them matches within a facet, every
facet must match. Like the directory's object, only the names in ``FACETS`` are read and each
value must be one of the values the caller accepts; the rest is dropped and named in ``ignored``
(PITFALLS: ``filter(**request.GET)``). Nothing here touches the database."""

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from portal.forms import clean_text

from .query import clean_query

# Query-string names of the facets, in the order the page shows them.
FACETS = (
    "country",
    "region",
    "kind",
    "offers",
    "needs",
    "population",
    "language",
    "association",
    "programme",
)
SORTS = ("relevance", "name", "population")
# Longer values are no known value: cut before comparing, so a huge one costs nothing.
MAX_VALUE_LENGTH = 100
# More values than this for one facet are not a person's choice; the rest are ignored.
MAX_VALUES_PER_FACET = 40


@dataclass(frozen=True)
class PartnerFilters:
    q: str = ""
    truncated: bool = False
    country: tuple = ()
    region: tuple = ()
    kind: tuple = ()
    offers: tuple = ()
    needs: tuple = ()
    population: tuple = ()
    language: tuple = ()
    association: tuple = ()
    programme: tuple = ()
    open: bool = False
    sort: str = ""
    # The call whose page linked here (``call=<page id>``): not a filter but carried in every
    # link, so that the profiles found lead to an interest naming the call. Digits only; the
    # page checks that it names a call an interest may name.
    call: str = ""
    ignored: tuple = field(default=(), compare=False)

    @classmethod
    def from_params(cls, params, allowed):
        """Filters from a ``QueryDict`` (``request.GET``); ``allowed`` maps each name of
        ``FACETS`` to the values accepted for it (anything supporting ``in``)."""
        query = clean_query(params.get("q"))
        values, ignored = {}, []
        for name in FACETS:
            accepted = []
            for raw in params.getlist(name)[:MAX_VALUES_PER_FACET]:
                value = clean_text(raw).strip()[:MAX_VALUE_LENGTH]
                if not value:
                    continue
                if value in allowed[name]:
                    accepted.append(value)
                elif name not in ignored:
                    ignored.append(name)
            values[name] = tuple(dict.fromkeys(accepted))
        open_value = params.get("open", "")
        if open_value not in ("", "1"):
            ignored.append("open")
        sort = params.get("sort", "")
        if sort not in ("", *SORTS):
            ignored.append("sort")
            sort = ""
        call = params.get("call", "")
        return cls(
            q=query.text,
            call=call if call.isdigit() and len(call) <= 10 else "",
            truncated=query.truncated,
            open=open_value == "1",
            sort=sort,
            ignored=tuple(ignored),
            **values,
        )

    @property
    def effective_sort(self):
        """Relevance only means something with a query; otherwise by name."""
        if self.sort == "relevance" and not self.q:
            return "name"
        return self.sort or ("relevance" if self.q else "name")

    @property
    def active(self):
        """{facet name: values} of the facets in use (``open`` as ("1",))."""
        active = {name: getattr(self, name) for name in FACETS if getattr(self, name)}
        if self.open:
            active["open"] = ("1",)
        return active

    @property
    def active_count(self):
        """How many facet values are chosen (said on the phones' closed "Filters" summary)."""
        return sum(len(values) for values in self.active.values())

    def params(self):
        """The state as (name, value) pairs, the query and sort included."""
        pairs = [("q", self.q)] if self.q else []
        pairs += [(name, value) for name, values in self.active.items() for value in values]
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.call:
            pairs.append(("call", self.call))
        return pairs

    def urlencode(self):
        return urlencode(self.params())

    def url(self):
        """The query string with its "?" (or "?" alone for no state: "this page")."""
        return "?" + self.urlencode()

    def is_selected(self, name, value):
        return value in getattr(self, name)

    def toggle(self, name, value):
        """These filters with ``value`` of facet ``name`` added, or removed when it is in."""
        if name == "open":
            return replace(self, open=not self.open, ignored=())
        current = getattr(self, name)
        if value in current:
            return replace(self, **{name: tuple(v for v in current if v != value)}, ignored=())
        return replace(self, **{name: (*current, value)}, ignored=())

    def without(self, name):
        """These filters without facet ``name`` (or the query, for "q")."""
        if name == "q":
            return replace(self, q="", truncated=False, ignored=())
        if name == "open":
            return replace(self, open=False, ignored=())
        return replace(self, **{name: ()}, ignored=())

    def with_sort(self, sort):
        return replace(self, sort=sort, ignored=())
