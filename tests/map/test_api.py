"""/api/map/: exactly the published municipalities matching the filters, public positions
only, partnerships as lines, clusters above the threshold, and no 500 for any bbox or zoom."""

import json

import pytest

from search import map as network_map

pytestmark = pytest.mark.django_db


def geojson(client, **params):
    response = client.get("/api/map/", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/geo+json")
    return json.loads(response.content)


def points(collection):
    return {f["id"]: f for f in collection["features"] if f["properties"]["kind"] == "municipality"}


def lines(collection):
    return [f for f in collection["features"] if f["properties"]["kind"] == "partnership"]


def test_holds_exactly_the_published_municipalities_with_a_location(client, network):
    collection = geojson(client)
    assert collection["type"] == "FeatureCollection"
    assert set(points(collection)) == {"kalush", "dolyna", "kupiansk", "gdansk", "siauliai"}
    # The draft is not there; the one without coordinates is counted, not placed.
    assert collection["count"] == 5
    assert collection["without_location"] == 1
    assert collection["clustered"] is False


def test_points_carry_public_fields_only(client, network):
    kalush = points(geojson(client))["kalush"]
    assert kalush["geometry"] == {"type": "Point", "coordinates": [24.373456, 49.011234]}
    properties = kalush["properties"]
    assert properties["name"] == "Kalush"
    assert properties["local_name"] == "Калуш"
    assert properties["side"] == "ua"
    assert properties["offers"] == ["culture"] and properties["needs"] == ["water"]
    assert properties["url"] == "http://testserver/en/directory/kalush/"
    text = json.dumps(properties)
    for private in ("contact", "email", "phone", "@town.example", "moderation"):
        assert private not in text


def test_approximate_location_is_rounded_to_about_20_km(client, network):
    kupiansk = points(geojson(client))["kupiansk"]
    lon, lat = kupiansk["geometry"]["coordinates"]
    assert (lat, lon) == (49.8, 37.5)  # 49.712345, 37.614321 snapped to 0.2° x 0.3°
    assert abs(lat - 49.712345) < 0.1 and abs(lon - 37.614321) <= 0.15
    assert kupiansk["properties"]["approximate"] is True
    # The line to its partner starts at the rounded position too; the exact one is nowhere.
    raw = json.dumps(geojson(client))
    assert "49.712345" not in raw and "37.614321" not in raw
    [line] = [f for f in lines(geojson(client)) if f["properties"]["ukrainian"] == "kupiansk"]
    assert line["geometry"]["coordinates"][0] == [37.5, 49.8]


def test_partnerships_are_lines_with_programme_and_stage(client, network):
    found = {
        (f["properties"]["ukrainian"], f["properties"]["eu"]): f for f in lines(geojson(client))
    }
    # The partnership of the draft draws no line.
    assert set(found) == {("kalush", "gdansk"), ("kupiansk", "siauliai")}
    kalush = found[("kalush", "gdansk")]
    assert kalush["geometry"] == {
        "type": "LineString",
        "coordinates": [[24.373456, 49.011234], [18.646638, 54.352025]],
    }
    assert kalush["properties"]["programme"] == "bridges-of-trust"
    assert kalush["properties"]["programme_name"] == "Bridges of Trust"
    assert kalush["properties"]["stage"] == "agreement"
    assert kalush["properties"]["stage_label"] == "Agreement signed"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "PL"}, {"gdansk"}),
        ({"country": "UA", "open": "1"}, {"kalush", "kupiansk"}),
        ({"offers": "water"}, {"gdansk"}),
        ({"needs": "water"}, {"kalush"}),
        ({"kind": "district"}, set()),
        ({"region": "Kharkiv Oblast"}, {"kupiansk"}),
        ({"programme": "twinning"}, {"kupiansk", "siauliai"}),
        ({"programme": "bridges-of-trust", "country": "UA"}, {"kalush"}),
    ],
)
def test_filters_are_the_directorys(client, network, params, expected):
    collection = geojson(client, **params)
    assert set(points(collection)) == expected
    assert collection["ignored"] == []


def test_lines_follow_the_filters(client, network):
    # Polish municipalities: the line to their Ukrainian partner is kept.
    found = lines(geojson(client, country="PL"))
    assert [(f["properties"]["ukrainian"], f["properties"]["eu"]) for f in found] == [
        ("kalush", "gdansk")
    ]
    assert [f["properties"]["programme"] for f in lines(geojson(client, programme="twinning"))] == [
        "twinning"
    ]


def test_unknown_filter_values_are_ignored_and_said(client, network):
    collection = geojson(client, country="XX", programme="nope", kind="castle", offers="water")
    assert collection["ignored"] == ["country", "kind", "programme"]
    assert collection["ignored_labels"] == ["Country", "Kind", "Programme"]
    assert set(points(collection)) == {"gdansk"}  # the known filter still applies


