// Drag and drop into text (templates/quizzes/question_types/ddwtos.html). Without this file every gap is a
// drop-down list; with it the lists are hidden (they still post), each gap becomes a drop zone, and the
// words wait in a pool to be placed. Dragging is one way; picking is the other (WCAG 2.2, 2.5.7 Dragging Movements): a
// word is picked with Enter, Space or a tap, then placed by picking a gap the same way; picking a filled gap
// with no word picked takes its word out. Every move is written into the gap's list and announced (aria-live),
// and a change event on the list makes htmx autosave exactly what the form without JavaScript would post.
// No arrow keys are used, so nothing depends on the reading direction: the pool and the text flow from the
// right in Arabic by themselves.
(function () {
  "use strict";

  function format(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
    });
  }

  function setUp(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var pool = box.querySelector("[data-pool]");
    var live = box.querySelector("[data-live]");
    if (!pool) return;
    var help = box.querySelector("[data-help-text]");
    if (help && box.dataset.help) help.textContent = box.dataset.help;
    var buttons = Array.prototype.slice.call(pool.querySelectorAll("[data-choice]"));
    var byKey = {};
    buttons.forEach(function (button) { byKey[button.dataset.choice] = button; });
    var picked = null; // a pool button
    var dragged = null; // {key, from: gap or null}
    var gaps = [];

    function say(name, values) {
      live.textContent = "";
      // A fresh text node each time, so the same message twice is read twice.
      window.setTimeout(function () { live.textContent = format(box.dataset["msg" + name], values); }, 30);
    }

    function textOf(key) { return byKey[key] ? byKey[key].textContent.trim() : ""; }

    function render(gap) {
      var key = gap.select.value;
      var text = textOf(key);
      gap.zone.textContent = text;
      gap.zone.classList.toggle("gap-zone-empty", !key);
      gap.zone.draggable = !!key;
      var name = format(box.dataset.msgGap, { gap: gap.number });
      gap.zone.setAttribute("aria-label", name + ": " + (text || box.dataset.msgEmpty));
    }

    function refresh() {
      gaps.forEach(render);
      buttons.forEach(function (button) {
        var used = !("unlimited" in button.dataset) && gaps.some(function (gap) {
          return gap.select.value === button.dataset.choice;
        });
        button.hidden = used;
      });
      gaps.forEach(function (gap) {
        gap.zone.classList.toggle("gap-zone-target", !!picked && picked.dataset.group === gap.group);
      });
    }

    function changed(gap) {
      gap.select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function pick(button) {
      if (picked) picked.setAttribute("aria-pressed", "false");
      picked = button;
      if (button) {
        button.setAttribute("aria-pressed", "true");
        say("Picked", { choice: button.textContent.trim() });
      }
      refresh();
    }

    function empty(gap, quietly) {
      var key = gap.select.value;
      if (!key) return;
      gap.select.value = "";
      changed(gap);
      if (!quietly) say("Removed", { choice: textOf(key), gap: gap.number });
    }

    function place(gap, key, from) {
      var button = byKey[key];
      if (!button) return false;
      if (button.dataset.group !== gap.group) {
        say("OtherGroup", { choice: textOf(key), gap: gap.number });
        return false;
      }
      if (from && from !== gap) empty(from, true);
      if (!("unlimited" in button.dataset)) {
        gaps.forEach(function (other) { if (other !== gap && other.select.value === key) empty(other, true); });
      }
      if (gap.select.value !== key) {
        gap.select.value = key;
        changed(gap);
      }
      say("Placed", { choice: textOf(key), gap: gap.number });
      return true;
    }

    box.querySelectorAll(".gap[data-gap]").forEach(function (holder) {
      var select = holder.querySelector("select");
      if (!select) return;
      var zone = document.createElement("button");
      zone.type = "button";
      zone.className = "gap-zone";
      zone.setAttribute("dir", "auto");
      var gap = { number: holder.dataset.gap, group: holder.dataset.group, select: select, zone: zone };
      select.hidden = true; // hidden, not disabled: its value is still posted
      var label = holder.querySelector("label");
      if (label) label.hidden = true;
      holder.insertBefore(zone, select);
      gaps.push(gap);

      zone.addEventListener("click", function () {
        if (picked) {
          if (place(gap, picked.dataset.choice, null)) pick(null);
        } else if (gap.select.value) {
          empty(gap);
        } else {
          say("Dropped", {});
        }
        refresh();
        zone.focus(); // the pool button placed may have been hidden: focus stays on the gap
      });
      zone.addEventListener("dragstart", function (event) {
        if (!gap.select.value) { event.preventDefault(); return; }
        dragged = { key: gap.select.value, from: gap };
        event.dataTransfer.setData("text/plain", gap.select.value);
        event.dataTransfer.effectAllowed = "move";
      });
      zone.addEventListener("dragover", function (event) {
        if (dragged && byKey[dragged.key] && byKey[dragged.key].dataset.group === gap.group) {
          event.preventDefault();
          zone.classList.add("gap-zone-over");
        }
      });
      zone.addEventListener("dragleave", function () { zone.classList.remove("gap-zone-over"); });
      zone.addEventListener("drop", function (event) {
        event.preventDefault();
        zone.classList.remove("gap-zone-over");
        if (dragged) place(gap, dragged.key, dragged.from);
        dragged = null;
        pick(null);
      });
    });

    buttons.forEach(function (button) {
      button.draggable = true;
      button.addEventListener("click", function () {
        if (picked === button) {
          pick(null);
          say("Dropped", {});
        } else {
          pick(button);
        }
      });
      button.addEventListener("dragstart", function (event) {
        dragged = { key: button.dataset.choice, from: null };
        event.dataTransfer.setData("text/plain", button.dataset.choice);
        event.dataTransfer.effectAllowed = "move";
      });
    });
    // A word dragged out of its gap back to the pool leaves the gap empty.
    pool.addEventListener("dragover", function (event) { if (dragged && dragged.from) event.preventDefault(); });
    pool.addEventListener("drop", function (event) {
      event.preventDefault();
      if (dragged && dragged.from) empty(dragged.from);
      dragged = null;
      refresh();
    });
    document.addEventListener("dragend", function () { dragged = null; });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && picked) {
        var button = picked;
        pick(null);
        say("Dropped", {});
        button.focus();
      }
    });

    pool.hidden = false;
    refresh();
  }

  function setUpAll() {
    document.querySelectorAll("[data-ddwtos]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", setUpAll);
  // A check or a look at the other language swaps the question's HTML.
  document.addEventListener("htmx:afterSwap", setUpAll);
})();
