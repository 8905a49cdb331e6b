/* Search by name, for a delegate who forgot the badge: the matching delegates (from 2 letters typed), each with a
   check-in button (or "already here") and a reprint button that opens the new badge in a new tab. */
(function (Desk) {
  "use strict";
  var api = Desk.api;
  var screen = Desk.screen;
  var MSG = Desk.page.MSG, csrf = Desk.page.csrf, fmt = Desk.page.fmt, urls = Desk.page.urls;

  var search = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var checkIn = null, backToScanning = null, timer = null;

  function reprint(d) {
    if (!window.confirm(fmt(MSG.reprint_confirm, { name: d.name }))) return;
    var form = document.createElement("form");
    form.method = "post";
    form.action = urls.reprint.replace("/0/reprint", "/" + d.id + "/reprint");
    form.target = "_blank";
    var token = document.createElement("input");
    token.type = "hidden"; token.name = "csrf_token"; token.value = csrf;
    form.appendChild(token);
    document.body.appendChild(form);
    form.submit();
    form.remove();
  }

  function button(label, css, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm " + css;
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
  }

  function row(d) {
    var li = document.createElement("li");
    li.className = "list-group-item d-flex flex-wrap gap-2 justify-content-between align-items-center";
    var label = document.createElement("span");
    label.textContent = d.name + " — " + d.unit + " (" + d.category + ")";
    li.appendChild(label);
    var actions = document.createElement("span");
    actions.className = "d-flex gap-1";
    if (d.checked_in) {
      var tag = document.createElement("span");
      tag.className = "badge text-bg-warning align-self-center";
      tag.textContent = MSG.checked;
      actions.appendChild(tag);
    } else {
      actions.appendChild(button(MSG.checkin, "btn-success", function () {
        checkIn(d.code);
        search.value = "";
        results.innerHTML = "";
        backToScanning();
      }));
    }
    actions.appendChild(button(MSG.reprint, "btn-outline-secondary", function () { reprint(d); }));
    li.appendChild(actions);
    return li;
  }

  function run() {
    var q = search.value.trim();
    results.innerHTML = "";
    if (q.length < 2) return;
    api.get(urls.search + "?q=" + encodeURIComponent(q))
      .then(function (answer) {
        var data = answer.data;
        results.innerHTML = "";
        if (!data.delegates.length) {
          var empty = document.createElement("li");
          empty.className = "list-group-item text-muted";
          empty.textContent = MSG.empty;
          results.appendChild(empty);
        }
        data.delegates.forEach(function (d) { results.appendChild(row(d)); });
      }).catch(function () { screen.show("bad", "✖", "", MSG.network); });
  }

  /* onCheckIn(code): check this delegate in; onDone(): back to the scan field. */
  function setup(onCheckIn, onDone) {
    checkIn = onCheckIn;
    backToScanning = onDone;
    search.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 250);
    });
  }

  Desk.search = { setup: setup };
})(window.Desk = window.Desk || {});
