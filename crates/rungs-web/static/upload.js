// Rungs: how far a large upload has gone, for the upload forms that ask for it
// (form[data-progress]). Progressive enhancement only: without this script, or without a file
// chosen, the form posts as usual and the answer is the same page.
"use strict";
document.querySelectorAll("form[data-progress]").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files || !input.files.length || !window.FormData) {
      return;
    }
    event.preventDefault();
    var status = form.querySelector("[data-status]");
    var bar = form.querySelector("progress");
    var button = form.querySelector("button[type=submit]");
    bar.hidden = false;
    button.disabled = true;
    var say = function (text) { status.textContent = text; };
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        bar.max = e.total;
        bar.value = e.loaded;
        say("Sent " + Math.round((100 * e.loaded) / e.total) + "% of the file.");
      }
    };
    xhr.upload.onload = function () {
      bar.removeAttribute("value");
      say("Sent. Checking every row before anything is written…");
    };
    xhr.onload = function () {
      if (xhr.status < 300 && xhr.responseURL && xhr.responseURL !== form.action) {
        window.location.assign(xhr.responseURL);
        return;
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    };
    xhr.onerror = function () {
      button.disabled = false;
      say("The upload did not get through: check the connection and send it again. Nothing was written.");
    };
    xhr.send(new FormData(form));
  });
});
