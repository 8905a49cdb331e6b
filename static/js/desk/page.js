/* The desk page's settings, read once from its HTML: the server's URLs, the conference, the CSRF token, the
   translated titles and messages (and how to fill them in), the desk's name field. */
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

  /* "%(name)s" placeholders, as in the server's gettext strings. */
  function fmt(text, params) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) { return params[key] == null ? "" : params[key]; });
  }

  function hhmm(date) { return ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2); }

  Desk.page = { urls: urls, conferenceId: conferenceId, workerUrl: workerUrl, csrf: csrf, TITLES: TITLES, MSG: MSG,
    deskName: deskName, fmt: fmt, hhmm: hhmm };
})(window.Desk = window.Desk || {});
