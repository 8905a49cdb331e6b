// A header checkbox with data-check-all="NAME" ticks or clears every checkbox named NAME.
document.querySelectorAll("[data-check-all]").forEach(function (master) {
  master.addEventListener("change", function () {
    document.querySelectorAll('input[type=checkbox][name="' + master.dataset.checkAll + '"]').forEach(function (box) {
      box.checked = master.checked;
    });
  });
});
