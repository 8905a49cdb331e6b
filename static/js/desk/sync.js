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

  /* data: the server's answer; sentRows: the queued rows it answers (nonce, hash of the code). */
  function sent(data, sentRows) {
    Desk.page.setServerNow(data.now);
    var hashes = {};
    sentRows.forEach(function (q) { hashes[q.nonce] = q.hash; });
    /* Who a refused scan let in: the server's delegate, else the name this desk showed at the scan (its list's,
       as the server names nobody for a revoked badge: the seat may have another holder now). */
    function whom(x) {
      if (x.delegate) return x.delegate.name;
      var entry = hashes[x.nonce] && list.entry(hashes[x.nonce]);
      return entry ? entry.name : "?";
    }
    return list.dequeue(data.results.map(function (x) { return x.nonce; })).then(function () {
      // Scans the server did not record (a badge revoked since the desk's list was saved, a device clock outside
      // the conference, …): in red, who and why (each reason once); the network bar keeps the counts and who.
      var refused = data.results.filter(function (x) { return REFUSED.indexOf(x.result) !== -1; });
      var text = fmt(MSG.synced, { n: data.synced - refused.length });
      if (data.conflicts) text += " " + fmt(MSG.conflicts, { n: data.conflicts });
      if (refused.length) {
        var who = refused.map(whom).join(", ");
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

  /* Send the queue, oldest first, at most Desk.page.syncLimit scans a request (the server refuses more): after a
     long outage the rest follows at once, request after request. */
  function sync() {
    if (syncing || !online) return Promise.resolve();
    syncing = true;
    var more = false, queued = 0;
    return list.pending().then(function (rows) {
      queued = rows.length;
      if (!rows.length) return null;
      var batch = rows.slice(0, Desk.page.syncLimit);
      // The server records the session's desk name: send it first if it changed while offline.
      return api.saveDesk().then(function () {
        return api.post(urls.sync, { conference_id: conferenceId, scans: batch.map(function (q) {
          return { code: q.code, nonce: q.nonce, scanned_at: q.scanned_at };
        }) });
      }).then(function (answer) {
        if (!answer.ok) throw new Error(String(answer.status));
        more = rows.length > batch.length;
        return sent(answer.data, batch);
      });
    }).catch(function () { more = false; /* still offline: the queue stays */ })
      .then(function () {
        syncing = false;
        return list.pending().then(function (left) {
          return more && left.length < queued ? sync() : left;  // on only while the queue shrinks
        });
      });
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
