/* The move page (templates/seating/move.html): an input[data-filter-select="<name>"] narrows the select of that
   name to the delegates whose option text holds every typed word, accents and case ignored ("nguyen lan" finds
   "Nguyễn Thị Lan"), and selects the first one shown, so on a phone nobody scrolls a list of 250 names. */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-filter-select]"), function (input) {
    var form = input.form || document;
    var select = form.querySelector("select[name='" + input.dataset.filterSelect + "']");
    if (!select) return;
    var options = Array.prototype.slice.call(select.options);
    var texts = options.map(function (option) { return fold(option.text); });
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var first = null;
      options.forEach(function (option, i) {
        var shown = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
        option.hidden = !shown;
        option.disabled = !shown;
        if (shown && first === null) first = option;
      });
      if (first && (select.selectedOptions.length === 0 || select.selectedOptions[0].hidden)) first.selected = true;
    });
  });
})();
