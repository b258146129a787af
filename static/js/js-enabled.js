// Loaded in <head> before the page is painted: marks the document as scripted so that the CSS
// can collapse the phone menu from the first paint (no jump when menu.js runs later).
document.documentElement.classList.add("js");
