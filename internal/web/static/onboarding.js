// Onboarding: fill in the browser's time zone while the field still holds the default.
(function () {
  var tz = document.getElementById("tz");
  if (tz && (tz.value === "" || tz.value === "UTC") && window.Intl) {
    tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || tz.value;
  }
})();
