// Adds the visitor's own time after a <time data-local-time> shown in Brussels time, when the
// visitor's time zone differs. Without JavaScript the Brussels time alone is shown, which is
// complete, so nothing depends on this file.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === "Europe/Brussels") return;
  var language = document.documentElement.lang || undefined;
  var label = language === "uk" ? "ваш час" : "your time";
  document.querySelectorAll("time[data-local-time]").forEach(function (element) {
    var moment = new Date(element.getAttribute("datetime"));
    if (isNaN(moment.getTime())) return;
    var text = new Intl.DateTimeFormat(language, {
      dateStyle: "long",
      timeStyle: "short",
      timeZoneName: "short",
    }).format(moment);
    var local = document.createElement("span");
    local.className = "local-time";
    local.textContent = " — " + label + ": " + text;
    element.after(local);
  });
})();
