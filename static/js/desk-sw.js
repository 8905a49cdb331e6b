/* The check-in desk's service worker: a desk opened once with network opens again without it (reload, new tab).
   Served by GET /desk-sw.js (conference/checkin/views.py, desk_worker), which puts
   `self.DESK = {version, assets}` in front of this file; desk/main.js registers it with the scope
   <root>/conferences/.

   - The desk page (<scope><id>/checkin): network first. A 200 answer replaces the cached copy; a redirect (to the
     login page), 401, 403 or 404 deletes it (this browser's user may no longer open it); no network, a 5xx answer
     or no answer within PAGE_TIMEOUT: the cached copy, if there is one. Kept in the cache "desk-pages".
   - The static files the desk loads (DESK.assets, zxing's wasm included): cache first, from
     "desk-assets-<version>". The version is a hash of those files and of this script: a deployment that changes
     any of them changes /desk-sw.js, the browser installs the new worker, it takes over at once (skipWaiting,
     clients.claim) and deletes the other "desk-assets-*" caches.
   - Everything else (the /api/ calls, every other page and file): not answered here, the browser asks the network.
   The login page, shown to a logged-out browser, deletes "desk-pages" (static/js/forget-desk.js). */
(function () {
  "use strict";
  var ASSETS = "desk-assets-" + self.DESK.version;
  var PAGES = "desk-pages";
  var PAGE_TIMEOUT = 4000;  // ms: a venue's overloaded Wi-Fi that answers nothing is treated as no network
  var assetUrls = self.DESK.assets.map(function (path) { return new URL(path, self.location.href).href; });
  var scope = new URL(self.registration.scope);

  function isDesk(url) {
    return url.origin === scope.origin && url.pathname.indexOf(scope.pathname) === 0 &&
      /^\d+\/checkin$/.test(url.pathname.slice(scope.pathname.length));
  }
  function pageKey(url) { return url.origin + url.pathname; }  // ?lang=… and the like: one copy per desk

  /* Keep a desk page the network answered, or forget it if the answer says it is not ours any more. */
  function remember(key, response) {
    if (response.status === 200 && response.type === "basic") {
      var copy = response.clone();
      return caches.open(PAGES).then(function (cache) { return cache.put(key, copy); });
    }
    if (response.status < 500) {  // 0 = the redirect to the login page (navigations see it opaque), 401, 403, 404
      return caches.open(PAGES).then(function (cache) { return cache.delete(key); });
    }
    return Promise.resolve();
  }

  function deskPage(event) {
    var key = pageKey(new URL(event.request.url));
    var cached = caches.open(PAGES).then(function (cache) { return cache.match(key); });
    var network = fetch(event.request);
    // Registered before the answer below, so the copy is taken before the browser reads the body.
    event.waitUntil(network.then(function (response) { return remember(key, response); }).catch(function () {}));
    return new Promise(function (resolve, reject) {
      var done = false;
      function answer(response) { if (!done) { done = true; resolve(response); } }
      var timer = setTimeout(function () { cached.then(function (copy) { if (copy) answer(copy); }); }, PAGE_TIMEOUT);
      network.then(function (response) {
        clearTimeout(timer);
        if (response.status < 500) { answer(response); return; }
        cached.then(function (copy) { answer(copy || response); });
      }, function (error) {
        clearTimeout(timer);
        cached.then(function (copy) {
          if (copy) { answer(copy); } else if (!done) { done = true; reject(error); }  // the browser's offline page
        });
      });
    });
  }

  function asset(request, url) {
    return caches.open(ASSETS).then(function (cache) {
      return cache.match(url).then(function (hit) {
        return hit || fetch(request).then(function (response) {
          if (response.ok) cache.put(url, response.clone());
          return response;
        });
      });
    });
  }

  /* The desk pages open in this browser (the one registering this worker is not controlled yet). */
  function storeOpenDesks() {
    return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (clients) {
      return Promise.all(clients.map(function (client) {
        var url = new URL(client.url);
        if (!isDesk(url)) return null;
        return fetch(pageKey(url) + url.search, { credentials: "same-origin", cache: "no-store", redirect: "manual" })
          .then(function (response) { return remember(pageKey(url), response); })
          .catch(function () {});
      }));
    });
  }

  self.addEventListener("install", function (event) {
    event.waitUntil(
      caches.open(ASSETS)
        .then(function (cache) {  // "reload": the files as deployed now, not the browser's HTTP cache
          return cache.addAll(assetUrls.map(function (url) { return new Request(url, { cache: "reload" }); }));
        })
        .then(storeOpenDesks)
        .then(function () { return self.skipWaiting(); })
    );
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(
      caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (key) { return key.indexOf("desk-assets-") === 0 && key !== ASSETS; })
          .map(function (key) { return caches.delete(key); }));
      }).then(function () { return self.clients.claim(); })
    );
  });

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET") return;
    var url = new URL(request.url);
    if (request.mode === "navigate" && isDesk(url)) { event.respondWith(deskPage(event)); return; }
    var bare = url.origin + url.pathname;
    if (assetUrls.indexOf(bare) !== -1) event.respondWith(asset(request, bare));
  });
})();