def test_ukrainian_answer_has_ukrainian_labels_and_links(client, network):
    collection = geojson(client, lang="uk")
    assert points(collection)["kalush"]["properties"]["url"] == (
        "http://testserver/uk/directory/kalush/"
    )
    assert collection["sectors"]["water"] != "Water"  # the sector names of the language
    [line] = [f for f in lines(collection) if f["properties"]["ukrainian"] == "kalush"]
    assert line["properties"]["stage_label"] == "Угоду підписано"


@pytest.mark.parametrize(
    "params",
    [
        {"bbox": "abc"},
        {"bbox": "1,2,3"},
        {"bbox": "1,2,3,4,5"},
        {"bbox": "nan,0,10,10"},
        {"bbox": "inf,0,10,10"},
        {"bbox": "30,50,20,55"},  # west > east
        {"bbox": "20,55,30,50"},  # south > north
        {"bbox": "1," * 200 + "1"},
        {"bbox": "0x10,0,10,10"},
        {"bbox": "1\x00,2,3,4"},
        {"zoom": "abc"},
        {"zoom": "4.5"},
        {"zoom": "9" * 300},
        {"lang": "xx"},
    ],
)
def test_bad_viewport_is_answered_400(client, network, params):
    response = client.get("/api/map/", params)
    assert response.status_code == 400
    assert "error" in json.loads(response.content)


@pytest.mark.parametrize(
    ("params", "bbox", "zoom"),
    [
        ({"bbox": "-1e308,-1000,1e308,1000", "zoom": "3"}, [-180, -90, 180, 90], 3),
        ({"zoom": "-5"}, [-180, -90, 180, 90], 0),
        ({"zoom": "99999999999999999999"}, [-180, -90, 180, 90], 18),
        ({"bbox": " 10, 40 ,30,60 ", "zoom": "4"}, [0.0, 22.5, 45.0, 67.5], 4),
    ],
)
def test_huge_or_loose_viewport_is_clamped(client, network, params, bbox, zoom):
    collection = geojson(client, **params)
    assert collection["bbox"] == bbox
    assert collection["zoom"] == zoom


def test_bbox_limits_the_points(client, network):
    # Zoom 8: tiles of 1.4°; a box around the Carpathian towns leaves out the Baltic ones.
    collection = geojson(client, bbox="23.5,48.5,25,49.5", zoom="8")
    assert set(points(collection)) == {"kalush", "dolyna"}


def test_clusters_above_the_threshold(client, network, monkeypatch):
    monkeypatch.setattr(network_map, "MAX_POINTS", 2)
    collection = geojson(client, zoom="3")
    assert collection["clustered"] is True
    clusters = [f for f in collection["features"] if f["properties"]["kind"] == "cluster"]
    assert not points(collection)
    assert sum(f["properties"]["count"] for f in clusters) == 5
    assert sum(f["properties"]["ukrainian"] for f in clusters) == 3
    # No cluster sits on the exact position of the approximate location.
    raw = json.dumps(collection)
    assert "49.712345" not in raw


def test_sector_filter_does_not_count_twice_in_clusters(client, network, monkeypatch):
    from community.models import Sector, SectorOffer

    # Gdańsk offers water twice (two notes): still one municipality.
    SectorOffer.objects.create(
        municipality=network["gdansk"],
        sector=Sector.objects.get(slug="water", locale__language_code="en"),
    )
    monkeypatch.setattr(network_map, "MAX_POINTS", 0)
    clusters = geojson(client, offers="water", zoom="2")["features"]
    assert sum(f["properties"].get("count", 0) for f in clusters) == 1


def test_answer_is_cached_until_the_directory_changes(
    client, network, django_assert_max_num_queries
):
    geojson(client)
    # Only the language and the filters' vocabulary are read again, never the directory.
    with django_assert_max_num_queries(3) as cached:
        geojson(client)
    assert not [q for q in cached.captured_queries if "community_municipality" in q["sql"]]
    network["dolyna"].name = "Dolyna hromada"
    network["dolyna"].save()
    assert points(geojson(client))["dolyna"]["properties"]["name"] == "Dolyna hromada"


def test_query_count_does_not_grow_with_the_municipalities(
    client, network, django_assert_max_num_queries
):
    from community.factories import MunicipalityFactory

    with django_assert_max_num_queries(18) as few:
        geojson(
            client, country="UA", offers="culture", programme="bridges-of-trust", bbox="0,40,40,60"
        )
    for n in range(15):
        MunicipalityFactory(slug=f"more-{n}", latitude=49, longitude=24 + n / 10)
    network_map.forget_cached_maps()
    with django_assert_max_num_queries(len(few.captured_queries)):
        geojson(
            client, country="UA", offers="culture", programme="bridges-of-trust", bbox="0,40,40,60"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        collection = geojson(client, zoom="5")
    assert collection["count"] == 20
