// Trademark image search: drop an image on a drop zone to fill its file input (the form works
// without this script: the plain file input posts a multipart form); composite weights show
// only in composite mode.
(function () {
  "use strict";

  function preview(zone, file) {
    var old = zone.querySelector(".drop-preview");
    if (old) { old.remove(); }
    if (!file || !/^image\/(png|jpeg|gif)$/.test(file.type)) { return; }
    var image = document.createElement("img");
    image.className = "drop-preview";
    image.alt = file.name;
    var reader = new FileReader();
    reader.onload = function () { image.src = reader.result; };
    reader.readAsDataURL(file);
    zone.appendChild(image);
  }

  document.querySelectorAll(".drop-zone[data-drop-into]").forEach(function (zone) {
    var input = document.getElementById(zone.getAttribute("data-drop-into"));
    if (!input) { return; }
    input.addEventListener("change", function () { preview(zone, input.files[0]); });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "dragend"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("dragging");
      var files = event.dataTransfer && event.dataTransfer.files;
      if (!files || files.length === 0) { return; }
      if (input.multiple) {
        input.files = files;
      } else {
        var one = new DataTransfer();
        one.items.add(files[0]);
        input.files = one.files;
      }
      preview(zone, input.files[0]);
      // A single dropped query image searches at once.
      if (!input.multiple && input.form && input.form.id === "marks-form") { input.form.requestSubmit(); }
    });
  });

  var mode = document.getElementById("mode");
  var weights = document.getElementById("weights");
  if (mode && weights) {
    var update = function () { weights.hidden = mode.value !== "composite"; };
    mode.addEventListener("change", update);
    update();
  }
})();
