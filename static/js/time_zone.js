// The browser's time zone in a cookie, so that times show in it until the
// user chooses one on the account page (accounts/time_zones.py).
(function () {
  "use strict";
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) {
      document.cookie = "browser_time_zone=" + encodeURIComponent(zone) +
        "; path=/; max-age=31536000; SameSite=Lax";
    }
  } catch (error) {
    // No Intl: the server's time zone applies.
  }
})();
