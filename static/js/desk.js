/* Check-in desk: camera (barcode-detector polyfill, wasm served from /static), handheld scanner field (text +
   Enter), name search fallback, big coloured result with a sound, undo of this desk's last check-in, reprint,
   and offline work: the valid badge list (hashes) and a queue of scans kept in IndexedDB, synced on reconnect;
   a service worker (/desk-sw.js, static/js/desk-sw.js) keeps this page and its files, so a reload without
   network opens the desk again, which then works from the IndexedDB copy.
   Online scans: POST /api/checkin {code, conference_id, desk, nonce}; CSRF token in the X-CSRFToken header. */
(function () {
  "use strict";
  var root = document.getElementById("desk");
  if (!root) return;
  var urls = JSON.parse(root.dataset.urls);
  var conferenceId = parseInt(root.dataset.conference, 10);
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var TITLES = JSON.parse(document.getElementById("desk-titles").textContent);
  var MSG = JSON.parse(document.getElementById("desk-messages").textContent);
  var TONES = { checked_in: "ok", already_checked_in: "warn", invalid: "bad", revoked: "bad", wrong_conference: "bad" };
  var $ = function (id) { return document.getElementById(id); };
  var scan = $("scan-input"), deskName = $("desk-name"), search = $("search-input"), results = $("search-results");
  var box = $("result"), arrived = $("arrived"), pending = $("pending"), undoButton = $("undo");
  var netBar = $("net"), netState = $("net-state"), listState = $("list-state");
  var cameraButton = $("camera-toggle"), cameraBox = $("camera-box"), video = $("camera");
  var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;

  var online = navigator.onLine !== false;
  var list = null;        // hash -> {name, unit, badge, colour, checked_in_at, desk}
  var listTime = null;    // when the server gave that list (a Date)
  var lastCheckIn = null; // {nonce, hash, name, queued}
  var syncing = false;
  window.deskTimes = {};  // for the camera benchmark: firstFrame, detected, green (performance.now())

  function fmt(text, params) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) { return params[key] == null ? "" : params[key]; });
  }
  function hhmm(date) { return ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2); }
  function setCount(el, n) { el.textContent = String(Math.max(0, n)); }

  var storedDesk = window.localStorage.getItem("desk-name");
  if (storedDesk) deskName.value = storedDesk;
  deskName.addEventListener("change", function () { window.localStorage.setItem("desk-name", deskName.value.trim()); });
  deskName.addEventListener("keydown", function (event) {  // Enter in the desk's name: back to scanning
    if (event.key === "Enter") { event.preventDefault(); deskName.dispatchEvent(new Event("change")); scan.focus(); }
  });

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
  function show(tone, title, name, detail, badge, colour) {
    // After a few seconds the box goes back to "ready", so the next arrival never sees someone else's name.
    window.clearTimeout(idleTimer);
    if (tone !== "busy" && tone !== "idle") {
      idleTimer = window.setTimeout(function () { show("idle", MSG.ready, "", ""); }, 8000);
    }
    if (tone === "ok" && window.deskTimes.detected && !window.deskTimes.green) window.deskTimes.green = performance.now();
    box.className = "scan-result " + tone;
    box.dataset.result = tone;
    box.querySelector(".result-title").textContent = title;
    box.querySelector(".result-name").textContent = name || "";
    var badgeEl = box.querySelector(".result-badge");
    badgeEl.textContent = badge || "";
    badgeEl.style.setProperty("--cat", colour || "#0b4f9c");
    box.querySelector(".result-detail").textContent = detail || "";
  }

  function rememberCheckIn(n, hash, name, queued) {
    lastCheckIn = { nonce: n, hash: hash, name: name, queued: queued };
    undoButton.textContent = undoButton.dataset.label + ": " + name;
    undoButton.classList.remove("d-none");
  }
  undoButton.dataset.label = undoButton.textContent;

  // ---- Network state, the offline list, the queue ---------------------------------------------------------
  function setOnline(flag) {
    online = flag;
    netBar.className = netBar.className.replace(/\b(online|offline)\b/, flag ? "online" : "offline");
    netState.textContent = flag ? MSG.online : MSG.offline;
    if (flag) sync();
  }

  function refreshPending() {
    return DeskStore.queued(conferenceId).then(function (rows) { pending.textContent = String(rows.length); return rows; });
  }

  /* Work from this badge list (fresh from the server, or the copy kept in IndexedDB when the page opened without
     network), unless a newer one is in use already. */
  function adopt(map, fetchedAt) {
    return refreshPending().then(function (rows) {
      if (list && listTime > fetchedAt) return false;
      rows.forEach(function (q) {  // scans still queued here count as arrived in this desk's copy
        if (map[q.hash] && !map[q.hash].checked_in_at) { map[q.hash].checked_in_at = q.scanned_at; map[q.hash].desk = q.desk; }
      });
      list = map;
      listTime = fetchedAt;
      var count = Object.keys(map).filter(function (h) { return map[h].checked_in_at; }).length;
      setCount(arrived, count);
      // A list saved on another day (a desk reopened offline) shows its date too, so nobody mistakes it for today's.
      var today = new Date().toDateString() === fetchedAt.toDateString();
      var when = today ? hhmm(fetchedAt) : hhmm(fetchedAt) + " " + ("0" + fetchedAt.getDate()).slice(-2) + "/" +
        ("0" + (fetchedAt.getMonth() + 1)).slice(-2) + "/" + fetchedAt.getFullYear();
      listState.textContent = fmt(MSG.list, { n: Object.keys(map).length, time: when });
      listState.classList.toggle("text-danger", !today);
      return true;
    });
  }

  /* Keep the desk's copy, arrivals included, for a reload without network. */
  function saveList() {
    if (!list) return Promise.resolve();
    return DeskStore.saveList({ conference_id: conferenceId, fetched_at: listTime.toISOString(), badges: list })
      .catch(function () {});
  }

  function loadList() {
    return fetch(urls.badges, { credentials: "same-origin", cache: "no-store" })
      .catch(function (error) { error.offline = true; throw error; })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (data) {
        var map = {};
        data.badges.forEach(function (b) { map[b.hash] = b; });
        return adopt(map, new Date()).then(saveList);
      });
  }

  var REFUSED = ["invalid", "revoked", "wrong_conference"];  // sync results that recorded nothing

  function sync() {
    if (syncing || !online) return Promise.resolve();
    syncing = true;
    return refreshPending().then(function (rows) {
      if (!rows.length) return null;
      return fetch(urls.sync, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ conference_id: conferenceId, desk: deskName.value, scans: rows.map(function (q) {
          return { code: q.code, nonce: q.nonce, scanned_at: q.scanned_at, desk: q.desk };
        }) })
      }).then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      }).then(function (data) {
        return DeskStore.remove(data.results.map(function (x) { return x.nonce; })).then(function () {
          // Scans the server did not record (a badge revoked since the desk's list was saved, …): say who, loudly.
          var refused = data.results.filter(function (x) { return REFUSED.indexOf(x.result) !== -1; });
          var text = fmt(MSG.synced, { n: data.synced - refused.length });
          if (data.conflicts) text += " " + fmt(MSG.conflicts, { n: data.conflicts });
          if (refused.length) {
            var who = refused.map(function (x) { return x.delegate ? x.delegate.name : "?"; }).join(", ");
            text += " " + fmt(MSG.sync_refused, { n: refused.length }) + " " + who;
            show("bad", TITLES.revoked, who, fmt(MSG.sync_refused, { n: refused.length }) + " " + refused[0].message);
            beep("bad");
          }
          netState.textContent = MSG.online + " · " + text;
          if (lastCheckIn && lastCheckIn.queued) { lastCheckIn = null; undoButton.classList.add("d-none"); }
          return loadList();
        });
      });
    }).catch(function () { /* still offline: the queue stays */ })
      .then(function () { syncing = false; return refreshPending(); });
  }

  window.addEventListener("online", function () { setOnline(true); });
  window.addEventListener("offline", function () { setOnline(false); });
  window.setInterval(function () {
    if (online) { sync(); return; }
    fetch(urls.ping, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (r.ok) { setOnline(true); loadList().catch(function () {}); } }, function () {});
  }, 5000);
  window.setInterval(function () { if (online) loadList().catch(function () {}); }, 60000);
  DeskStore.loadList(conferenceId).then(function (saved) {
    if (saved && !list) return adopt(saved.badges, new Date(saved.fetched_at));
  }).catch(function () {});
  loadList().catch(function (error) { if (error.offline) setOnline(false); })  // e.g. this page came from the cache
    .then(function () { if (!navigator.onLine) setOnline(false); sync(); });

  // ---- Scans ----------------------------------------------------------------------------------------------
  function offlineScan(code, n) {
    var hash = window.sha256(code);
    if (!list) { show("bad", "✖", "", MSG.no_list); beep("bad"); return; }
    var entry = list[hash];
    if (!entry) { show("bad", TITLES.invalid, "", MSG.offline_unknown); beep("bad"); return; }
    if (entry.checked_in_at) {
      show("warn", TITLES.already_checked_in, entry.name,
           fmt(MSG.offline_already, { time: hhmm(new Date(entry.checked_in_at)), desk: entry.desk || "" }), entry.badge, entry.colour);
      box.dataset.outcome = "already_checked_in";
      beep("warn");
      return;
    }
    var now = new Date();
    entry.checked_in_at = now.toISOString();
    entry.desk = deskName.value.trim();
    DeskStore.enqueue({ nonce: n, conference_id: conferenceId, code: code, hash: hash, desk: entry.desk, scanned_at: entry.checked_in_at })
      .then(refreshPending);
    saveList();
    show("ok", TITLES.queued, entry.name, entry.unit + " — " + fmt(MSG.queued, { time: hhmm(now) }), entry.badge, entry.colour);
    box.dataset.outcome = "queued";
    setCount(arrived, parseInt(arrived.textContent, 10) + 1);
    rememberCheckIn(n, hash, entry.name, true);
    beep("ok");
  }

  function submit(code) {
    code = (code || "").trim();
    if (!code) return;
    if (!deskName.value.trim()) { show("bad", "✖", "", MSG.desk_required); deskName.focus(); return; }
    var n = nonce();
    if (!online) { offlineScan(code, n); return; }
    show("busy", "…", "", "");
    var controller = window.AbortController ? new AbortController() : null;
    var timeout = window.setTimeout(function () { if (controller) controller.abort(); }, 5000);
    fetch(urls.api, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ code: code, conference_id: conferenceId, desk: deskName.value.trim(), nonce: n }),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      window.clearTimeout(timeout);
      return response.json();
    }).then(function (data) {
      if (!TONES[data.result]) {  // session expired (401) or refused request: say why, in red
        show("bad", "✖", "", data.message);
        beep("bad");
        return;
      }
      var tone = TONES[data.result];
      var d = data.delegate;
      show(tone, TITLES[data.result] || data.result, d ? d.name : "", (d ? d.unit + " — " : "") + data.message,
           d ? d.badge : "", d ? d.colour : "");
      box.dataset.outcome = data.result;
      var hash = window.sha256(code);
      if (data.result === "checked_in") {
        setCount(arrived, parseInt(arrived.textContent, 10) + 1);
        rememberCheckIn(n, hash, d.name, false);
      }
      if (list && list[hash] && data.checked_in_at) {
        list[hash].checked_in_at = data.checked_in_at; list[hash].desk = data.desk;
        saveList();
      }
      beep(tone);
    }).catch(function () {
      // No answer: the network is down (or too slow). The scan is not lost: it goes to the offline queue with
      // its nonce, so if the server did get it, the sync answers "checked in" and nothing counts twice.
      window.clearTimeout(timeout);
      setOnline(false);
      offlineScan(code, n);
    });
  }

  undoButton.addEventListener("click", function () {
    var last = lastCheckIn;
    if (!last) return;
    lastCheckIn = null;
    undoButton.classList.add("d-none");
    function undone() {
      if (list && list[last.hash]) { list[last.hash].checked_in_at = null; list[last.hash].desk = null; saveList(); }
      setCount(arrived, parseInt(arrived.textContent, 10) - 1);
      show("warn", TITLES.undone, last.name, "");
      box.dataset.outcome = "undone";
    }
    if (last.queued) { DeskStore.remove([last.nonce]).then(refreshPending).then(undone); return; }
    fetch(urls.undo, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ conference_id: conferenceId, desk: deskName.value.trim(), nonce: last.nonce })
    }).then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
      .then(function (answer) {
        if (answer.ok) { undone(); } else { show("bad", "✖", last.name, answer.data.message || MSG.undo_failed); }
      }).catch(function () { show("bad", "✖", last.name, MSG.network); });
  });

  scan.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      var code = scan.value;
      scan.value = "";
      submit(code);
    }
  });

  // The scanner types into whatever has focus: keep it on the scan field unless the clerk is typing elsewhere.
  // On a phone with the camera on, leave focus alone (focusing a field would open the on-screen keyboard).
  function refocus() {
    if (touch && cameraOn) return;
    var active = document.activeElement;
    if (active !== search && active !== deskName && active !== scan && !(active && active.closest && active.closest("#search-results"))) {
      scan.focus();
    }
  }
  scan.addEventListener("blur", function () { window.setTimeout(refocus, 150); });
  window.setInterval(refocus, 1000);

  // ---- Reopening without network ---------------------------------------------------------------------------
  // The worker's scope is the folder of every conference's desk (/conferences/), so one registration serves them.
  function noOfflineReload() { $("no-offline-reload").classList.remove("d-none"); }
  if ("serviceWorker" in navigator && root.dataset.worker) {
    navigator.serviceWorker.register(root.dataset.worker, { scope: window.location.pathname.replace(/\d+\/checkin\/?$/, "") })
      .catch(noOfflineReload);
  } else {
    noOfflineReload();  // no service worker here (plain http on a LAN address): a reload needs the network
  }

  // ---- Camera ---------------------------------------------------------------------------------------------
  var cameraOn = false, detector = null, stream = null, lastSeen = { code: "", at: 0 };
  var api = window.BarcodeDetectionAPI;
  function locateWasm(path, prefix) { return path.slice(-5) === ".wasm" ? urls.wasm : prefix + path; }
  if (api && api.prepareZXingModule) api.prepareZXingModule({ overrides: { locateFile: locateWasm } });

  function startCamera() {
    if (!window.isSecureContext) {  // plain http:// on the LAN: the browser withholds the camera
      show("bad", "✖", "", MSG.camera_insecure); return;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !api) {
      show("bad", "✖", "", MSG.camera_error); return;
    }
    // Load and compile the wasm now, while the camera starts, not at the first frame.
    api.prepareZXingModule({ overrides: { locateFile: locateWasm }, fireImmediately: true });
    detector = detector || new api.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      cameraOn = true;
      video.srcObject = s;
      cameraBox.classList.remove("d-none");
      cameraButton.textContent = cameraButton.dataset.on;
      window.localStorage.setItem("desk-camera", "1");
      if (video.requestVideoFrameCallback) {
        video.requestVideoFrameCallback(function () { window.deskTimes.firstFrame = window.deskTimes.firstFrame || performance.now(); });
      }
      return video.play();
    }).then(function () {
      show("idle", MSG.camera_on, "", "");
      tick();
    }).catch(function () { stopCamera(); show("bad", "✖", "", MSG.camera_error); });
  }

  function stopCamera() {
    cameraOn = false;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    cameraBox.classList.add("d-none");
    cameraButton.textContent = cameraButton.dataset.off;
    window.localStorage.removeItem("desk-camera");
  }

  function tick() {
    if (!cameraOn) return;
    if (video.readyState < 2) { window.setTimeout(tick, 100); return; }
    window.deskTimes.firstFrame = window.deskTimes.firstFrame || performance.now();
    detector.detect(video).then(function (codes) {
      var now = Date.now();
      var code = codes.length ? codes[0].rawValue : "";
      if (code && !(code === lastSeen.code && now - lastSeen.at < 4000)) {
        window.deskTimes.detected = window.deskTimes.detected || performance.now();
        submit(code);
      }
      if (code) lastSeen = { code: code, at: now };
    }).catch(function () {}).then(function () { window.setTimeout(tick, 120); });
  }

  cameraButton.addEventListener("click", function () { if (cameraOn) { stopCamera(); } else { startCamera(); } });
  if (window.localStorage.getItem("desk-camera") === "1") startCamera();

  // ---- Name search, reprint -------------------------------------------------------------------------------
  var timer = null;
  search.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(runSearch, 250);
  });

  function reprint(d) {
    if (!window.confirm(fmt(MSG.reprint_confirm, { name: d.name }))) return;
    var form = document.createElement("form");
    form.method = "post";
    form.action = urls.reprint.replace("/0/reprint", "/" + d.id + "/reprint");
    form.target = "_blank";
    var token = document.createElement("input");
    token.type = "hidden"; token.name = "csrf_token"; token.value = csrf;
    form.appendChild(token);
    document.body.appendChild(form);
    form.submit();
    form.remove();
  }

  function button(label, css, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm " + css;
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
  }

  function runSearch() {
    var q = search.value.trim();
    results.innerHTML = "";
    if (q.length < 2) return;
    fetch(urls.search + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        results.innerHTML = "";
        if (!data.delegates.length) {
          var empty = document.createElement("li");
          empty.className = "list-group-item text-muted";
          empty.textContent = MSG.empty;
          results.appendChild(empty);
        }
        data.delegates.forEach(function (d) {
          var li = document.createElement("li");
          li.className = "list-group-item d-flex flex-wrap gap-2 justify-content-between align-items-center";
          var label = document.createElement("span");
          label.textContent = d.name + " — " + d.unit + " (" + d.category + ")";
          li.appendChild(label);
          var actions = document.createElement("span");
          actions.className = "d-flex gap-1";
          if (d.checked_in) {
            var tag = document.createElement("span");
            tag.className = "badge text-bg-warning align-self-center";
            tag.textContent = MSG.checked;
            actions.appendChild(tag);
          } else {
            actions.appendChild(button(MSG.checkin, "btn-success", function () {
              submit(d.code);
              search.value = "";
              results.innerHTML = "";
              scan.focus();
            }));
          }
          actions.appendChild(button(MSG.reprint, "btn-outline-secondary", function () { reprint(d); }));
          li.appendChild(actions);
          results.appendChild(li);
        });
      }).catch(function () { show("bad", "✖", "", MSG.network); });
  }
})();
