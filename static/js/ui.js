/* What the pages' markup asks for with data- attributes, since the Content-Security-Policy allows no inline script,
   no on…= handler and no style= attribute (conference/web/headers.py):
   - button[data-print]: prints the page;
   - form[data-confirm]: asks the question before submitting (Cancel keeps the page as it is);
   - [data-width] / [data-height]: a percentage (0-100) set as the element's width / height (progress bars, the
     board's timeline); [data-cat]: a colour set as the element's --cat custom property (badge categories).
   Styles set through the CSSOM (element.style) are allowed by the policy. A page that replaces part of itself
   calls ConferenceUI.applyStyles(element) on the new part (board.js). */
(function () {
  "use strict";
  function percent(value) {
    var n = parseFloat(value);
    return isFinite(n) ? Math.max(0, Math.min(100, n)) + "%" : "";
  }
  function each(root, selector, apply) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), apply);
  }
  function applyStyles(root) {
    each(root, "[data-width]", function (el) { el.style.width = percent(el.dataset.width); });
    each(root, "[data-height]", function (el) { el.style.height = percent(el.dataset.height); });
    each(root, "[data-cat]", function (el) { el.style.setProperty("--cat", el.dataset.cat); });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) window.print();
  });
  // Captured at the document, before the form's own listeners (upload-progress.js): a refusal stops them too.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
  applyStyles(document);
  window.ConferenceUI = { applyStyles: applyStyles };
})();
