/* The check-in desk page: sets its parts up and registers the service worker (/desk-sw.js) that keeps the page and
   these files, so a reload without network opens the desk again, working from its IndexedDB copy (list.js). */
(function (Desk) {
  "use strict";
  var camera = Desk.camera;
  var checkin = Desk.checkin;
  var scanner = Desk.scanner;
  var screen = Desk.screen;
  var search = Desk.search;
  var sync = Desk.sync;
  var undo = Desk.undo;
  var workerUrl = Desk.page.workerUrl;

  function registerWorker() {
    // Its scope is the folder of every conference's desk (/conferences/), so one registration serves them all.
    if ("serviceWorker" in navigator && workerUrl) {
      navigator.serviceWorker.register(workerUrl, { scope: window.location.pathname.replace(/\d+\/checkin\/?$/, "") })
        .catch(screen.showNoOfflineReload);
    } else {
      screen.showNoOfflineReload();  // no service worker here (plain http on a LAN address): a reload needs the network
    }
  }

  scanner.keepDeskName();  // before anything is sent: the scans and the sync carry the desk's name
  undo.setup();
  sync.start();
  scanner.setup(checkin.submit, camera.isOn);
  registerWorker();
  camera.setup(checkin.submit);
  search.setup(checkin.submit, scanner.focus);
})(window.Desk = window.Desk || {});
