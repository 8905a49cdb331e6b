/* Every call the desk makes to its server goes through request(): same-origin cookies, JSON bodies, the CSRF
   token on POSTs, an optional time limit. It answers {ok, status, data}, data being the JSON body whatever the
   status (the API explains a refusal in data.message). It fails with an Error whose `offline` is true when no
   answer came (no network, or nothing within the time limit) and false when the answer was not JSON (a proxy's
   error page, …). */
(function (Desk) {
  "use strict";
  var csrf = Desk.page.csrf;

  function request(url, init, timeout) {
    init.credentials = "same-origin";
    var controller = timeout && window.AbortController ? new AbortController() : null;
    if (controller) init.signal = controller.signal;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, timeout) : null;
    return fetch(url, init).then(function (response) {
      window.clearTimeout(timer);
      return response.json().then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      }, function () {
        var error = new Error("not JSON (" + response.status + ")");
        error.offline = false;
        throw error;
      });
    }, function (cause) {
      window.clearTimeout(timer);
      var error = new Error("no answer: " + cause);
      error.offline = true;
      throw error;
    });
  }

  /* POST url with `body` as JSON; options.timeout: milliseconds before giving up (none by default). */
  function post(url, body, options) {
    return request(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body)
    }, options && options.timeout);
  }

  /* GET url; options.fresh: never from the browser's HTTP cache. */
  function get(url, options) {
    return request(url, options && options.fresh ? { cache: "no-store" } : {}, options && options.timeout);
  }

  /* The desk's name is kept by the server in this session (it records it with every scan, undo and sync): send the
     name field's value when it differs from the one the server has. Resolves true once the server has it, false
     when it could not be sent (no network: tried again before the next scan or sync). */
  var savedDesk = Desk.page.sessionDesk;
  function saveDesk() {
    var name = Desk.page.deskName.value.trim().replace(/\s+/g, " ");
    if (!name) return Promise.resolve(false);
    if (name === savedDesk) return Promise.resolve(true);
    return post(Desk.page.urls.desk, { desk: name }, { timeout: 5000 }).then(function (answer) {
      if (answer.ok) savedDesk = answer.data.desk;
      return answer.ok;
    }, function () { return false; });
  }

  Desk.api = { post: post, get: get, saveDesk: saveDesk };
})(window.Desk = window.Desk || {});
