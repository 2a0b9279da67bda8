// Boot watchdog for 维权工作台: if the WebAssembly app does not start, say so in Chinese
// instead of leaving a blank page. The app marks <body data-app="ready"> once mounted.
// Also registers the service worker (public/sw.js, for offline use) and, when a new version
// has been deployed and downloaded, shows the update banner of index.html; the page reloads
// only when the user presses its 重新加载 button, never by itself.
(function () {
  "use strict";
  var LIMIT_MS = 20000;
  function showFatal(detail) {
    if (document.body && document.body.getAttribute("data-app") === "ready") return;
    var box = document.getElementById("fatal");
    var boot = document.getElementById("boot");
    if (!box) return;
    if (boot) boot.hidden = true;
    var text = document.getElementById("fatal-text");
    if (text) {
      text.textContent = "程序未能加载。可能是网络中断、浏览器版本过旧（需要支持 WebAssembly），或页面文件不完整。";
    }
    var pre = document.getElementById("fatal-detail");
    if (pre) pre.textContent = String(detail || "");
    box.hidden = false;
  }
  if (typeof WebAssembly !== "object") {
    document.addEventListener("DOMContentLoaded", function () {
      showFatal("此浏览器不支持 WebAssembly");
    });
    return;
  }
  window.addEventListener("unhandledrejection", function (e) {
    showFatal(e.reason && (e.reason.stack || e.reason.message || e.reason));
  });
  window.addEventListener("error", function (e) {
    var t = e.target;
    if (t && t !== window && (t.tagName === "SCRIPT" || t.tagName === "LINK")) {
      showFatal("无法加载文件：" + (t.src || t.href));
    }
  }, true);
  window.addEventListener("load", function () {
    setTimeout(function () { showFatal("加载超时（" + LIMIT_MS / 1000 + " 秒）"); }, LIMIT_MS);
  });

  registerServiceWorker();
})();

// Service workers (and persistent storage) need a secure context: HTTPS, or localhost.
function registerServiceWorker() {
  "use strict";
  var meta = document.querySelector('meta[name="weiquan-base"]');
  if (!meta || !window.isSecureContext || !("serviceWorker" in navigator)) return;
  var base = meta.getAttribute("content") || "/";
  var sw = navigator.serviceWorker;
  var userChoseReload = false;
  var hadController = !!sw.controller;

  function showBanner() {
    var banner = document.getElementById("update-banner");
    if (!banner || !banner.hidden) return;
    // After the app in reading order, so the skip link stays the first thing on the page.
    document.body.appendChild(banner);
    banner.hidden = false;
  }
  function watch(reg) {
    if (!reg) return; // service workers disabled (a policy or an automation setting)
    if (reg.waiting && sw.controller) showBanner();
    reg.addEventListener("updatefound", function () {
      var worker = reg.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        // "installed" with a controller in place: a new version waits for the user.
        if (worker.state === "installed" && sw.controller) showBanner();
      });
    });
    var button = document.getElementById("update-reload");
    if (button) {
      button.addEventListener("click", function () {
        userChoseReload = true;
        button.disabled = true;
        if (reg.waiting) reg.waiting.postMessage("weiquan-activate");
        else window.location.reload();
        // The reload normally follows the new version's takeover (controllerchange below);
        // should that never be reported, the page still reloads rather than leave the user
        // with a disabled button.
        setTimeout(function () { window.location.reload(); }, 5000);
      });
    }
    // A long-open page still learns of a new deployment (checked hourly; offline: no news).
    setInterval(function () { reg.update().catch(function () {}); }, 60 * 60 * 1000);
  }
  sw.addEventListener("controllerchange", function () {
    if (userChoseReload) { window.location.reload(); return; }
    // Another tab activated the new version: this page keeps working as it is; say so.
    if (hadController) showBanner();
    hadController = true;
  });
  sw.register(base + "sw.js", { scope: base }).then(watch, function (e) {
    console.warn("维权工作台：离线功能未能启用", e);
  });
}
