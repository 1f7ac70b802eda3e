// Class accounts (templates/classrooms/class_accounts.html, sign_in_cards.html); templates hold no inline script.
// - A button with data-print prints the page (the sign-in cards).
// - A form with data-submit-once sends once: making the accounts takes a while, and a second click would answer
//   with a refusal ("already in the class") in place of the cards, whose passwords would then be lost.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-submit-once]");
    if (!form) return;
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "true";
    form.setAttribute("aria-busy", "true");
  });
  // A page restored by the Back button may send again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      delete form.dataset.sent;
      form.removeAttribute("aria-busy");
    });
  });
})();
