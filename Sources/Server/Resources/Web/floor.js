// The list of speakers, live: the moderator console, the public display and the delegate's page
// follow /api/v1/panels/{id}/floor/events (server-sent events: the snapshot first, then one per
// change). The speaker's timer counts locally from the server's `speaking_since`, corrected by the
// difference between the server's `now` and this clock. Without this script the pages still work
// (forms post and the page reloads); they only stop updating by themselves.
(function () {
  "use strict";

  var root = document.querySelector("[data-floor-panel]");
  if (!root) { return; }
  var panelID = root.getAttribute("data-floor-panel");
  var mode = root.getAttribute("data-floor-mode");
  var revision = Number(root.getAttribute("data-floor-revision") || "0");
  var own = (root.getAttribute("data-floor-own") || "").split(" ").filter(Boolean);
  var status = root.querySelector("[data-floor-status]");

  var messages = {};
  try { messages = JSON.parse(document.getElementById("floor-messages").textContent); } catch (e) { messages = {}; }
  function t(key) { return messages[key] || key; }
  function format(key, args) {
    var text = t(key);
    args.forEach(function (value, index) { text = text.split("{" + index + "}").join(String(value)); });
    return text;
  }
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // Timer state: the server's clock minus ours, and the current speaker's start.
  var clockOffset = 0;
  var timer = { since: null, limit: 180, warning: 30 };
  var timerNode = document.querySelector("[data-floor-timer]");
  if (timerNode) {
    var since = timerNode.getAttribute("data-since");
    timer.since = since ? Number(since) : null;
    timer.limit = Number(timerNode.getAttribute("data-limit") || "180");
    timer.warning = Number(timerNode.getAttribute("data-warning") || "30");
    clockOffset = Number(timerNode.getAttribute("data-now") || String(Date.now())) - Date.now();
  }

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var rest = s % 60;
    return Math.floor(s / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick() {
    if (!timerNode) { return; }
    var clockNode = timerNode.querySelector("[data-floor-clock]");
    var stateNode = timerNode.querySelector("[data-floor-timer-state]");
    var state = "idle";
    var text = "–";
    if (timer.since !== null) {
      var elapsed = (Date.now() + clockOffset - timer.since) / 1000;
      if (elapsed > timer.limit) {
        state = "overrun";
        // Over time: counts up from the limit, with a sign and words, not colour alone.
        text = "+" + clock(elapsed - timer.limit);
      } else {
        state = elapsed >= timer.limit - timer.warning ? "warning" : "normal";
        text = clock(elapsed);
      }
    }
    timerNode.className = "floor-timer " + state;
    if (clockNode) { clockNode.textContent = text; }
    if (stateNode) {
      var label = state === "idle" ? "" : t("floor.timer." + state);
      if (stateNode.textContent !== label) { stateNode.textContent = label; }
    }
    var limitNode = timerNode.querySelector(".floor-limit");
    if (limitNode) { limitNode.textContent = "/ " + clock(timer.limit); }
  }

  function badges(container, request) {
    var category = element("span", "badge floor-" + request.category, t("floor.category." + request.category));
    container.appendChild(document.createTextNode(" "));
    container.appendChild(category);
    if (request.kind === "reply") {
      container.appendChild(document.createTextNode(" "));
      container.appendChild(element("span", "badge floor-reply", t("floor.kind.reply")));
    }
    if (request.advance) {
      container.appendChild(document.createTextNode(" "));
      container.appendChild(element("span", "badge floor-advance", t("floor.advance")));
    }
  }

  function actionForm(action, label, requestID, className, disabled) {
    var form = element("form", "inline");
    form.method = "post";
    form.action = action;
    var token = element("input");
    token.type = "hidden";
    token.name = "_csrf";
    token.value = csrfToken();
    form.appendChild(token);
    if (requestID) {
      var id = element("input");
      id.type = "hidden";
      id.name = "request_id";
      id.value = requestID;
      form.appendChild(id);
    }
    var button = element("button", className || "", label);
    button.type = "submit";
    button.disabled = !!disabled;
    form.appendChild(button);
    return form;
  }

  function render(snapshot) {
    if (snapshot.revision < revision) { return; }
    revision = snapshot.revision;
    clockOffset = snapshot.now - Date.now();
    timer.since = snapshot.speaking_since === null || snapshot.speaking_since === undefined ? null : snapshot.speaking_since;
    timer.limit = snapshot.settings.speaking_seconds;
    timer.warning = snapshot.settings.warning_seconds;

    var speakerNode = document.querySelector("[data-floor-speaker]");
    if (speakerNode) {
      speakerNode.textContent = "";
      if (snapshot.speaking) {
        speakerNode.appendChild(element("p", "floor-name", snapshot.speaking.speaker_name));
        var delegation = element("p", "floor-delegation", snapshot.speaking.delegation);
        badges(delegation, snapshot.speaking);
        speakerNode.appendChild(delegation);
      } else {
        speakerNode.appendChild(element("p", "floor-nobody", t("floor.nobody")));
      }
    }

    var list = document.querySelector("[data-floor-list]");
    if (list) {
      list.textContent = "";
      snapshot.waiting.forEach(function (request) {
        var item = element("li", own.indexOf(request.id) >= 0 ? "floor-own" : "");
        item.setAttribute("data-id", request.id);
        item.appendChild(element("span", "floor-name", request.speaker_name));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(element("span", "floor-delegation", request.delegation));
        badges(item, request);
        if (mode === "console") {
          var actions = element("span", "floor-actions");
          actions.appendChild(actionForm("/panels/" + panelID + "/console/give", t("floor.console.give"), request.id, "", !!snapshot.speaking));
          actions.appendChild(actionForm("/panels/" + panelID + "/console/skip", t("floor.console.skip"), request.id, "secondary", false));
          item.appendChild(actions);
        }
        list.appendChild(item);
      });
    }
    var empty = document.querySelector("[data-floor-empty]");
    if (empty) { empty.hidden = snapshot.waiting.length > 0; }

    if (mode === "console") {
      document.querySelectorAll(".floor-controls form").forEach(function (form) {
        var button = form.querySelector("button");
        if (!button) { return; }
        if (/\/console\/end$/.test(form.action)) { button.disabled = !snapshot.speaking; }
        if (/\/console\/give$/.test(form.action) && !form.querySelector("[name=request_id]")) {
          button.disabled = !!snapshot.speaking || snapshot.waiting.length === 0;
        }
      });
    }
    if (mode === "delegate") {
      document.querySelectorAll("[data-floor-position]").forEach(function (node) {
        var id = node.getAttribute("data-floor-position");
        var index = -1;
        snapshot.waiting.forEach(function (request, i) { if (request.id === id) { index = i; } });
        node.textContent = index >= 0 ? format("floor.ask.position", [index + 1, snapshot.waiting.length]) : t("floor.ask.gone");
      });
    }
    tick();
  }

  function connect() {
    if (typeof EventSource === "undefined") { return; }
    var source = new EventSource("/api/v1/panels/" + encodeURIComponent(panelID) + "/floor/events");
    source.addEventListener("floor", function (event) {
      try { render(JSON.parse(event.data)); } catch (e) { /* a malformed event is ignored; the next one repairs the screen */ }
      if (status) { status.textContent = t("floor.live"); }
    });
    source.onerror = function () {
      // EventSource reconnects by itself; the first event after that is the current snapshot.
      if (status) { status.textContent = t("floor.offline"); }
    };
  }

  tick();
  setInterval(tick, 250);
  connect();
})();
