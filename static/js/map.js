// The network map of /<lang>/map/: markers from /api/map/ (clustered in the browser, or by the
// server when the box holds too many), partnerships as lines, the page's filters passed on as
// they are in the URL. Without JavaScript the page's list shows the same results.
(function () {
  "use strict";
  var container = document.getElementById("network-map");
  var B = window.BridgesMap;
  if (!container || !window.L || !B || !L.markerClusterGroup) return;
  var data = container.dataset;
  var status = document.querySelector("[data-map-status]");
  B.removeFallback(container);

  var map = L.map(container, { minZoom: 2, maxZoom: 18, maxBounds: [[-85, -200], [85, 200]] });
  map.fitBounds([[36, -10], [61, 41]]);
  B.baseLayer(map, container);
  B.manageFocus(map);

  var lines = L.layerGroup().addTo(map);
  var serverClusters = L.layerGroup().addTo(map);
  var points = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    chunkedLoading: true,
    iconCreateFunction: function (cluster) { return B.clusterIcon(cluster.getChildCount(), container); },
  }).addTo(map);

  var loaded = null; // what the last answer covers: {bbox, zoom, clustered}
  var bySlug = {};
  var request = null;
  var wanted = null; // a slug whose popup opens once it is loaded ("Show on the map")

  function say(text) { if (status) status.textContent = text || ""; }

  function covered() {
    if (!loaded) return false;
    var view = map.getBounds(), box = loaded.bbox;
    var inside = view.getWest() >= box[0] && view.getSouth() >= box[1] &&
      view.getEast() <= box[2] && view.getNorth() <= box[3];
    return inside && (!loaded.clustered || loaded.zoom === map.getZoom());
  }

  function openWanted() {
    var item = wanted && bySlug[wanted];
    if (!item) return;
    wanted = null;
    points.zoomToShowLayer(item, function () {
      var node = item.getElement();
      if (node) node.focus(); // so the card's link takes the focus and Escape comes back here
      item.openPopup();
    });
  }

  function draw(answer) {
    lines.clearLayers();
    serverClusters.clearLayers();
    points.clearLayers();
    bySlug = {};
    var markers = [];
    answer.features.forEach(function (feature) {
      var kind = feature.properties.kind;
      if (kind === "municipality") {
        var item = B.marker(feature, container, answer.sectors);
        bySlug[feature.id] = item;
        markers.push(item);
      } else if (kind === "cluster") {
        var c = feature.geometry.coordinates;
        var cluster = L.marker([c[1], c[0]], {
          icon: B.clusterIcon(feature.properties.count, container),
          keyboard: true,
        });
        cluster.on("click", function () { map.setView([c[1], c[0]], Math.min(map.getZoom() + 2, 18)); });
        serverClusters.addLayer(cluster);
      } else if (kind === "partnership") {
        lines.addLayer(B.line(feature, container));
      }
    });
    points.addLayers(markers);
    loaded = { bbox: answer.bbox, zoom: answer.zoom, clustered: answer.clustered };
    container.setAttribute("data-loaded", answer.clustered ? "clusters" : "points");
    say(B.format(data.textShown, answer.count));
    openWanted();
  }

  function load() {
    if (covered()) { openWanted(); return; }
    var box = map.getBounds().pad(0.5);
    var params = new URLSearchParams(data.query || "");
    params.set("lang", data.language);
    params.set("zoom", String(map.getZoom()));
    params.set("bbox", [box.getWest(), box.getSouth(), box.getEast(), box.getNorth()]
      .map(function (v) { return v.toFixed(4); }).join(","));
    if (request) request.abort();
    request = new AbortController();
    say(data.textLoading);
    fetch(data.apiUrl + "?" + params.toString(), { signal: request.signal })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(draw)
      .catch(function (error) { if (error.name !== "AbortError") say(data.textError); });
  }

  map.on("moveend", load);
  load();

  // "Show on the map" in the list: move there, then open the municipality's card.
  document.querySelectorAll("[data-map-show]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      wanted = button.getAttribute("data-map-show");
      container.scrollIntoView({ block: "nearest" });
      map.setView([Number(button.dataset.lat), Number(button.dataset.lon)], 11);
      load();
    });
  });
})();
