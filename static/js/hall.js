/* The hall screen (templates/agenda/hall.html) and its remote control (templates/agenda/control.html).

   Every open page asks the server what the screen shows (root's data-url, JSON: conference/agenda/views.py
   api_hall) every 2 seconds and redraws: the current item, the next one, the targets of the previous / next
   buttons, the highlighted row. The buttons are forms (POST with the page's CSRF token); here they are sent with
   fetch, so the page does not reload, and the page redraws at once. Without JavaScript they post and reload.
   On the hall screen (data-keys) the arrow keys, Page Up / Page Down (a presenter's remote) and the space bar press
   the buttons; "Toàn màn hình" asks for full screen. No inline script or style (Content-Security-Policy). */
(function () {
  "use strict";
  var root = document.getElementById("hall");
  if (!root) return;
  var POLL_MS = 2000;
  var timer = null;
  var status = root.querySelector("[data-hall-status]");

  function each(selector, apply) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), apply);
  }
  function setText(name, value) {
    each('[data-field="' + name + '"]', function (el) {
      if (el.textContent !== value) el.textContent = value;
    });
  }
  function show(when, visible) {
    each('[data-when="' + when + '"]', function (el) { el.hidden = !visible; });
  }
  function setTarget(step, id, disabled) {
    each('form[data-step="' + step + '"]', function (form) {
      form.elements.item_id.value = id === null ? "" : String(id);
      var button = form.querySelector("button");
      if (button) button.disabled = disabled;
    });
  }
  function say(text) {
    if (status) status.textContent = text || "";
  }

  function apply(state) {
    var current = state.current;
    var next = state.next;
    show("opening", !current);
    show("running", !!current);
    show("next", !!next);
    if (current) {
      setText("current-title", current.title);
      setText("current-time", current.start + " – " + current.end);
      setText("current-presenter", current.presenter);
    }
    if (next) {
      setText("next-title", next.title);
      setText("next-time", next.start);
    }
    setTarget("previous", state.previous_id, !current);
    setTarget("next", state.next_id, state.at_end);
    each("[data-item-id]", function (row) {
      var on = !!current && String(current.id) === row.dataset.itemId;
      row.classList.toggle("is-current", on);
      if (on) row.setAttribute("aria-current", "true"); else row.removeAttribute("aria-current");
    });
  }

  function schedule(ms) {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, ms);
  }
  function refresh() {
    return fetch(root.dataset.url, { credentials: "same-origin", cache: "no-store",
                                      headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (state) { apply(state); say(""); })
      .catch(function () { say(root.dataset.msgStale); })
      .then(function () { schedule(POLL_MS); });
  }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-step]")) return;
    event.preventDefault();
    var button = form.querySelector("button");
    if (button) button.disabled = true;
    // The answer is a redirect to the page: not followed, the JSON says what changed.
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual" })
      .then(function (r) {
        if (r.type !== "opaqueredirect" && !r.ok) throw new Error(r.status);
        say("");
      })
      .catch(function () { say(root.dataset.msgRefused); })
      .then(function () { if (button) button.disabled = false; window.clearTimeout(timer); refresh(); });
  });

  if (root.dataset.keys) {
    var KEYS = { ArrowRight: "next", PageDown: "next", " ": "next", ArrowLeft: "previous", PageUp: "previous" };
    document.addEventListener("keydown", function (event) {
      var step = KEYS[event.key];
      if (!step || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target.closest && event.target.closest("input, textarea, select, button, a")) return;
      var form = root.querySelector('form[data-step="' + step + '"]');
      var button = form && form.querySelector("button");
      if (!form || (button && button.disabled)) return;
      event.preventDefault();
      form.requestSubmit();
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-fullscreen]");
    if (!button) return;
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
  });

  var clock = root.querySelector("[data-hall-clock]");
  function tick() {
    var now = new Date();
    clock.textContent = ("0" + now.getHours()).slice(-2) + ":" + ("0" + now.getMinutes()).slice(-2);
  }
  if (clock) { tick(); window.setInterval(tick, 10000); }

  schedule(POLL_MS);
})();
