/* This desk's offline copy of the conference: the valid badges by SHA-256 of their code (name, unit, badge,
   colour, when and at which desk checked in) and the queue of scans made without network, both kept in IndexedDB
   (store.js) so a reload without network works from them. */
(function (Desk) {
  "use strict";
  var api = Desk.api;
  var screen = Desk.screen;
  var store = Desk.store;
  var conferenceId = Desk.page.conferenceId, urls = Desk.page.urls;

  var list = null;      // hash -> {name, unit, badge, colour, seat, checked_in_at, desk, fallback_hash}
  var aliases = {};     // fallback_hash -> hash
  var listTime = null;  // when the server gave that list (a Date)

  function loaded() { return list !== null; }

  /* The badge with this code hash, if the list has it (changes to it are kept by save()). */
  function entry(hash) { return list ? list[hash] : undefined; }

  /* The list's hash of the badge a scanned or typed code names: the code's own SHA-256, or, for a fallback code
     typed by hand, the hash of the badge whose fallback code it is (services.fallback_hash); else the code's. */
  function hashOf(code) {
    var hash = window.sha256(code);
    if (list && list[hash]) return hash;
    var short = Desk.page.fallbackCode(code);
    var alias = short && aliases[window.sha256(conferenceId + ":" + short)];
    return alias || hash;
  }

  /* The scans still queued (oldest first); the pending count on screen follows. */
  function pending() {
    return store.queued(conferenceId).then(function (rows) { screen.setPending(rows.length); return rows; });
  }
  function enqueue(scan) { return store.enqueue(Object.assign({ conference_id: conferenceId }, scan)); }
  function dequeue(nonces) { return store.remove(nonces); }

  /* Work from this badge list (fresh from the server, or the copy kept in IndexedDB when the page opened without
     network), unless a newer one is in use already. */
  function adopt(map, fetchedAt) {
    return pending().then(function (rows) {
      if (list && listTime > fetchedAt) return false;
      rows.forEach(function (q) {  // scans still queued here count as arrived in this desk's copy
        if (map[q.hash] && !map[q.hash].checked_in_at) { map[q.hash].checked_in_at = q.scanned_at; map[q.hash].desk = q.desk; }
      });
      list = map;
      aliases = {};
      Object.keys(map).forEach(function (h) { if (map[h].fallback_hash) aliases[map[h].fallback_hash] = h; });
      listTime = fetchedAt;
      screen.setArrived(Object.keys(map).filter(function (h) { return map[h].checked_in_at; }).length);
      screen.showList(Object.keys(map).length, fetchedAt);
      return true;
    });
  }

  /* Keep the desk's copy, arrivals included, for a reload without network. */
  function save() {
    if (!list) return Promise.resolve();
    return store.saveList({ conference_id: conferenceId, fetched_at: listTime.toISOString(), badges: list })
      .catch(function () {});
  }

  /* The list from the server; fails with error.offline when there is no network. */
  function fetchList() {
    return api.get(urls.badges, { fresh: true }).then(function (answer) {
      if (!answer.ok) throw new Error(String(answer.status));
      var map = {};
      answer.data.badges.forEach(function (b) { map[b.hash] = b; });
      Desk.page.setServerNow(answer.data.now);
      return adopt(map, Desk.page.now()).then(save);
    });
  }

  /* The copy saved in IndexedDB, used until (unless) the server's arrives. */
  function restore() {
    return store.loadList(conferenceId).then(function (saved) {
      if (saved && !list) return adopt(saved.badges, new Date(saved.fetched_at));
    }).catch(function () {});
  }

  Desk.list = { loaded: loaded, entry: entry, hashOf: hashOf, pending: pending, enqueue: enqueue, dequeue: dequeue, save: save,
    fetchList: fetchList, restore: restore };
})(window.Desk = window.Desk || {});
