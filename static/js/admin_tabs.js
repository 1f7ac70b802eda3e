// The admin's translation tabs (django-modeltranslation): a new inline row opens on the language tab the
// author used last, not on the page's language. modeltranslation builds the new row's tabs in its own click
// handler on "Add another", after Django's inlines.js has announced the row (formset:added): hence the
// zero-delay wait before choosing the tab.
(function () {
  "use strict";
  let lastLanguage = null;

  document.addEventListener("click", (event) => {
    const tab = event.target.closest(".ui-tabs-nav a");
    if (tab) lastLanguage = tab.textContent.trim();
  }, true);

  document.addEventListener("formset:added", (event) => {
    if (!lastLanguage) return;
    const row = event.target;
    window.setTimeout(() => {
      row.querySelectorAll(".ui-tabs-nav").forEach((nav) => {
        const tab = Array.from(nav.querySelectorAll("a")).find((a) => a.textContent.trim() === lastLanguage);
        if (tab && !tab.closest("li").classList.contains("ui-tabs-active")) tab.click();
      });
    }, 0);
  });
})();
