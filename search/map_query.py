"""The map's query side: its filters (the directory's plus programme), the public position of
a municipality (rounded in the database for an approximate location) and the viewport (bbox and
zoom checked and clamped). ``search.map`` builds the GeoJSON and the page from these."""

import math
import re
from dataclasses import dataclass

from django.db.models import Case, FloatField, Q, When
from django.db.models.functions import Cast, Floor
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community.cards import sectors_by_slug
from community.filters import DirectoryFilters
from community.models import Municipality, Partnership, Programme
from community.models.base import COUNTRY_NAMES
from portal.filters import ListingFilters

# Approximate locations snap to a grid of about 20 km: 0.2° of latitude is 22 km, 0.3° of
# longitude is 19-23 km between 40° and 55° N, where the network's municipalities are.
GRID_LAT = 0.2
GRID_LON = 0.3
# More municipalities than this in the box are sent as clusters computed by the database.
MAX_POINTS = 2000
# Cluster cells per 256-pixel map tile side: a cell is about 64 pixels wide on screen.
CELLS_PER_TILE = 4
MIN_ZOOM, MAX_ZOOM, DEFAULT_ZOOM = 0, 18, 4
MAX_PARAM_LENGTH = 200  # a longer bbox or zoom is not a map's request
MAX_LINES = 5000
CACHE_SECONDS = 600
GENERATION_KEY = "map:generation"
WORLD = (-180.0, -90.0, 180.0, 90.0)

FILTER_LABELS = {
    "country": _("Country"),
    "region": _("Region"),
    "kind": _("Kind"),
    "offers": _("Offers expertise in"),
    "needs": _("Needs help with"),
    "population": _("Population"),
    "open": _("Open to new partners"),
    "programme": _("Programme"),
}


class BadViewport(ValueError):
    """A bbox or zoom the map cannot use (answered 400 with this message)."""


# Filters ----------------------------------------------------------------------------------------


def published(locale):
    """The municipalities visitors of ``locale`` see: live, in their language or the default."""
    return Municipality.objects.live().in_locale(locale)


@dataclass(frozen=True)
class MapFilters:
    """The directory's filters (``DirectoryFilters``, the same names and rules) plus the
    programme of a partnership. Unknown values are dropped and named in ``ignored``."""

    directory: DirectoryFilters
    programme: str = ""
    ignored: tuple = ()

    @classmethod
    def from_request(cls, request, locale, sectors=None):
        """``sectors``: ``sectors_by_slug(locale)`` when the caller has it already."""
        query = request.GET
        region = ListingFilters.read(query, "region")
        # Only the region asked for is looked up, so a request without one costs no query.
        regions = (
            list(published(locale).filter(region=region).values_list("region", flat=True)[:1])
            if region
            else []
        )
        directory = DirectoryFilters.from_request(
            request,
            countries=COUNTRY_NAMES,
            regions=regions,
            sectors=sectors if sectors is not None else sectors_by_slug(locale),
        )
        ignored = list(directory.ignored)
        programme = ListingFilters.read(query, "programme")
        if programme and not Programme.objects.filter(slug=programme).exists():
            ignored.append("programme")
            programme = ""
        return cls(directory=directory, programme=programme, ignored=tuple(ignored))

    def value(self, name):
        if name == "programme":
            return self.programme
        return getattr(self.directory, name, "")

    @property
    def is_active(self):
        return bool(self.urlencode())

    def urlencode(self):
        pairs = self.directory.urlencode()
        if self.programme:
            programme = f"programme={self.programme}"
            pairs = f"{pairs}&{programme}" if pairs else programme
        return pairs

    def apply(self, queryset):
        queryset = self.directory.apply(queryset)
        if self.programme:
            # Partnerships may name the record of another language: match translation keys.
            partnerships = Partnership.objects.published().filter(programme__slug=self.programme)
            queryset = queryset.filter(
                Q(
                    translation_key__in=partnerships.values(
                        "ukrainian_municipality__translation_key"
                    )
                )
                | Q(translation_key__in=partnerships.values("eu_municipality__translation_key"))
            )
        return queryset

    @property
    def is_filtering(self):
        return bool(self.directory.urlencode() or self.programme)

    def matching(self, locale):
        """The published municipalities of ``locale`` matching these filters. A filter on
        sectors joins their links (and asks for DISTINCT); then the rows are read as a plain
        ``pk IN (…)`` so that a join never repeats a municipality in counts and clusters."""
        queryset = self.apply(published(locale))
        if queryset.query.distinct:
            return Municipality.objects.filter(pk__in=queryset.values("pk"))
        return queryset


def ignored_labels(filters):
    return [str(FILTER_LABELS.get(name, name)) for name in filters.ignored]


# Positions --------------------------------------------------------------------------------------


def snap(value, step):
    """``value`` on the grid of ``step`` (half up, the same in Python and in SQL's FLOOR)."""
    return round(math.floor(value / step + 0.5) * step, 6)


