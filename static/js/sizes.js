// Sizes given as data-inline-size="37.5" (a percentage) become the element's inline size.
// Templates hold no style attribute, so the Content-Security-Policy needs no 'unsafe-inline' for styles;
// a style set from a script file, as here, is allowed.
(function () {
  "use strict";

  function applySizes(root) {
    root.querySelectorAll("[data-inline-size]").forEach(function (element) {
      var percent = parseFloat(element.dataset.inlineSize);
      if (!isNaN(percent)) element.style.inlineSize = Math.min(Math.max(percent, 0), 100) + "%";
    });
  }

  document.addEventListener("DOMContentLoaded", function () { applySizes(document); });
  document.addEventListener("htmx:afterSwap", function (event) { applySizes(event.target); });
})();
