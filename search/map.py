"""The map of the network: its filters, its viewport and the GeoJSON behind ``/api/map/``.

It sits in ``search/`` next to the partner search because it is another way of finding a
partner ("who near us already works with someone?") and, like the partner search, it only reads
``community``'s public helpers: the directory's filter rules (``community.filters``), the live
municipalities of a language and the directory page for profile links.

What reaches the browser is public only: names, country, region, kind, sectors, whether a
municipality is open to partners, its position (rounded to about 20 km when the profile asks
for an approximate location, computed in the database so that no exact position of such a
profile ever leaves it, clusters included) and partnerships as lines with programme and stage.

Speed: above ``MAX_POINTS`` municipalities in the requested box the database groups them into
cells whose size follows the zoom (one query), so the answer stays small for 100,000
municipalities; below it every municipality is a point and the browser clusters them. The
answer is cached per (language, filters, snapped box, zoom) until a directory record changes."""

import json
import math
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Avg, Case, Count, F, FloatField, Q, When
from django.db.models.functions import Cast, Floor
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community.cards import sectors_by_slug
from community.filters import DirectoryFilters
from community.models import DirectoryPage, Municipality, Partnership, Programme, Stage
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
            partnerships = Partnership.objects.filter(programme__slug=self.programme)
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
        """The box as a condition on the ``map_lat``/``map_lon`` annotations (False for
        municipalities without coordinates)."""
        return Q(
            map_lat__gte=self.south,
            map_lat__lte=self.north,
            map_lon__gte=self.west,
            map_lon__lte=self.east,
        )

    def within(self, queryset):
        return queryset.filter(self.condition())


# GeoJSON ----------------------------------------------------------------------------------------


def _point(lon, lat):
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def profile_url_template(locale, request, *, absolute=True):
    """The address of a profile in ``locale``'s directory with "{slug}" in place of the slug
    (one reverse() per answer, not one per municipality), or None without a directory."""
    directory = DirectoryPage.objects.live().filter(locale=locale).first()
    if directory is None:
        return None
    placeholder = "map-slug-placeholder"
    path = directory.get_url(request) + directory.reverse_subpage(
        "profile", kwargs={"slug": placeholder}
    )
    if absolute:
        path = request.build_absolute_uri(path)
    return path.replace(placeholder, "{slug}")


def point_features(located, url_template):
    rows = located.order_by().values_list(
        "slug",
        "name",
        "local_name",
        "country",
        "region",
        "kind",
        "open_to_partners",
        "approximate_location",
        "offer_keys",
        "need_keys",
        "map_lat",
        "map_lon",
    )
    features = []
    for slug, name, local, country, region, kind, is_open, approx, offers, needs, lat, lon in rows:
        features.append(
            {
                "type": "Feature",
                "id": slug,
                "geometry": _point(lon, lat),
                "properties": {
                    "kind": "municipality",
                    "name": name,
                    "local_name": local if local != name else "",
                    "country": country,
                    "country_name": str(COUNTRY_NAMES.get(country, country)),
                    "side": "ua" if country == "UA" else "eu",
                    "region": region,
                    "municipality_kind": kind,
                    "open_to_partners": is_open,
                    "approximate": approx,
                    "offers": offers.split(),
                    "needs": needs.split(),
                    "url": url_template.replace("{slug}", slug) if url_template else None,
                },
            }
        )
    return features


def cluster_features(located, viewport):
    cell = viewport.cell
    cells = (
        located.annotate(cell_y=Floor(F("map_lat") / cell), cell_x=Floor(F("map_lon") / cell))
        .order_by()  # the model's ordering by name would otherwise join the GROUP BY
        .values("cell_y", "cell_x")
        .annotate(
            count=Count("id"),
            ukrainian=Count("id", filter=Q(country="UA")),
            open=Count("id", filter=Q(open_to_partners=True)),
            lat=Avg("map_lat"),
            lon=Avg("map_lon"),
        )
    )
    return [
        {
            "type": "Feature",
            "geometry": _point(row["lon"], row["lat"]),
            "properties": {
                "kind": "cluster",
                "count": row["count"],
                "ukrainian": row["ukrainian"],
                "eu": row["count"] - row["ukrainian"],
                "open_to_partners": row["open"],
            },
        }
        for row in cells
    ]


