// Test-side timing of the desk's camera path: the first video frame, and the moment #result first turns
// green, in window.cameraTimes (performance.now()). Used by tests/browser/test_checkin_day.py and
// bench/bench_checkin.py; the desk's own code has no timing hook.
(() => {
  const times = window.cameraTimes = {};
  const firstFrame = () => { if (!times.firstFrame) times.firstFrame = performance.now(); };
  document.addEventListener("loadeddata", (event) => {
    if (event.target instanceof HTMLVideoElement) firstFrame();
  }, true);
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (...args) {
    if (this instanceof HTMLVideoElement && this.requestVideoFrameCallback) {
      this.requestVideoFrameCallback(firstFrame);
    }
    return play.apply(this, args);
  };
  new MutationObserver(() => {
    const result = document.getElementById("result");
    if (times.firstFrame && !times.green && result && result.classList.contains("ok")) {
      times.green = performance.now();
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["class"]});
})();
