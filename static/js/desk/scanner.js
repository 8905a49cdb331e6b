/* The desk's keyboard side: its name (kept in this browser), and the scan field a handheld scanner types a code
   into, then Enter. The scanner types into whatever has focus, so focus is kept on the scan field unless the
   clerk is typing elsewhere; on a phone with the camera on it is left alone (a focused field opens the on-screen
   keyboard). */
(function (Desk) {
  "use strict";
  var deskName = Desk.page.deskName;

  var scan = document.getElementById("scan-input");
  var search = document.getElementById("search-input");
  var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;

  function focus() { scan.focus(); }

  /* The name this browser's desk had last time; Enter in it goes back to scanning. */
  function keepDeskName() {
    // The name this browser last gave its desk first: it is the newest (the server learns it with saveDesk below),
    // while a page reopened without network from the worker's cache may carry an older session name; else the
    // session's name, else the page's default.
    var stored = window.localStorage.getItem("desk-name") || Desk.page.sessionDesk;
    if (stored) deskName.value = stored;
    deskName.addEventListener("change", function () {
      window.localStorage.setItem("desk-name", deskName.value.trim());
      Desk.api.saveDesk();  // the server keeps the name in this session
    });
    Desk.api.saveDesk();
    deskName.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); deskName.dispatchEvent(new Event("change")); scan.focus(); }
    });
  }

  /* submit(code): a code was scanned; cameraOn(): whether the camera is scanning. */
  function setup(submit, cameraOn) {
    scan.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        var code = scan.value;
        scan.value = "";
        submit(code);
      }
    });
    function refocus() {
      if (touch && cameraOn()) return;
      var active = document.activeElement;
      if (active !== search && active !== deskName && active !== scan &&
          !(active && active.closest && active.closest("#search-results"))) {
        scan.focus();
      }
    }
    scan.addEventListener("blur", function () { window.setTimeout(refocus, 150); });
    window.setInterval(refocus, 1000);
  }

  Desk.scanner = { focus: focus, keepDeskName: keepDeskName, setup: setup };
})(window.Desk = window.Desk || {});
