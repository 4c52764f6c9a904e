// Swagger UI draws some controls without a name and code samples that
// scroll but cannot be reached by the keyboard; this names and reaches them
// as they appear (operations open and close as the reader goes).
(function () {
  "use strict";
  var names = document.currentScript.dataset;

  function mend(root) {
    root.querySelectorAll("textarea:not([aria-label]):not([id])").forEach(function (element) {
      element.setAttribute("aria-label", names.bodyLabel);
    });
    root.querySelectorAll("select:not([aria-label])").forEach(function (element) {
      var label = element.closest("label") || (element.id && root.querySelector("label[for='" + element.id + "']"));
      if (!label) { element.setAttribute("aria-label", names.selectLabel); }
    });
    root.querySelectorAll("pre.microlight:not([tabindex]), .highlight-code pre:not([tabindex])").forEach(function (element) {
      element.setAttribute("tabindex", "0");
      element.setAttribute("role", "region");
      element.setAttribute("aria-label", names.exampleLabel);
    });
  }

  new MutationObserver(function () { mend(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();
