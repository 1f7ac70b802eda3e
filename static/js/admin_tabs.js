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

// Accessibility repairs for what Django, jQuery UI and Select2 build in the browser (issue 14: axe-core finds
// nothing on any admin page). They run on every change of the page (one observer, idempotent passes), so rows
// added later, tabs switched and Select2 boxes redrawn are repaired too. The names come from the page itself or
// from the translated data-* attributes of this script's own tag (templates/admin/base_site.html).
(function () {
  "use strict";
  const strings = (document.currentScript && document.currentScript.dataset) || {};
  const TAB_STATE = ["aria-controls", "aria-selected", "aria-expanded", "tabindex"];

  function set(el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  // jQuery UI's tabs put role="tab" on the <li> with a focusable <a> inside: an interactive element inside
  // another. The role and the tab's state move to the <a>; the <li> becomes presentation. jQuery UI writes the
  // state to the <li> again on every switch, and the observer moves it again; its panel look-up reads the
  // <li>'s aria-controls, so it learns to read the <a>'s.
  const $ = (window.django && window.django.jQuery) || window.jQuery;
  if ($ && $.ui && $.ui.tabs && !$.ui.tabs.prototype._panelFromAnchor) {
    const original = $.ui.tabs.prototype._getPanelForTab;
    $.ui.tabs.prototype._panelFromAnchor = true;
    $.ui.tabs.prototype._getPanelForTab = function (tab) {
      const id = $(tab).attr("aria-controls") || $(tab).children("a").attr("aria-controls");
      return id ? this.element.find("#" + CSS.escape(id)) : original.call(this, tab);
    };
  }

  function repairTabs(root) {
    root.querySelectorAll(".ui-tabs-nav > li.ui-tabs-tab").forEach((li) => {
      const anchor = li.querySelector(":scope > a");
      if (!anchor) return;
      const focusHere = li.getAttribute("aria-selected") === "true" && li.parentElement.contains(document.activeElement)
        && document.activeElement !== anchor;
      TAB_STATE.forEach((name) => {
        if (li.hasAttribute(name)) {
          set(anchor, name, li.getAttribute(name));
          li.removeAttribute(name);
        }
      });
      if (li.hasAttribute("aria-labelledby")) li.removeAttribute("aria-labelledby");
      set(li, "role", "presentation");
      set(anchor, "role", "tab");
      if (anchor.getAttribute("tabindex") === "0") {
        li.parentElement.querySelectorAll(":scope > li > a[tabindex='0']").forEach((other) => {
          if (other !== anchor) set(other, "tabindex", "-1");
        });
      }
      if (focusHere) anchor.focus();  // jQuery UI's arrow keys focus the <li>, which no longer takes focus
    });
  }

  // The field's own name, from its <label> (a tabular inline's hidden one included).
  function nameOf(select) {
    const label = select && select.labels && select.labels[0];
    return label ? label.textContent.replace(/[:：]\s*$/, "").trim() : "";
  }

  function repairSelect2(root) {
    root.querySelectorAll("select.admin-autocomplete + .select2, select.admin-autocomplete + span .select2").forEach((box) => {
      const name = nameOf(box.previousElementSibling);
      if (!name) return;
      box.querySelectorAll(".select2-selection[role='combobox'], .select2-selection__rendered[role='textbox'], .select2-search__field")
        .forEach((el) => set(el, "aria-label", name));
      // A multiple choice's «clear all» cross is a <span> inside Select2's <ul> of chosen items.
      box.querySelectorAll("ul.select2-selection__rendered > :not(li)").forEach((el) => set(el, "role", "listitem"));
    });
  }

  function repairOthers(root) {
    // Django's filter_horizontal boxes: the magnifier icon <span> carries an aria-label, which a span without
    // a role may not.
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach((el) => set(el, "role", "img"));
    // modeltranslation's «all languages» switch has no label.
    const select = root.querySelector("#modeltranslation-main-switch");
    if (select && strings.switchLabel) set(select, "aria-label", strings.switchLabel);
    // A date and time field: the two boxes are named «<field>, Date» and «<field>, Time» from the page's text.
    root.querySelectorAll("p.datetime input.vDateField, p.datetime input.vTimeField").forEach((input) => {
      if (input.labels && input.labels.length) return;
      const row = input.closest(".form-row, .fieldBox, td");
      const legend = row && row.querySelector("legend, label");
      const before = input.previousSibling && input.previousSibling.nodeType === Node.TEXT_NODE
        ? input.previousSibling.textContent.replace(/[:：]\s*$/, "").trim() : "";
      const comma = document.documentElement.lang === "ar" ? "، " : ", ";
      const name = [legend ? legend.textContent.replace(/[:：]\s*$/, "").trim() : "", before].filter(Boolean).join(comma);
      if (name) set(input, "aria-label", name);
    });
  }

  function repair() {
    repairTabs(document);
    repairSelect2(document);
    repairOthers(document);
  }

  let queued = false;
  function schedule() {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      repair();
    });
  }
  function start() {
    repair();
    new MutationObserver(schedule).observe(document.body, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["role", ...TAB_STATE, "class"],
    });
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", () => window.setTimeout(start, 0));
})();
