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

from django.core.cache import cache
from django.db.models import Avg, Case, Count, F, Q, When
from django.db.models.functions import Floor

from community.cards import directory_for
from community.models import Partnership, Programme, Stage
from community.models.base import COUNTRY_NAMES

from .map_query import (
    CACHE_SECONDS as CACHE_SECONDS,
)
from .map_query import (
    CELLS_PER_TILE as CELLS_PER_TILE,
)
from .map_query import (
    FILTER_LABELS as FILTER_LABELS,
)
from .map_query import (
    GENERATION_KEY as GENERATION_KEY,
)
from .map_query import (  # the query side, re-exported for views and tags
    GRID_LAT as GRID_LAT,
)
from .map_query import (
    GRID_LON as GRID_LON,
)
from .map_query import (
    MAX_LINES as MAX_LINES,
)
from .map_query import (
    MAX_PARAM_LENGTH as MAX_PARAM_LENGTH,
)
from .map_query import (
    MAX_POINTS as MAX_POINTS,
)
from .map_query import (
    WORLD as WORLD,
)
from .map_query import (
    BadViewport as BadViewport,
)
from .map_query import (
    MapFilters as MapFilters,
)
from .map_query import (
    Viewport as Viewport,
)
from .map_query import (
    _public,
)
from .map_query import (
    ignored_labels as ignored_labels,
)
from .map_query import (
    public_position as public_position,
)
from .map_query import (
    published as published,
)
from .map_query import (
    snap as snap,
)
from .map_query import (
    with_public_position as with_public_position,
)

# GeoJSON ----------------------------------------------------------------------------------------


def _point(lon, lat):
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def profile_url_template(locale, request, *, absolute=True):
    """The address of a profile in ``locale``'s directory with "{slug}" in place of the slug
    (one reverse() per answer, not one per municipality), or None without a directory."""
    directory = directory_for(locale, request)
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


def cells_in_view(matching, viewport):
    """One scan of the matching municipalities: those in the box grouped into cells of about
    64 pixels (count, Ukrainian, open, mean public position), and one group of the rest
    (``cell_y`` NULL: outside the box or without coordinates), which count those without
    coordinates. The answer's total, its choice between points and clusters and the clusters
    themselves all come from this one statement."""
    cell = viewport.cell
    in_box = viewport.condition()
    located = with_public_position(matching).filter(in_box)
    grouped = (
        matching.annotate(
            map_lat=_public("latitude", GRID_LAT), map_lon=_public("longitude", GRID_LON)
        )
        .annotate(
            # The box is tested once per row: rows outside it have no cell_y (their cell_x
            # only splits the rest into a few more groups, which are summed).
            cell_y=Case(When(in_box, then=Floor(F("map_lat") / cell)), default=None),
            cell_x=Floor(F("map_lon") / cell),
        )
        .order_by()  # the model's ordering by name would otherwise join the GROUP BY
        .values("cell_y", "cell_x")
        .annotate(
            count=Count("id"),
            ukrainian=Count("id", filter=Q(country="UA")),
            open=Count("id", filter=Q(open_to_partners=True)),
            without_location=Count(
                "id", filter=Q(latitude__isnull=True) | Q(longitude__isnull=True)
            ),
            lat=Avg("map_lat"),
            lon=Avg("map_lon"),
        )
    )
    cells = [row for row in grouped if row["cell_y"] is not None]
    without_location = sum(row["without_location"] for row in grouped if row["cell_y"] is None)
    return located, cells, without_location


def cluster_features(cells):
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


def line_features(filters, locale):
    """Partnerships with at least one partner matching the filters and both partners published
    with a location, as lines between their public positions. Partnerships are few: the
    partners are checked through the join (the records they name are live, their coordinates
    synchronised between languages); when filters are set, the filters are applied to the
    partners' own records only (a query over a few rows, not the whole directory)."""
    partnerships = list(
        Partnership.objects.in_locale(locale)
        .published()
        .filter(
            ukrainian_municipality__live=True,
            ukrainian_municipality__latitude__isnull=False,
            ukrainian_municipality__longitude__isnull=False,
            eu_municipality__live=True,
            eu_municipality__latitude__isnull=False,
            eu_municipality__longitude__isnull=False,
        )
        .filter(**({"programme__slug": filters.programme} if filters.programme else {}))
        .select_related("ukrainian_municipality", "eu_municipality", "programme")
        .order_by("pk")
    )
    if filters.is_filtering and partnerships:
        keys = {
            record.translation_key
            for partnership in partnerships
            for record in (partnership.ukrainian_municipality, partnership.eu_municipality)
        }
        matched = set(
            filters.matching(locale)
            .filter(translation_key__in=keys)
            .values_list("translation_key", flat=True)
        )
        partnerships = [
            partnership
            for partnership in partnerships
            if partnership.ukrainian_municipality.translation_key in matched
            or partnership.eu_municipality.translation_key in matched
        ]
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
    located, cells, without_location = cells_in_view(matching, viewport)
    count = sum(row["count"] for row in cells)
    clustered = count > MAX_POINTS
    if clustered:
        features = cluster_features(cells)
    else:
        features = point_features(located, profile_url_template(locale, request))
    features += line_features(filters, locale)
    collection = {
        "type": "FeatureCollection",
        "bbox": viewport.bbox,
        "zoom": viewport.zoom,
        "clustered": clustered,
        "count": count,
        "without_location": without_location,
        "ignored": list(filters.ignored),
        "ignored_labels": ignored_labels(filters),
        "sectors": {slug: sector.name for slug, sector in sectors.items()},
        "features": features,
    }
    body = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
    cache.set(key, body, CACHE_SECONDS)
    return body


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
