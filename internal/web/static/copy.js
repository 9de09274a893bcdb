// Copy buttons: a button with data-copy="id" copies that field's value and
// says so in the element named by data-status. The buttons are hidden in
// the page and shown here, so without JavaScript (or without the clipboard,
// which browsers give only to https pages and localhost) the read-only
// field alone shows, its text there to select.
(function () {
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!field) {
      return;
    }
    var say = function (text) {
      if (status) {
        status.textContent = text;
      }
    };
    button.hidden = false;
    field.addEventListener("focus", function () { field.select(); });
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        say("Copied.");
      }, function () {
        field.select();
        say("Your browser did not allow copying. The address is selected: copy it with your keyboard.");
      });
    });
  });
})();
