// After a form comes back with errors, move the focus to its error summary so that keyboard and
// screen-reader users start from the list of problems (GOV.UK pattern). No effect without one.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target) {
      event.preventDefault();
      var input = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
      (input || target).focus();
      target.scrollIntoView({ block: "center" });
    }
  });
})();
