/* What the person at the desk sees and hears: the big coloured result with its sound (back to "ready" after a
   few seconds), the arrived and pending counts, the network bar, the badge list's line, the undo button and the
   notice that this browser cannot reopen the desk without network. */
(function (Desk) {
  "use strict";
  var MSG = Desk.page.MSG, fmt = Desk.page.fmt, hhmm = Desk.page.hhmm, ddmmyyyy = Desk.page.ddmmyyyy;

  var $ = function (id) { return document.getElementById(id); };
  var box = $("result"), arrived = $("arrived"), pending = $("pending"), undoButton = $("undo");
  var netBar = $("net"), netState = $("net-state"), listState = $("list-state");
  undoButton.dataset.label = undoButton.textContent;

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
  /* tone: ok (green), warn (amber), bad (red), busy (waiting for the server) or idle; seat: the delegate's seat
     label ("B-03-07"), shown as "Ghế B-03-07" under the badge when green or amber, or nothing. */
  function show(tone, title, name, detail, badge, colour, seat) {
    // After a few seconds the box goes back to "ready", so the next arrival never sees someone else's name.
    window.clearTimeout(idleTimer);
    if (tone !== "busy" && tone !== "idle") {
      idleTimer = window.setTimeout(function () { show("idle", MSG.ready, "", ""); }, 8000);
    }
    box.className = "scan-result " + tone;
    box.dataset.result = tone;
    box.querySelector(".result-title").textContent = title;
    box.querySelector(".result-name").textContent = name || "";
    var badgeEl = box.querySelector(".result-badge");
    badgeEl.textContent = badge || "";
    badgeEl.style.setProperty("--cat", colour || "#0b4f9c");
    // Where to sit, for a delegate let in (green) or already in (amber); never with a refused badge.
    box.querySelector(".result-seat").textContent = seat && (tone === "ok" || tone === "warn") ? fmt(MSG.seat, { seat: seat }) : "";
    box.querySelector(".result-detail").textContent = detail || "";
  }

  /* What the last scan came to (checked_in, queued, already_checked_in, undone, …), kept on the result box. */
  function outcome(result) { box.dataset.outcome = result; }

  function setCount(el, n) { el.textContent = String(Math.max(0, n)); }
  function setArrived(n) { setCount(arrived, n); }
  function addArrived(n) { setCount(arrived, parseInt(arrived.textContent, 10) + n); }
  function setPending(n) { pending.textContent = String(n); }

  function showNetwork(online) {
    netBar.className = netBar.className.replace(/\b(online|offline)\b/, online ? "online" : "offline");
    netState.textContent = online ? MSG.online : MSG.offline;
  }
  function showSyncReport(text) { netState.textContent = MSG.online + " · " + text; }

  /* "List of n badges, fetched at hh:mm"; a list saved on another day (a desk reopened offline) shows its date
     too, in red, so nobody mistakes it for today's. */
  function showList(count, fetchedAt) {
    var today = ddmmyyyy(Desk.page.now()) === ddmmyyyy(fetchedAt);  // both by the server's clock, in Vietnam
    var when = today ? hhmm(fetchedAt) : hhmm(fetchedAt) + " " + ddmmyyyy(fetchedAt);
    listState.textContent = fmt(MSG.list, { n: count, time: when });
    listState.classList.toggle("text-danger", !today);
  }

  function showUndo(name) {
    undoButton.textContent = undoButton.dataset.label + ": " + name;
    undoButton.classList.remove("d-none");
  }
  function hideUndo() { undoButton.classList.add("d-none"); }
  function onUndo(handler) { undoButton.addEventListener("click", handler); }

  function showNoOfflineReload() { $("no-offline-reload").classList.remove("d-none"); }

  Desk.screen = { beep: beep, show: show, outcome: outcome, setArrived: setArrived, addArrived: addArrived,
    setPending: setPending, showNetwork: showNetwork, showSyncReport: showSyncReport, showList: showList,
    showUndo: showUndo, hideUndo: hideUndo, onUndo: onUndo, showNoOfflineReload: showNoOfflineReload };
})(window.Desk = window.Desk || {});
