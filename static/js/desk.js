/* Check-in desk: handheld scanner field (text + Enter), name search fallback, big coloured result.
   Talks to POST /api/checkin with JSON {code, conference_id, desk, nonce} and the CSRF token header. */
(function () {
  "use strict";
  var root = document.getElementById("desk");
  if (!root) return;
  var conferenceId = parseInt(root.dataset.conference, 10);
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var scan = document.getElementById("scan-input");
  var deskName = document.getElementById("desk-name");
  var search = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var box = document.getElementById("result");
  var arrived = document.getElementById("arrived");
  var TONES = { checked_in: "ok", already_checked_in: "warn", invalid: "bad", revoked: "bad", wrong_conference: "bad" };
  var TITLES = JSON.parse(document.getElementById("desk-titles").textContent);

  var storedDesk = window.localStorage.getItem("desk-name");
  if (storedDesk) deskName.value = storedDesk;
  deskName.addEventListener("change", function () { window.localStorage.setItem("desk-name", deskName.value); });

  function nonce() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function beep(kind) {
    try {
      var ctx = new (window.AudioContext || window.webkitAudioContext)();
      var freqs = kind === "ok" ? [880] : kind === "warn" ? [660, 660] : [220];
      freqs.forEach(function (f, i) {
        var osc = ctx.createOscillator();
        var gain = ctx.createGain();
        osc.frequency.value = f;
        osc.connect(gain); gain.connect(ctx.destination);
        gain.gain.value = 0.2;
        osc.start(ctx.currentTime + i * 0.2);
        osc.stop(ctx.currentTime + i * 0.2 + 0.15);
      });
    } catch (e) { /* no audio: the colour still tells */ }
  }

  var idleTimer = null;

  function show(tone, title, name, detail) {
    // After a few seconds the box goes back to "ready", so the next arrival never sees someone else's name.
    window.clearTimeout(idleTimer);
    if (tone !== "busy" && tone !== "idle") {
      idleTimer = window.setTimeout(function () { show("idle", root.dataset.msgReady, "", ""); }, 8000);
    }
    box.className = "scan-result " + tone;
    box.dataset.result = tone;
    box.querySelector(".result-title").textContent = title;
    box.querySelector(".result-name").textContent = name || "";
    box.querySelector(".result-detail").textContent = detail || "";
  }

  function submit(code) {
    code = (code || "").trim();
    if (!code) return;
    show("busy", "…", "", "");
    fetch(root.dataset.api, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ code: code, conference_id: conferenceId, desk: deskName.value, nonce: nonce() })
    }).then(function (response) {
      return response.json();
    }).then(function (data) {
      if (!TONES[data.result]) {  // session expired (401) or refused request: say why, in red
        show("bad", "✖", "", data.message);
        beep("bad");
        return;
      }
      var tone = TONES[data.result];
      var d = data.delegate;
      show(tone, TITLES[data.result] || data.result, d ? d.name : "",
           (d ? d.category + " · " + d.unit + " — " : "") + data.message);
      box.dataset.outcome = data.result;
      if (data.result === "checked_in") arrived.textContent = String(parseInt(arrived.textContent, 10) + 1);
      beep(tone);
    }).catch(function () {
      show("bad", "✖", "", root.dataset.msgNetwork);
      beep("bad");
    });
  }

  scan.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      var code = scan.value;
      scan.value = "";
      submit(code);
    }
  });

  // The scanner types into whatever has focus: keep it on the scan field unless the clerk is typing elsewhere.
  function refocus() {
    var active = document.activeElement;
    if (active !== search && active !== deskName && active !== scan && !(active && active.closest && active.closest("#search-results"))) {
      scan.focus();
    }
  }
  scan.addEventListener("blur", function () { window.setTimeout(refocus, 150); });
  window.setInterval(refocus, 1000);

  var timer = null;
  search.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(runSearch, 250);
  });

  function runSearch() {
    var q = search.value.trim();
    results.innerHTML = "";
    if (q.length < 2) return;
    fetch(root.dataset.search + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        results.innerHTML = "";
        if (!data.delegates.length) {
          var empty = document.createElement("li");
          empty.className = "list-group-item text-muted";
          empty.textContent = root.dataset.msgEmpty;
          results.appendChild(empty);
        }
        data.delegates.forEach(function (d) {
          var li = document.createElement("li");
          li.className = "list-group-item d-flex justify-content-between align-items-center";
          var label = document.createElement("span");
          label.textContent = d.name + " — " + d.unit + " (" + d.category + ")";
          li.appendChild(label);
          if (d.checked_in) {
            var tag = document.createElement("span");
            tag.className = "badge text-bg-warning";
            tag.textContent = root.dataset.msgChecked;
            li.appendChild(tag);
          } else {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "btn btn-success btn-sm";
            button.textContent = root.dataset.msgCheckin;
            button.addEventListener("click", function () {
              submit(d.code);
              search.value = "";
              results.innerHTML = "";
              scan.focus();
            });
            li.appendChild(button);
          }
          results.appendChild(li);
        });
      });
  }
})();
