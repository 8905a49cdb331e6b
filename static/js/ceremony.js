/* The batch page: the name of who receives an award in an absent awardee's place is asked for only when
   "Người nhận thay" is chosen (the field stays in the page without JavaScript). */
(function () {
  "use strict";
  function sync(form) {
    var status = form.querySelector("[data-status]");
    var representative = form.querySelector("[data-representative]");
    if (!status || !representative) return;
    var needed = status.value === "represented";
    representative.hidden = !needed;
    representative.querySelector("input").required = needed;
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-status-form]"), function (form) {
    sync(form);
    form.addEventListener("change", function () { sync(form); });
  });
})();
