/* quorum serve: live reload. Injected into every HTML page that `quorum serve` sends (never
   into the built site). Reloads the page when a rebuild rewrote it (the event lists the
   pages rewritten, or is "" when every page must reload), and shows a failed build's
   problems in a box over the page until the next successful build reloads it. */
(function () {
  var box = null;
  var events = new EventSource("/__quorum/events");
  // This page's site path, as the event lists it: "/meetings/x/" for .../x/index.html.
  function here() {
    return decodeURIComponent(location.pathname).replace(/index\.html$/, "");
  }
  events.addEventListener("reload", function (e) {
    var pages = e.data ? JSON.parse(e.data) : "";
    if (box || !Array.isArray(pages) || pages.indexOf(here()) >= 0) {
      location.reload();
    }
  });
  events.addEventListener("build-error", function (e) {
    if (!box) {
      box = document.createElement("div");
      box.id = "quorum-error";
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:60vh;overflow:auto;" +
        "z-index:2147483647;background:#fff0f0;color:#5c0000;border:3px solid #b00020;" +
        "border-radius:6px;padding:1rem;font:14px/1.45 ui-monospace,monospace;" +
        "white-space:pre-wrap;box-shadow:0 4px 24px rgba(0,0,0,.35)";
      document.body.appendChild(box);
    }
    box.textContent = JSON.parse(e.data);
  });
})();
