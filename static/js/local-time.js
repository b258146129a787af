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
    // dateStyle/timeStyle cannot be combined with timeZoneName (a TypeError, "Invalid option"):
    // the parts are named one by one instead.
    var text;
    try {
      text = new Intl.DateTimeFormat(language, {
        year: "numeric",
        month: "long",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZoneName: "short",
      }).format(moment);
    } catch (error) {
      return;
    }
    var local = document.createElement("span");
    local.className = "local-time";
    local.textContent = " — " + label + ": " + text;
    element.after(local);
  });
})();
