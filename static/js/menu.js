// Collapses the main menu behind a button on narrow screens. Without JavaScript the menu
// simply stays open, so nothing depends on this file.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("main-menu");
  if (!button || !menu) return;
  var narrow = window.matchMedia("(max-width: 48rem)");

  function sync() {
    if (narrow.matches) {
      button.hidden = false;
      menu.hidden = button.getAttribute("aria-expanded") !== "true";
    } else {
      button.hidden = true;
      menu.hidden = false;
    }
  }
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    sync();
    if (!open) {
      var first = menu.querySelector("a");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      button.setAttribute("aria-expanded", "false");
      sync();
      button.focus();
    }
  });
  narrow.addEventListener("change", sync);
  sync();
})();
