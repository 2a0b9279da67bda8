// Service worker of 维权工作台: keeps the app usable with the network down after one visit.
// Its scope is the app's base (the directory it is served from). The build's version and the
// list of its files are written into the next line by scripts/post_build.mjs; the file names
// carry content hashes, and a new deployment changes that line, so the browser installs the new
// version next to the running one. The new version waits until the user chooses 重新加载 in
// the page's banner (boot.js): a page is never reloaded behind the user's back.
self.WEIQUAN_BUILD = null;

(function () {
  "use strict";
  var build = self.WEIQUAN_BUILD;
  if (!build) return; // not built by scripts/post_build.mjs: serve everything from the network
  var PREFIX = "weiquan-";
  var CACHE = PREFIX + build.version;
  var scope = self.registration.scope;
  var INDEX = new URL("index.html", scope).href;
  var precached = new Set(build.files.map(function (f) { return new URL(f, scope).href; }));

  self.addEventListener("install", function (event) {
    event.waitUntil(caches.open(CACHE).then(function (cache) {
      // cache: "reload" skips the HTTP cache, so the copies are those of this deployment.
      return cache.addAll(build.files.map(function (f) {
        return new Request(new URL(f, scope).href, { cache: "reload" });
      }));
    }));
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) {
        return k.indexOf(PREFIX) === 0 && k !== CACHE;
      }).map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); }));
  });

  // The page asks for the waiting version to take over once the user has chosen to reload.
  self.addEventListener("message", function (event) {
    if (event.data === "weiquan-activate") self.skipWaiting();
  });

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET") return;
    var url = new URL(request.url);
    url.hash = "";
    var key = url.origin + url.pathname;
    if (url.origin !== self.location.origin || key.indexOf(scope) !== 0) return;
    if (request.mode === "navigate" && !precached.has(key)) {
      // Every page of the app is index.html (the app routes by itself), as on the server.
      event.respondWith(fromCache(INDEX, request));
    } else if (precached.has(key)) {
      event.respondWith(fromCache(key, request));
    }
  });

  function fromCache(key, request) {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(key).then(function (hit) { return hit || fetch(request); });
    });
  }
})();
