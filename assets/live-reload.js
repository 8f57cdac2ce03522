/* quorum serve: live reload. Injected into every HTML page that `quorum serve` sends (never
   into the built site). Reloads the page when a rebuild finished, and shows a failed
   build's problems in a box over the page until the next successful build reloads it. */
(function () {
  var box = null;
  var events = new EventSource("/__quorum/events");
  events.addEventListener("reload", function () {
    location.reload();
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
