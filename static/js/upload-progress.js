// Upload a form with a progress bar (form[data-progress] names the bar), then show the page the server
// answers. Without JavaScript the form posts normally.
document.querySelectorAll("form[data-progress]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (!window.XMLHttpRequest || !window.FormData) return;
    event.preventDefault();
    var box = document.getElementById(form.dataset.progress);
    var bar = box.querySelector(".progress-bar");
    var text = document.getElementById(form.dataset.progress + "-text");
    box.classList.remove("d-none");
    text.classList.remove("d-none");
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var pct = Math.round(100 * e.loaded / e.total);
      bar.style.width = pct + "%";
      box.setAttribute("aria-valuenow", pct);
      text.textContent = text.dataset.uploading + " " + pct + "%";
    });
    xhr.upload.addEventListener("load", function () {
      bar.style.width = "100%";
      text.textContent = text.dataset.checking;
    });
    xhr.addEventListener("load", function () {
      if (xhr.responseURL) history.replaceState(null, "", xhr.responseURL);
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", function () { form.submit(); });
    xhr.send(new FormData(form));
  });
});
