// Landscape pages: the progress bar of a running import or report follows the job's server-sent
// events (/api/v1/events); when the job ends the page reloads to show the dataset or the report.
// Without script the page shows the state when loaded and a refresh link.
(function () {
  "use strict";
  function start() {
    var box = document.querySelector("[data-landscape-job]");
    if (!box || typeof EventSource === "undefined") { return; }
    var id = box.getAttribute("data-landscape-job");
    var labels = {};
    try { labels = JSON.parse(box.getAttribute("data-phases") || "{}"); } catch (e) { labels = {}; }
    var finished = { done: true, failed: true, cancelled: true };
    var source = new EventSource("/api/v1/events");
    source.addEventListener("job", function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (e) { return; }
      if (!event || String(event.id) !== id) { return; }
      if (typeof event.progress === "number") {
        var percent = (Math.max(0, Math.min(1, event.progress)) * 100).toFixed(1);
        var bar = box.querySelector(".progress");
        if (bar) { bar.setAttribute("aria-valuenow", percent); bar.firstElementChild.style.width = percent + "%"; }
        var text = box.querySelector(".percent");
        if (text) { text.textContent = percent + " %"; }
      }
      if (event.phase) {
        var phase = box.querySelector(".phase");
        if (phase) { phase.textContent = labels[event.phase] || event.phase; }
      }
      if (finished[event.status]) {
        source.close();
        window.setTimeout(function () { window.location.reload(); }, 300);
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
