/* Live board: reload the figures (an HTML fragment rendered by the server) every 5 seconds; when the desks were
   closed or reopened elsewhere, reload the page so its buttons match. The forms' confirmations: ui.js. */
(function () {
  "use strict";
  var root = document.getElementById("board");
  if (!root) return;
  var status = document.getElementById("board-status");
  function refresh() {
    fetch(root.dataset.url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        root.innerHTML = html;
        window.ConferenceUI.applyStyles(root);  // the fragment's bar widths and colours (ui.js)
        status.textContent = "";
        var closed = root.querySelector("[data-testid=board-closed]") ? "1" : "0";
        if (closed !== root.dataset.closed) window.location.reload();
      })
      .catch(function () { status.textContent = root.dataset.msgStale; })
      .then(function () { window.setTimeout(refresh, 5000); });
  }
  window.setTimeout(refresh, 5000);
})();
