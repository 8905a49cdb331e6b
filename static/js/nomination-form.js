// The nomination form (form[data-nomination-form]): choosing "Tập thể" hides a person's fields
// ([data-person-only]: gender, birth, ethnicity, education, party member, direct worker; the server drops
// them for a collective too), and each text box with data-counter="ID" shows its length in element ID,
// "{n} / {max} ký tự" from that element's data-template, counting characters as the server does.
(function () {
  "use strict";
  var form = document.querySelector("form[data-nomination-form]");
  if (!form) {
    return;
  }
  var kind = form.querySelector("select[name=kind]");
  function showPersonFields() {
    var collective = kind.value === "collective";
    form.querySelectorAll("[data-person-only]").forEach(function (block) {
      block.classList.toggle("d-none", collective);
    });
  }
  if (kind) {
    kind.addEventListener("change", showPersonFields);
    showPersonFields();
  }
  form.querySelectorAll("[data-counter]").forEach(function (box) {
    var out = document.getElementById(box.dataset.counter);
    var max = box.getAttribute("maxlength");
    if (!out) {
      return;
    }
    function count() {
      var length = box.value.normalize("NFC").length;
      out.textContent = out.dataset.template.replace("{n}", String(length)).replace("{max}", max);
      out.classList.toggle("text-danger", max !== null && length >= Number(max));
    }
    box.addEventListener("input", count);
    count();
  });
})();