def public_position(municipality):
    """(latitude, longitude) as the public may see them, or None without coordinates."""
    if municipality.latitude is None or municipality.longitude is None:
        return None
    lat, lon = float(municipality.latitude), float(municipality.longitude)
    if municipality.approximate_location:
        return snap(lat, GRID_LAT), snap(lon, GRID_LON)
    return round(lat, 6), round(lon, 6)


def _public(field, step):
    value = Cast(field, FloatField())
    return Case(
        When(approximate_location=True, then=Floor(value / step + 0.5) * step),
        default=value,
        output_field=FloatField(),
    )


def with_public_position(queryset):
    """Only municipalities with coordinates, annotated with ``map_lat``/``map_lon``: their
    public position, rounded in the database for approximate locations."""
    return queryset.filter(latitude__isnull=False, longitude__isnull=False).annotate(
        map_lat=_public("latitude", GRID_LAT), map_lon=_public("longitude", GRID_LON)
    )


# Viewport ---------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")
_INTEGER = re.compile(r"^\s*[-+]?\d+\s*$")


@dataclass(frozen=True)
class Viewport:
    """The part of the world asked for, snapped outwards to whole map tiles of its zoom so that
    nearby requests share a cache entry. Malformed or inverted boxes are refused; coordinates
    beyond the world and zooms beyond 0-18 are clamped."""

    west: float = WORLD[0]
    south: float = WORLD[1]
    east: float = WORLD[2]
    north: float = WORLD[3]
    zoom: int = DEFAULT_ZOOM

    @classmethod
    def from_query(cls, query):
        zoom = cls._zoom(query.get("zoom"))
        raw = query.get("bbox")
        if raw is None or raw == "":
            return cls(zoom=zoom)
        if len(raw) > MAX_PARAM_LENGTH:
            raise BadViewport(gettext("The bbox parameter is too long."))
        parts = raw.split(",")
        if len(parts) != 4 or not all(_NUMBER.match(part) for part in parts):
            raise BadViewport(
                gettext("bbox must be four numbers: west,south,east,north in degrees.")
            )
        west, south, east, north = (float(part) for part in parts)
        if not all(math.isfinite(v) for v in (west, south, east, north)):
            raise BadViewport(gettext("bbox must be four finite numbers."))
        if west > east or south > north:
            raise BadViewport(
                gettext("bbox is inverted: west must not exceed east, nor south north.")
            )
        clamp = lambda value, low, high: min(max(value, low), high)  # noqa: E731
        tile = cls.tile_size(zoom)
        west = clamp(math.floor(clamp(west, -180, 180) / tile) * tile, -180, 180)
        east = clamp(math.ceil(clamp(east, -180, 180) / tile) * tile, -180, 180)
        south = clamp(math.floor(clamp(south, -90, 90) / tile) * tile, -90, 90)
        north = clamp(math.ceil(clamp(north, -90, 90) / tile) * tile, -90, 90)
        return cls(west, south, east, north, zoom)

    @staticmethod
    def _zoom(raw):
        if raw is None or raw == "":
            return DEFAULT_ZOOM
        if len(raw) > MAX_PARAM_LENGTH or not _INTEGER.match(raw):
            raise BadViewport(gettext("zoom must be a whole number from 0 to 18."))
        return min(max(int(raw), MIN_ZOOM), MAX_ZOOM)

    @staticmethod
    def tile_size(zoom):
        """Degrees of longitude a 256-pixel tile spans at ``zoom``."""
        return 360 / 2**zoom

    @property
    def cell(self):
        return self.tile_size(self.zoom) / CELLS_PER_TILE

    @property
    def bbox(self):
        return [round(v, 6) for v in (self.west, self.south, self.east, self.north)]

    def condition(self):
        """The box as a condition on the stored coordinates, for the *public* position: an exact
        location is in the box when its coordinates are; an approximate one when its snapped
        position is (``snap(x) >= s`` exactly when ``x >= (ceil(s/g) - 0.5)·g``, and
        ``snap(x) <= n`` when ``x < (floor(n/g) + 0.5)·g``). Written on the columns rather than
        on the rounded annotations so that the planner can estimate it from their statistics
        (on the expressions it guessed one row, and chose a plan that probes every sector
        link). False for municipalities without coordinates."""

        def snapped_from(bound, step):
            return (math.ceil(bound / step) - 0.5) * step

        def snapped_below(bound, step):
            return (math.floor(bound / step) + 0.5) * step

        exact = Q(
            approximate_location=False,
            latitude__gte=self.south,
            latitude__lte=self.north,
            longitude__gte=self.west,
            longitude__lte=self.east,
        )
        approximate = Q(
            approximate_location=True,
            latitude__gte=snapped_from(self.south, GRID_LAT),
            latitude__lt=snapped_below(self.north, GRID_LAT),
            longitude__gte=snapped_from(self.west, GRID_LON),
            longitude__lt=snapped_below(self.east, GRID_LON),
        )
        return exact | approximate

    def within(self, queryset):
        return queryset.filter(self.condition())
