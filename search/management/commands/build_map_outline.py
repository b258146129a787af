"""Build the map's default base layer from Natural Earth (world-atlas TopoJSON).

The map shows a light outline of the countries of Europe and its neighbours, served by the
portal as one static GeoJSON file (static/vendor/world-atlas/europe-50m.geojson): no tile
server and no TopoJSON decoding in the browser. To rebuild it after a world-atlas upgrade:

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz
    .venv/bin/python manage.py build_map_outline /tmp/package/countries-50m.json

The data is public domain (Natural Earth); world-atlas's ISC licence is kept next to it."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

# Polygons outside this box (west, south, east, north) are left out: the network is in Europe.
EXTENT = (-32.0, 26.0, 62.0, 73.0)
DECIMALS = 3  # about 100 m, far finer than the 1:50m source


def decode_arcs(topology):
    """Absolute positions of every arc (TopoJSON arcs are quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)))
        arcs.append(points)
    return arcs


def ring(indexes, arcs):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    deduplicated = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    return [list(p) for p in deduplicated]


def inside(polygon):
    west, south, east, north = EXTENT
    xs = [x for x, _y in polygon[0]]
    ys = [y for _x, y in polygon[0]]
    return max(xs) >= west and min(xs) <= east and max(ys) >= south and min(ys) <= north


def europe(topology):
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        kept = [[ring(r, arcs) for r in polygon] for polygon in polygons]
        kept = [polygon for polygon in kept if len(polygon[0]) >= 4 and inside(polygon)]
        if not kept:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": geometry.get("properties", {}).get("name", "")},
                "geometry": {"type": "MultiPolygon", "coordinates": kept},
            }
        )
    return {"type": "FeatureCollection", "features": features}


class Command(BaseCommand):
    help = "Build static/vendor/world-atlas/europe-50m.geojson from world-atlas countries-50m.json."

    def add_arguments(self, parser):
        parser.add_argument("source", help="countries-50m.json from the world-atlas npm package")

    def handle(self, *args, source, **options):
        topology = json.loads(Path(source).read_text())
        collection = europe(topology)
        target = Path(settings.BASE_DIR) / "static/vendor/world-atlas/europe-50m.geojson"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(collection, separators=(",", ":")))
        self.stdout.write(
            f"{len(collection['features'])} countries, {target.stat().st_size // 1024} KB: {target}"
        )
