// Boot watchdog for 维权工作台: if the WebAssembly app does not start, say so in Chinese
// instead of leaving a blank page. The app marks <body data-app="ready"> once mounted.
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
})();
