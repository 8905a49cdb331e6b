/* Online or not, and sending the scans queued while offline. The network bar follows the browser's online and
   offline events and whether the server answers; offline, the server is pinged every 5 s. Online, the queued scans
   are sent (POST /api/checkin/sync, each with its nonce, so none counts twice) at once and every 5 s, and the badge
   list is reloaded after each sync and every minute. */
(function (Desk) {
  "use strict";
  var api = Desk.api;
  var list = Desk.list;
  var screen = Desk.screen;
  var undo = Desk.undo;
  var MSG = Desk.page.MSG, TITLES = Desk.page.TITLES, conferenceId = Desk.page.conferenceId,
    fmt = Desk.page.fmt, urls = Desk.page.urls;

  // Sync results that recorded nothing (out_of_window: the device's clock at the scan was outside the conference).
  var REFUSED = ["invalid", "revoked", "wrong_conference", "out_of_window"];
  var online = navigator.onLine !== false;
  var syncing = false;

  function isOnline() { return online; }

  function setOnline(flag) {
    online = flag;
    screen.showNetwork(flag);
    if (flag) sync();
  }

  function sent(data) {
    Desk.page.setServerNow(data.now);
    return list.dequeue(data.results.map(function (x) { return x.nonce; })).then(function () {
      // Scans the server did not record (a badge revoked since the desk's list was saved, a device clock outside
      // the conference, …): in red, who and why (each reason once); the network bar keeps the counts and who.
      var refused = data.results.filter(function (x) { return REFUSED.indexOf(x.result) !== -1; });
      var text = fmt(MSG.synced, { n: data.synced - refused.length });
      if (data.conflicts) text += " " + fmt(MSG.conflicts, { n: data.conflicts });
      if (refused.length) {
        var who = refused.map(function (x) { return x.delegate ? x.delegate.name : "?"; }).join(", ");
        text += " " + fmt(MSG.sync_refused, { n: refused.length }) + " " + who + ".";
        if (data.out_of_window) text += " " + fmt(MSG.out_of_window, { n: data.out_of_window });
        var kinds = refused.map(function (x) { return x.result; }).filter(function (r, i, all) { return all.indexOf(r) === i; });
        var reasons = refused.map(function (x) { return x.message; }).filter(function (m, i, all) { return all.indexOf(m) === i; });
        undo.forget();
        screen.show("bad", kinds.length === 1 ? TITLES[kinds[0]] : "✖", who,
                    fmt(MSG.sync_refused, { n: refused.length }) + " " + reasons.join(" "));
        screen.outcome("sync_refused");
        screen.beep("bad");
      }
      screen.showSyncReport(text);
      undo.forgetQueued();
      return list.fetchList();
    });
  }

  function sync() {
    if (syncing || !online) return Promise.resolve();
    syncing = true;
    return list.pending().then(function (rows) {
      if (!rows.length) return null;
      // The server records the session's desk name: send it first if it changed while offline.
      return api.saveDesk().then(function () {
        return api.post(urls.sync, { conference_id: conferenceId, scans: rows.map(function (q) {
          return { code: q.code, nonce: q.nonce, scanned_at: q.scanned_at };
        }) });
      }).then(function (answer) {
        if (!answer.ok) throw new Error(String(answer.status));
        return sent(answer.data);
      });
    }).catch(function () { /* still offline: the queue stays */ })
      .then(function () { syncing = false; return list.pending(); });
  }

  /* The saved list at once, then the server's; the timers. */
  function start() {
    window.addEventListener("online", function () { setOnline(true); });
    window.addEventListener("offline", function () { setOnline(false); });
    window.setInterval(function () {
      if (online) { sync(); return; }
      api.get(urls.ping, { fresh: true }).then(function (answer) {
        if (answer.ok) { setOnline(true); list.fetchList().catch(function () {}); }
      }, function () {});
    }, 5000);
    window.setInterval(function () { if (online) list.fetchList().catch(function () {}); }, 60000);
    list.restore();
    list.fetchList().catch(function (error) { if (error.offline) setOnline(false); })  // e.g. this page came from the cache
      .then(function () { if (!navigator.onLine) setOnline(false); sync(); });
  }

  Desk.sync = { isOnline: isOnline, setOnline: setOnline, sync: sync, start: start };
})(window.Desk = window.Desk || {});
