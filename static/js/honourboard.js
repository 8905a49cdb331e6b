/* The public honour board's share button: the phone's own share sheet (Zalo, Facebook, Messenger...) through the
   Web Share API where the browser has it; elsewhere the link is copied to the clipboard and the button says so.
   The link field selects its whole text when touched, for a long press to copy. No inline script: CSP. */
(function () {
  "use strict";
  var button = document.querySelector("[data-share-url]");
  if (button) {
    var label = button.textContent;
    button.addEventListener("click", function () {
      var url = button.dataset.shareUrl;
      if (navigator.share) {
        navigator.share({ title: button.dataset.shareTitle, url: url }).catch(function () {});
        return;
      }
      if (navigator.clipboard) {
        navigator.clipboard.writeText(url).then(function () {
          button.textContent = button.dataset.copied;
          window.setTimeout(function () { button.textContent = label; }, 2500);
        }, function () {});
      }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-select-all]"), function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });
})();
