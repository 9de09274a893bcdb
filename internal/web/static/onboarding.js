// Onboarding: before a time zone is saved, choose the browser's own, when
// the list has it. Without JavaScript the select stays at UTC.
(function () {
  var tz = document.getElementById("tz");
  if (!tz || !tz.hasAttribute("data-guess") || !window.Intl) {
    return;
  }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (var i = 0; i < tz.options.length; i++) {
    if (tz.options[i].value === zone) {
      tz.value = zone;
      return;
    }
  }
})();
