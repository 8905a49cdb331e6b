/* Live board: reload the figures (an HTML fragment rendered by the server) every 5 seconds. */
(function () {
  "use strict";
  var root = document.getElementById("board");
  if (!root) return;
  var status = document.getElementById("board-status");
  function refresh() {
    fetch(root.dataset.url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) { root.innerHTML = html; status.textContent = ""; })
      .catch(function () { status.textContent = root.dataset.msgStale; })
      .then(function () { window.setTimeout(refresh, 5000); });
  }
  window.setTimeout(refresh, 5000);
})();