def line_features(filters, matching, locale):
    """Partnerships with at least one partner among ``matching`` and both partners published
    with a location, as lines between their public positions. Partnerships are few: the
    partners are checked through the join (the records they name are live, their coordinates
    synchronised between languages); the filters only when some are set."""
    partnerships = (
        Partnership.objects.in_locale(locale)
        .filter(
            ukrainian_municipality__live=True,
            ukrainian_municipality__latitude__isnull=False,
            ukrainian_municipality__longitude__isnull=False,
            eu_municipality__live=True,
            eu_municipality__latitude__isnull=False,
            eu_municipality__longitude__isnull=False,
        )
        .select_related("ukrainian_municipality", "eu_municipality", "programme")
        .order_by("pk")
    )
    if filters.is_filtering:
        keys = matching.values("translation_key")
        partnerships = partnerships.filter(
            Q(ukrainian_municipality__translation_key__in=keys)
            | Q(eu_municipality__translation_key__in=keys)
        )
    if filters.programme:
        partnerships = partnerships.filter(programme__slug=filters.programme)
    programmes = {p.slug: p.name for p in Programme.objects.in_locale(locale)}
    stages = dict(Stage.choices)
    features = []
    for partnership in partnerships[:MAX_LINES]:
        ukrainian, european = partnership.ukrainian_municipality, partnership.eu_municipality
        start, end = public_position(ukrainian), public_position(european)
        if start is None or end is None:
            continue
        programme = partnership.programme
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[start[1], start[0]], [end[1], end[0]]],
                },
                "properties": {
                    "kind": "partnership",
                    "programme": programme.slug if programme else "",
                    "programme_name": programmes.get(programme.slug, programme.name)
                    if programme
                    else "",
                    "stage": partnership.stage,
                    "stage_label": str(stages.get(partnership.stage, partnership.stage)),
                    "ukrainian": ukrainian.slug,
                    "ukrainian_name": ukrainian.name,
                    "eu": european.slug,
                    "eu_name": european.name,
                },
            }
        )
    return features


def cache_key(locale, filters, viewport):
    generation = cache.get(GENERATION_KEY, 0)
    return "map:{}:{}:{}:{}:{}:{}".format(
        generation,
        locale.language_code,
        filters.urlencode(),
        ",".join(filters.ignored),
        ",".join(str(v) for v in viewport.bbox),
        viewport.zoom,
    )


