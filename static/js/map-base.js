// What the portal's two maps share (map.js: the network; profile-map.js: one profile): the base
// layer served by the portal itself, marker and cluster icons, lines, and the popup card. Data
// from the server becomes text nodes, never HTML. Texts come from the container's data-text-*
// attributes (translated by the template); there is no inline script or style (CSP).
(function () {
  "use strict";
  if (!window.L) return;

  function format(template, count) {
    return (template || "").replace("{count}", count);
  }

  // The outline of Europe (static/vendor/world-atlas), or an operator's tiles (MAP_TILE_URL).
  function baseLayer(map, container) {
    var data = container.dataset;
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 18 }).addTo(map);
      return;
    }
    map.createPane("outline"); // below lines and markers; its z-index is in map.css
    map.attributionControl.addAttribution(data.textOutline || "Natural Earth");
    fetch(data.outlineUrl)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (outline) {
        L.geoJSON(outline, { pane: "outline", interactive: false, className: "map-outline" }).addTo(map);
      })
      .catch(function () {
        container.classList.add("map--no-outline");
      });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function sectorLine(label, slugs, sectors) {
    var names = (slugs || []).map(function (slug) { return (sectors || {})[slug] || slug; });
    if (!names.length) return null;
    var line = element("p", "map-card__sectors");
    line.appendChild(element("strong", "", label));
    line.appendChild(document.createTextNode(" " + names.join(", ")));
    return line;
  }

  // The directory card of a municipality, for its popup.
  function card(feature, container, sectors) {
    var p = feature.properties, t = container.dataset;
    var article = element("article", "map-card");
    var where = [p.country_name, p.region].filter(Boolean).join(" · ");
    if (where) article.appendChild(element("p", "map-card__type", where));
    var title = element("h3", "map-card__title");
    if (p.url) {
      var link = element("a", "", p.name);
      link.href = p.url;
      title.appendChild(link);
    } else {
      title.textContent = p.name;
    }
    if (p.local_name) title.appendChild(element("span", "map-card__local", " (" + p.local_name + ")"));
    article.appendChild(title);
    [sectorLine(t.textOffers, p.offers, sectors), sectorLine(t.textNeeds, p.needs, sectors)].forEach(
      function (line) { if (line) article.appendChild(line); }
    );
    if (p.open_to_partners) article.appendChild(element("p", "badge", t.textOpen));
    if (p.approximate) article.appendChild(element("p", "map-card__note", t.textApproximate));
    if (p.url) {
      var more = element("a", "map-card__more", t.textProfile);
      more.href = p.url;
      article.appendChild(element("p")).appendChild(more);
    }
    return article;
  }

  function iconClass(p) {
    return (
      "map-marker map-marker--" + (p.side === "ua" ? "ua" : "eu") +
      (p.open_to_partners ? " map-marker--open" : "") +
      (p.role === "self" ? " map-marker--self" : "")
    );
  }

  // A keyboard-operable marker (Leaflet makes it a focusable button; Enter opens the popup).
  function marker(feature, container, sectors) {
    var p = feature.properties, c = feature.geometry.coordinates;
    var side = p.side === "ua" ? container.dataset.textUkraine : container.dataset.textEu;
    var label = p.name + (side ? " (" + side + ")" : "");
    var item = L.marker([c[1], c[0]], {
      icon: L.divIcon({ className: iconClass(p), iconSize: [18, 18] }),
      title: label,
      keyboard: true,
      riseOnHover: true,
    });
    item.on("add", function () {
      var node = item.getElement();
      if (node) node.setAttribute("aria-label", label);
    });
    item.bindPopup(function () { return card(feature, container, sectors); }, { maxWidth: 280 });
    return item;
  }

  function clusterIcon(count, container) {
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var inner = element("div");
    inner.appendChild(element("span", "", String(count)));
    inner.appendChild(element("span", "visually-hidden", format(container.dataset.textCluster, count)));
    var holder = element("div");
    holder.appendChild(inner);
    return L.divIcon({
      className: "marker-cluster marker-cluster-" + size,
      html: holder.innerHTML,
      iconSize: [40, 40],
    });
  }

  // A partnership: coloured by stage (map.css), its programme and stage in the popup.
  function line(feature, container) {
    var p = feature.properties, t = container.dataset;
    var latlngs = feature.geometry.coordinates.map(function (c) { return [c[1], c[0]]; });
    var path = L.polyline(latlngs, {
      className: "map-line map-line--" + p.stage + (p.programme_name ? "" : " map-line--no-programme"),
      weight: 3,
    });
    path.bindPopup(function () {
      var article = element("article", "map-card");
      article.appendChild(element("p", "map-card__type", t.textPartnership));
      article.appendChild(element("h3", "map-card__title", p.ukrainian_name + " – " + p.eu_name));
      if (p.programme_name) article.appendChild(element("p", "", t.textProgramme + " " + p.programme_name));
      article.appendChild(element("p", "", t.textStage + " " + p.stage_label));
      return article;
    });
    return path;
  }

  // Keyboard users land on the popup's first link, and back on the marker when it closes.
  function manageFocus(map) {
    var opener = null;
    map.on("popupopen", function (event) {
      var source = event.popup._source && event.popup._source.getElement && event.popup._source.getElement();
      opener = source && document.activeElement === source ? source : null;
      var link = event.popup.getElement().querySelector("a");
      if (opener && link) link.focus();
    });
    map.on("popupclose", function () {
      var back = opener;
      opener = null;
      if (back && document.body.contains(back)) back.focus();
    });
    // Leaflet closes a popup on Escape only while the map itself has the focus; a marker or
    // the popup's link has it when the keyboard is used.
    map.getContainer().addEventListener("keydown", function (event) {
      if (event.key === "Escape") map.closePopup();
    });
  }

  function removeFallback(container) {
    var fallback = container.querySelector(".map__fallback");
    if (fallback) fallback.remove();
  }

  window.BridgesMap = {
    format: format,
    baseLayer: baseLayer,
    card: card,
    marker: marker,
    clusterIcon: clusterIcon,
    line: line,
    manageFocus: manageFocus,
    removeFallback: removeFallback,
  };
})();
