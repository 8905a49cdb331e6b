/* The desk's offline memory in IndexedDB: the conference's valid badge list (hashes of codes, name, unit) and
   the queue of scans made without network. Promise-returning helpers. */
(function (Desk) {
  "use strict";
  var DB_NAME = "conference-desk";
  var opening = null;

  function open() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var request = window.indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          var db = request.result;
          db.createObjectStore("badges", { keyPath: "conference_id" });
          var queue = db.createObjectStore("queue", { keyPath: "nonce" });
          queue.createIndex("conference_id", "conference_id");
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return opening;
  }

  function run(store, mode, action) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode);
        var result;
        var request = action(tx.objectStore(store));
        if (request) request.onsuccess = function () { result = request.result; };
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  /* {conference_id, fetched_at, badges: {hash: {name, unit, badge, colour, checked_in_at, desk}}} */
  function saveList(list) { return run("badges", "readwrite", function (s) { return s.put(list); }); }
  function loadList(conferenceId) { return run("badges", "readonly", function (s) { return s.get(conferenceId); }); }

  /* {nonce, conference_id, code, hash, desk, scanned_at} */
  function enqueue(scan) { return run("queue", "readwrite", function (s) { return s.put(scan); }); }
  function remove(nonces) {
    return run("queue", "readwrite", function (s) { nonces.forEach(function (n) { s.delete(n); }); return null; });
  }
  function queued(conferenceId) {
    return run("queue", "readonly", function (s) { return s.index("conference_id").getAll(conferenceId); })
      .then(function (rows) { return (rows || []).sort(function (a, b) { return a.scanned_at < b.scanned_at ? -1 : 1; }); });
  }

  Desk.store = { saveList: saveList, loadList: loadList, enqueue: enqueue, remove: remove, queued: queued };
})(window.Desk = window.Desk || {});
