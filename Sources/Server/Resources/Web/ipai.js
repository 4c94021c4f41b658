// IPAI pages: small progressive enhancements. Every page works without this script, except
// live job progress (the jobs page then shows the state when loaded) and upload progress.
(function () {
  "use strict";

  var messages = {};
  try { messages = JSON.parse(document.getElementById("ipai-messages").textContent); } catch (e) { messages = {}; }
  function t(key, fallback) { return messages[key] || fallback || key; }
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Classify: read a chosen .txt file into the text area (the form can also send the file itself).
  function setUpFileReading() {
    document.querySelectorAll("input[type=file][data-read-into]").forEach(function (input) {
      input.addEventListener("change", function () {
        var target = document.getElementById(input.getAttribute("data-read-into"));
        var file = input.files && input.files[0];
        if (!target || !file || typeof FileReader === "undefined") { return; }
        var reader = new FileReader();
        reader.onload = function () {
          target.value = String(reader.result || "").replace(/^\uFEFF/, "");
          input.value = "";
          var hint = document.getElementById("text-hint");
          if (hint) { hint.textContent = t("classify.fileRead", "") .replace("{0}", file.name); }
          target.focus();
        };
        reader.readAsText(file, "utf-8");
      });
    });
  }

  // Classify: pointing at (or focusing) a suggestion highlights only its decisive terms.
  function setUpSuggestionFocus() {
    var text = document.getElementById("highlighted");
    if (!text) { return; }
    document.querySelectorAll("#suggestions > li.suggestion").forEach(function (item) {
      var index = item.getAttribute("data-index");
      function on() {
        text.classList.add("focused");
        text.querySelectorAll("mark.term").forEach(function (mark) {
          var list = (mark.getAttribute("data-s") || "").split(" ");
          mark.classList.toggle("active", list.indexOf(index) >= 0);
        });
        item.classList.add("selected");
      }
      function off() {
        text.classList.remove("focused");
        item.classList.remove("selected");
      }
      item.addEventListener("mouseenter", on);
      item.addEventListener("focus", on);
      item.addEventListener("mouseleave", off);
      item.addEventListener("blur", off);
    });
  }

  // Collections: stream the chosen file to the import API with upload progress, then go to the job.
  function setUpImport() {
    var form = document.getElementById("import-form");
    if (!form || typeof XMLHttpRequest === "undefined") { return; }
    form.addEventListener("submit", function (event) {
      var input = form.querySelector("input[type=file]");
      var file = input && input.files && input.files[0];
      if (!file) { return; }
      event.preventDefault();
      var format = form.querySelector("[name=format]").value;
      if (!format) { format = /\.csv$/i.test(file.name) ? "csv" : "jsonl"; }
      var skip = form.querySelector("[name=skip_invalid]").checked;
      var url = form.getAttribute("data-upload") + "?format=" + encodeURIComponent(format) +
        "&file_name=" + encodeURIComponent(file.name) + (skip ? "&skip_invalid=true" : "");
      var progress = document.getElementById("import-progress");
      var status = document.getElementById("import-status");
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      progress.hidden = false;
      status.textContent = t("upload.sending");
      var request = new XMLHttpRequest();
      request.open("POST", url);
      request.setRequestHeader("X-CSRF-Token", csrfToken());
      request.setRequestHeader("Content-Type", format === "csv" ? "text/csv" : "application/x-ndjson");
      request.upload.onprogress = function (e) {
        if (e.lengthComputable) { progress.value = Math.round(100 * e.loaded / e.total); }
      };
      request.onload = function () {
        var body = {};
        try { body = JSON.parse(request.responseText); } catch (e) { body = {}; }
        if (request.status === 202 && body.id) {
          status.textContent = t("upload.started");
          window.location.href = "/jobs?job=" + encodeURIComponent(body.id);
        } else {
          button.disabled = false;
          status.textContent = t("upload.failed") + " " + ((body.error && body.error.message) || request.status);
        }
      };
      request.onerror = function () {
        button.disabled = false;
        status.textContent = t("upload.failed");
      };
      request.send(file);
    });
  }

  // Jobs: progress bars kept live from the server-sent events at /api/v1/events.
  //
  // A row is updated in place from an event, or replaced by a fresh copy from /jobs/{id}/row when
  // the job ends, appears, or the stream (re)opens. Fetches of one job's row run one at a time: two
  // in flight could answer out of order and leave an older state (a "running" row after "done",
  // with no event left to correct it). A change that arrives while a fetch is in flight asks for one
  // more fetch when it answers, so the last copy shown is never older than the last event.
  function setUpLiveJobs() {
    var state = document.querySelector("[data-live-jobs]");
    if (!state || typeof EventSource === "undefined") { return; }
    var finished = { done: true, failed: true, cancelled: true };
    var query = new URLSearchParams(window.location.search);
    var statusFilter = query.get("status");
    // Only the first page shows new jobs (they are the newest); later pages keep their rows.
    var firstPage = !query.get("cursor");
    var fetches = {};

    function rowOf(id) { return document.querySelector('#jobs tr[data-job="' + id + '"]'); }

    function refreshRow(id, insert) {
      var pending = fetches[id];
      if (pending) {
        pending.again = true;
        pending.insert = pending.insert || insert;
        return;
      }
      pending = fetches[id] = { again: false, insert: insert };
      fetch("/jobs/" + encodeURIComponent(id) + "/row", { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html) { showRow(id, html, pending.insert); } })
        .catch(function () {})
        .then(function () {
          delete fetches[id];
          if (pending.again) { refreshRow(id, pending.insert); }
        });
    }

    function showRow(id, html, insert) {
      var holder = document.createElement("tbody");
      holder.innerHTML = html.trim();
      var fresh = holder.firstElementChild;
      if (!fresh) { return; }
      var existing = rowOf(id);
      if (existing) {
        // A finished job never runs again: a copy saying otherwise is older than the one shown.
        if (finished[existing.getAttribute("data-status")] && !finished[fresh.getAttribute("data-status")]) { return; }
        if (existing.classList.contains("highlight")) { fresh.classList.add("highlight"); }
        existing.replaceWith(fresh);
      } else if (insert) {
        if (statusFilter && fresh.getAttribute("data-status") !== statusFilter) { return; }
        var body = document.querySelector("#jobs tbody");
        if (body) { body.insertBefore(fresh, body.firstChild); } else { window.location.reload(); }
      }
    }

    function update(event) {
      var id = String(event.id);
      var row = rowOf(id);
      if (!row) {
        if (firstPage && (!statusFilter || statusFilter === event.status)) { refreshRow(id, true); }
        return;
      }
      if (finished[event.status]) { refreshRow(id, false); return; }
      // Late news of a job already shown finished changes nothing.
      if (finished[row.getAttribute("data-status")]) { return; }
      // A fetch in flight may answer with a state older than this event: fetch once more after it.
      if (fetches[id]) { fetches[id].again = true; }
      row.setAttribute("data-status", event.status);
      var badge = row.querySelector(".status .badge");
      if (badge) { badge.className = "badge " + event.status; badge.textContent = t("status." + event.status, event.status); }
      if (typeof event.progress === "number") {
        var percent = (Math.max(0, Math.min(1, event.progress)) * 100).toFixed(1);
        var bar = row.querySelector(".progress");
        if (bar) { bar.setAttribute("aria-valuenow", percent); bar.firstElementChild.style.width = percent + "%"; }
        var text = row.querySelector(".percent");
        if (text) { text.textContent = percent + " %"; }
      }
      if (event.phase) {
        var phase = row.querySelector(".phase");
        if (phase) { phase.textContent = t("phase." + event.phase, event.phase); }
      }
    }

    var source = new EventSource("/api/v1/events");
    source.onopen = function () {
      state.textContent = t("jobs.live");
      // Catch up with whatever changed before the stream (re)opened.
      document.querySelectorAll("#jobs tr[data-job]").forEach(function (row) {
        if (!finished[row.getAttribute("data-status")]) { refreshRow(row.getAttribute("data-job"), false); }
      });
    };
    source.onerror = function () { state.textContent = t("jobs.offline"); };
    source.addEventListener("job", function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (e) { return; /* ignore malformed events */ }
      if (event && event.id != null && event.status) { update(event); }
    });
  }

  function start() {
    setUpFileReading();
    setUpSuggestionFocus();
    setUpImport();
    setUpLiveJobs();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
