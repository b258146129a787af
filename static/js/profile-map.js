// The small map of a profile: the municipality, its partners and the lines between them, from
// the JSON the page carries (json_script). The profile's text says the same without the map.
(function () {
  "use strict";
  var container = document.getElementById("profile-map");
  var B = window.BridgesMap;
  if (!container || !window.L || !B) return;
  var source = document.getElementById(container.dataset.geojsonId);
  if (!source) return;
  var collection = JSON.parse(source.textContent);
  B.removeFallback(container);

  var map = L.map(container, { scrollWheelZoom: false, maxZoom: 12 });
  B.baseLayer(map, container);
  B.manageFocus(map);
  var layers = L.featureGroup().addTo(map);
  var markers = [];
  collection.features.forEach(function (feature) {
    if (feature.properties.kind === "partnership") {
      layers.addLayer(B.line(feature, container));
    } else {
      markers.push(B.marker(feature, container, {}));
    }
  });
  markers.forEach(function (item) { layers.addLayer(item); });
  if (markers.length > 1) {
    map.fitBounds(layers.getBounds().pad(0.2));
  } else {
    map.setView(markers[0].getLatLng(), 7);
  }
})();
