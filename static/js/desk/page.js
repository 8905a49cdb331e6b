/* The desk page's settings, read once from its HTML: the server's URLs, the conference, the CSRF token, the
   translated titles and messages (and how to fill them in), the desk's name field and the name the server keeps
   for this session, and the server's clock: the desk shows times by the server's clock, in Vietnam's time, never
   by the device's (a phone's clock may be years off). */
(function (Desk) {
  "use strict";
  var root = document.getElementById("desk");

  var urls = JSON.parse(root.dataset.urls);
  var conferenceId = parseInt(root.dataset.conference, 10);
  var workerUrl = root.dataset.worker;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var TITLES = JSON.parse(document.getElementById("desk-titles").textContent);
  var MSG = JSON.parse(document.getElementById("desk-messages").textContent);
  var deskName = document.getElementById("desk-name");
  var sessionDesk = root.dataset.desk || "";

  /* The fallback code a clerk typed ("acde-fghj"), in its stored form ("ACDEFGHJ"), or null: the rule of
     conference.core.shortcode.read_short_code, with its alphabet and length from the page. */
  var FALLBACK_ALPHABET = root.dataset.fallbackAlphabet, FALLBACK_LENGTH = parseInt(root.dataset.fallbackLength, 10);
  // Most scans one sync request may carry (conference.checkin.views.SYNC_LIMIT).
  var syncLimit = parseInt(root.dataset.syncLimit, 10) || 100;
  function fallbackCode(text) {
    if (!text || text.length > 4 * FALLBACK_LENGTH) return null;
    var code = text.replace(/[ \t\r\n-]/g, "").toUpperCase();  // the separators the server drops, no other space
    if (code.length !== FALLBACK_LENGTH) return null;
    for (var i = 0; i < code.length; i++) if (FALLBACK_ALPHABET.indexOf(code[i]) < 0) return null;
    return code;
  }

  // The server's clock, learnt from each answer that carries "now" (the badge list, the sync) and carried on by
  // the page's monotonic clock (performance.now), which a change of the device's clock does not move. Until the
  // first answer: the server's clock minus the device's as last kept in this browser (a page reopened from the
  // service worker's cache carries the time it was first served), else the page's.
  var KEY = "desk-clock-offset";
  var learnt = null;  // {server: ms, mono: performance.now() then}
  function setServerNow(ms) {
    if (typeof ms !== "number") return;
    learnt = { server: ms, mono: window.performance.now() };
    try { window.localStorage.setItem(KEY, String(ms - Date.now())); } catch (e) { /* private mode: this page only */ }
  }
  (function () {
    var kept = parseInt(window.localStorage.getItem(KEY), 10);
    var served = parseInt(root.dataset.now, 10);
    var start = !isNaN(kept) ? Date.now() + kept : (!isNaN(served) ? served : Date.now());
    learnt = { server: start, mono: window.performance.now() };
  })();
  function now() { return new Date(learnt.server + window.performance.now() - learnt.mono); }

  /* The parts of a moment in Vietnam's time (UTC+7 all year). */
  function vn(date) {
    var d = new Date(date.getTime() + 7 * 3600 * 1000);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() };
  }
  function two(n) { return ("0" + n).slice(-2); }

  /* "%(name)s" placeholders, as in the server's gettext strings. */
  function fmt(text, params) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) { return params[key] == null ? "" : params[key]; });
  }

  function hhmm(date) { var t = vn(date); return two(t.h) + ":" + two(t.min); }
  function ddmmyyyy(date) { var t = vn(date); return two(t.d) + "/" + two(t.m) + "/" + t.y; }

  Desk.page = { urls: urls, conferenceId: conferenceId, workerUrl: workerUrl, csrf: csrf, TITLES: TITLES, MSG: MSG,
    deskName: deskName, sessionDesk: sessionDesk, fmt: fmt, hhmm: hhmm, ddmmyyyy: ddmmyyyy, now: now,
    setServerNow: setServerNow, fallbackCode: fallbackCode, syncLimit: syncLimit };
})(window.Desk = window.Desk || {});
