/* One scan, from the handheld scanner, the camera or the name search. Online: POST /api/checkin {code,
   conference_id, nonce} (the server knows the desk from the session: the name is sent first if it changed), 5 s at
   most; no answer and the scan goes to the offline path with its nonce, so if
   the server did get it the sync answers "checked in" and nothing counts twice. Offline: the code's hash is looked
   up in this desk's copy of the badge list and the scan queued. Either way the result shows at once, with a sound. */
(function (Desk) {
  "use strict";
  var api = Desk.api;
  var list = Desk.list;
  var screen = Desk.screen;
  var sync = Desk.sync;
  var undo = Desk.undo;
  var MSG = Desk.page.MSG, TITLES = Desk.page.TITLES, conferenceId = Desk.page.conferenceId,
    deskName = Desk.page.deskName, fmt = Desk.page.fmt, hhmm = Desk.page.hhmm, urls = Desk.page.urls;

  var TONES = { checked_in: "ok", already_checked_in: "warn", invalid: "bad", revoked: "bad", wrong_conference: "bad",
    out_of_window: "bad" };

  function nonce() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function offlineScan(code, n) {
    var hash = list.hashOf(code);
    if (!list.loaded()) { undo.forget(); screen.show("bad", "✖", "", MSG.no_list); screen.beep("bad"); return; }
    var entry = list.entry(hash);
    if (!entry) {
      undo.forget();
      screen.show("bad", TITLES.invalid, "", MSG.offline_unknown);
      screen.outcome("invalid");
      screen.beep("bad");
      return;
    }
    if (entry.checked_in_at) {
      undo.forget();
      screen.show("warn", TITLES.already_checked_in, entry.name,
                  fmt(MSG.offline_already, { time: hhmm(new Date(entry.checked_in_at)), desk: entry.desk || "" }),
                  entry.badge, entry.colour, entry.seat);
      screen.outcome("already_checked_in");
      screen.beep("warn");
      return;
    }
    // The queue keeps the device's clock at the scan (the server refuses it at sync if the clock was wrong); the
    // screen shows the server's time.
    var now = Desk.page.now();
    entry.checked_in_at = new Date().toISOString();
    entry.desk = deskName.value.trim();
    list.enqueue({ nonce: n, code: code, hash: hash, desk: entry.desk, scanned_at: entry.checked_in_at })
      .then(list.pending);
    list.save();
    screen.show("ok", TITLES.queued, entry.name, entry.unit + " — " + fmt(MSG.queued, { time: hhmm(now) }),
                entry.badge, entry.colour, entry.seat);
    screen.outcome("queued");
    screen.addArrived(1);
    undo.remember(n, hash, entry.name, true);
    screen.beep("ok");
  }

  function answered(code, n, data) {
    if (!TONES[data.result]) {  // session expired (401) or refused request: say why, in red
      undo.forget();
      screen.show("bad", "✖", "", data.message);
      screen.beep("bad");
      return;
    }
    var tone = TONES[data.result];
    var d = data.delegate;
    screen.show(tone, TITLES[data.result] || data.result, d ? d.name : "", (d ? d.unit + " — " : "") + data.message,
                d ? d.badge : "", d ? d.colour : "", d ? d.seat : "");
    screen.outcome(data.result);
    var hash = list.hashOf(code);
    if (data.result === "checked_in") {
      screen.addArrived(1);
      undo.remember(n, hash, d.name, false);
    } else {
      undo.forget();  // red or amber: the undo button names nobody
    }
    var entry = list.entry(hash);
    if (entry && data.checked_in_at) {
      entry.checked_in_at = data.checked_in_at; entry.desk = data.desk;
      list.save();
    }
    screen.beep(tone);
  }

  function submit(code) {
    code = (code || "").trim();
    if (!code) return;
    if (!deskName.value.trim()) { screen.show("bad", "✖", "", MSG.desk_required); deskName.focus(); return; }
    var n = nonce();
    if (!sync.isOnline()) { offlineScan(code, n); return; }
    screen.show("busy", "…", "", "");
    var scan = { code: code, conference_id: conferenceId, nonce: n };
    api.saveDesk()
      .then(function () { return api.post(urls.api, scan, { timeout: 5000 }); })
      .then(function (answer) { answered(code, n, answer.data); })
      .catch(function () {  // no answer (or not one the desk understands): the scan is not lost
        sync.setOnline(false);
        offlineScan(code, n);
      });
  }

  Desk.checkin = { submit: submit };
})(window.Desk = window.Desk || {});
