/* Scanning with the phone's camera: the back camera's video, read for QR codes by the barcode-detector polyfill
   (its zxing wasm served from /static) every 120 ms; each code read is handed on, the same one again only after
   4 s. The browser offers a camera only in a secure context (https://, or localhost). Left on, it comes back on
   when the page reopens. */
(function (Desk) {
  "use strict";
  var screen = Desk.screen;
  var MSG = Desk.page.MSG, urls = Desk.page.urls;

  var button = document.getElementById("camera-toggle");
  var box = document.getElementById("camera-box");
  var video = document.getElementById("camera");
  var zxing = window.BarcodeDetectionAPI;
  var on = false, detector = null, stream = null, lastSeen = { code: "", at: 0 }, onCode = null;

  function locateWasm(path, prefix) { return path.slice(-5) === ".wasm" ? urls.wasm : prefix + path; }

  function isOn() { return on; }

  function start() {
    if (!window.isSecureContext) {  // plain http:// on the LAN: the browser withholds the camera
      screen.show("bad", "✖", "", MSG.camera_insecure); return;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !zxing) {
      screen.show("bad", "✖", "", MSG.camera_error); return;
    }
    // Load and compile the wasm now, while the camera starts, not at the first frame.
    zxing.prepareZXingModule({ overrides: { locateFile: locateWasm }, fireImmediately: true });
    detector = detector || new zxing.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      on = true;
      video.srcObject = s;
      box.classList.remove("d-none");
      button.textContent = button.dataset.on;
      window.localStorage.setItem("desk-camera", "1");
      return video.play();
    }).then(function () {
      screen.show("idle", MSG.camera_on, "", "");
      tick();
    }).catch(function () { stop(); screen.show("bad", "✖", "", MSG.camera_error); });
  }

  function stop() {
    on = false;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    box.classList.add("d-none");
    button.textContent = button.dataset.off;
    window.localStorage.removeItem("desk-camera");
  }

  function tick() {
    if (!on) return;
    if (video.readyState < 2) { window.setTimeout(tick, 100); return; }
    detector.detect(video).then(function (codes) {
      var now = Date.now();
      var code = codes.length ? codes[0].rawValue : "";
      if (code && !(code === lastSeen.code && now - lastSeen.at < 4000)) onCode(code);
      if (code) lastSeen = { code: code, at: now };
    }).catch(function () {}).then(function () { window.setTimeout(tick, 120); });
  }

  /* handler(code): called with each code the camera reads. */
  function setup(handler) {
    onCode = handler;
    if (zxing && zxing.prepareZXingModule) zxing.prepareZXingModule({ overrides: { locateFile: locateWasm } });
    button.addEventListener("click", function () { if (on) { stop(); } else { start(); } });
    if (window.localStorage.getItem("desk-camera") === "1") start();
  }

  Desk.camera = { isOn: isOn, setup: setup };
})(window.Desk = window.Desk || {});
