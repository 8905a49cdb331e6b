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

  /* The name this browser gave its desk and when, by the server's clock: {name, at} (an older version kept the
     name alone). */
  function keptName() {
    var raw = window.localStorage.getItem("desk-name");
    try {
      var kept = JSON.parse(raw);
      if (kept && typeof kept.name === "string") return kept;
    } catch (e) { /* the older plain string */ }
    return raw ? { name: raw, at: 0 } : null;
  }

  /* The name this browser's desk had last time; Enter in it goes back to scanning. */
  function keepDeskName() {
    // The session's name (the server's) first, unless this browser renamed its desk after the page was rendered
    // (a page reopened without network from the worker's cache is older than the last rename); else the one this
    // browser had, else the page's default.
    var kept = keptName();
    var session = Desk.page.sessionDesk;
    var stored = session && !(kept && kept.at > Desk.page.servedAt) ? session : (kept ? kept.name : "");
    if (stored) deskName.value = stored;
    deskName.addEventListener("change", function () {
      window.localStorage.setItem("desk-name",
                                  JSON.stringify({ name: deskName.value.trim(), at: Desk.page.now().getTime() }));
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
