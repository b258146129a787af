// The partner search's and the directory's filters are a <details> closed by default, so that on a phone the first
// result is on the first screen. On wide screens the CSS shows them beside the results
// (::details-content); this opens them where that CSS is not supported. Without JavaScript the
// "Filters" summary opens them.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 56rem)");
  function update() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      if (wide.matches) details.open = true;
    });
  }
  update();
  if (wide.addEventListener) wide.addEventListener("change", update);
})();