def forget_cached_maps(**kwargs):
    """A directory record changed: every cached answer is out of date (signal receiver)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def geojson_bytes(request, locale, filters, viewport, sectors):
    """The FeatureCollection as UTF-8 JSON, from the cache when it is there; ``sectors`` is
    ``sectors_by_slug(locale)`` (their names let the popups name what is offered)."""
    key = cache_key(locale, filters, viewport)
    cached = cache.get(key)
    if cached is not None:
        return cached
    matching = filters.matching(locale)
    located = viewport.within(with_public_position(matching))
    # One scan for both figures: the municipalities placed in the box, and those that
    # match but have no coordinates (the page lists them; the map cannot place them).
    totals = matching.annotate(
        map_lat=_public("latitude", GRID_LAT), map_lon=_public("longitude", GRID_LON)
    ).aggregate(
        in_box=Count("pk", filter=viewport.condition()),
        without_location=Count("pk", filter=Q(latitude__isnull=True) | Q(longitude__isnull=True)),
    )
    count = totals["in_box"]
    clustered = count > MAX_POINTS
    if clustered:
        features = cluster_features(located, viewport)
    else:
        features = point_features(located, profile_url_template(locale, request))
    features += line_features(filters, matching, locale)
    collection = {
        "type": "FeatureCollection",
        "bbox": viewport.bbox,
        "zoom": viewport.zoom,
        "clustered": clustered,
        "count": count,
        "without_location": totals["without_location"],
        "ignored": list(filters.ignored),
        "ignored_labels": ignored_labels(filters),
        "sectors": {slug: sector.name for slug, sector in sectors.items()},
        "features": features,
    }
    body = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
    cache.set(key, body, CACHE_SECONDS)
    return body


# The page ---------------------------------------------------------------------------------------


def map_settings(request, language):
    """What map.js needs, for the container's data- attributes (no inline script: CSP)."""
    from django.conf import settings
    from django.templatetags.static import static
    from django.urls import reverse

    return {
        "api_url": reverse("map_api"),
        "language": language,
        "outline_url": static("vendor/world-atlas/europe-50m.geojson"),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def prepare_list(municipalities, sectors, url_template):
    """Give each municipality of a list (loaded ``with_card_data``) what its entry shows, with
    no query per municipality."""
    for municipality in municipalities:
        municipality.profile_url = (
            url_template.replace("{slug}", municipality.slug) if (url_template) else ""
        )
        municipality.offered = [
            sectors.get(o.sector.slug, o.sector) for o in municipality.offers.all()
        ]
        municipality.needed = [
            sectors.get(n.sector.slug, n.sector) for n in municipality.needs.all()
        ]
        municipality.map_position = public_position(municipality)
    return municipalities


def filter_fields(filters, locale, sectors):
    """The form's selects: (name, label, [(value, label)], current value)."""
    from community.models import POPULATION_BANDS, Kind
    from community.models.base import COUNTRIES

    regions = sorted(
        set(published(locale).exclude(region="").values_list("region", flat=True).order_by())
    )
    options = {
        "country": list(COUNTRIES),
        "region": [(region, region) for region in regions],
        "kind": list(Kind.choices),
        "offers": [(slug, sector.name) for slug, sector in sectors.items()],
        "needs": [(slug, sector.name) for slug, sector in sectors.items()],
        "population": [(key, label) for key, label, *_rest in POPULATION_BANDS],
        "programme": [(p.slug, p.name) for p in Programme.objects.in_locale(locale)],
    }
    return [
        (name, FILTER_LABELS[name], choices, filters.value(name))
        for name, choices in options.items()
    ]


def map_page_context(page, request):
    from django.core.paginator import Paginator

    from community.cards import with_card_data
    from portal.pagination import page_from_request

    locale = page.locale
    sectors = sectors_by_slug(locale)
    filters = MapFilters.from_request(request, locale, sectors)
    matching = filters.matching(locale)
    page_obj = page_from_request(
        Paginator(with_card_data(matching).order_by("name", "pk"), page.per_page), request
    )
    prepare_list(page_obj, sectors, profile_url_template(locale, request, absolute=False))
    directory = DirectoryPage.objects.live().filter(locale=locale).first()
    directory_url = directory.get_url(request) if directory else ""
    if directory_url and filters.directory.urlencode():
        directory_url += "?" + filters.directory.urlencode()
    return {
        "filters": filters,
        "filter_labels": FILTER_LABELS,
        "filter_fields": filter_fields(filters, locale, sectors),
        "page_obj": page_obj,
        "without_location": matching.filter(
            Q(latitude__isnull=True) | Q(longitude__isnull=True)
        ).count(),
        "map": map_settings(request, locale.language_code),
        "directory_url": directory_url,
        "stages": Stage.choices,
    }


# The small map of a profile ---------------------------------------------------------------------


def profile_geojson(municipality, partnerships):
    """The municipality and its published partners as points and the partnerships as lines
    (public positions only), or None when the municipality has no location."""
    here = public_position(municipality)
    if here is None:
        return None

    def point(record, role):
        lat, lon = public_position(record)
        return {
            "type": "Feature",
            "geometry": _point(lon, lat),
            "properties": {
                "kind": "municipality",
                "role": role,
                "name": record.name,
                "local_name": record.display_local_name,
                "side": "ua" if record.country == "UA" else "eu",
                "open_to_partners": record.open_to_partners,
                "approximate": record.approximate_location,
                "url": getattr(record, "profile_url", "") or "",
            },
        }

    features = [point(municipality, "self")]
    stages = dict(Stage.choices)
    seen = set()
    for partnership in partnerships:
        ukrainian, european = partnership.ukrainian_municipality, partnership.eu_municipality
        partner = (
            european if ukrainian.translation_key == municipality.translation_key else ukrainian
        )
        there = public_position(partner)
        if not partner.live or there is None:
            continue
        if partner.translation_key not in seen:
            seen.add(partner.translation_key)
            features.append(point(partner, "partner"))
        programme = getattr(partnership, "programme_display", None) or partnership.programme
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[here[1], here[0]], [there[1], there[0]]],
                },
                "properties": {
                    "kind": "partnership",
                    "stage": partnership.stage,
                    "stage_label": str(stages.get(partnership.stage, partnership.stage)),
                    "programme_name": programme.name if programme else "",
                    "ukrainian_name": ukrainian.name,
                    "eu_name": european.name,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
