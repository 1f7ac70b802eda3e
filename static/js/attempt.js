// Attempt page behaviour: drag-and-drop ordering with a keyboard alternative, and the countdown (see below).
// Autosave itself is htmx (hx-post on change); this file only makes ordering changes look like changes.
(function () {
  "use strict";

  function announce(list, text) {
    var live = list.parentElement.querySelector(".sr-live");
    if (!live) {
      live = document.createElement("p");
      live.className = "visually-hidden sr-live";
      live.setAttribute("aria-live", "polite");
      list.parentElement.appendChild(live);
    }
    live.textContent = text;
  }

  function changed(list) {
    list.closest("form").dispatchEvent(new Event("change", { bubbles: true }));
  }

  function setUpOrdering(root) {
    root.querySelectorAll("[data-sortable]").forEach(function (list) {
      if (list.dataset.ready) return;
      list.dataset.ready = "1";
      if (window.Sortable && !list.closest("fieldset[disabled]") && list.querySelector(".move")) {
        // The drag ghost lives on <body>, outside the form, so its copy of the hidden input is never posted.
        window.Sortable.create(list, {
          animation: 150, forceFallback: true, fallbackOnBody: true, filter: "button", preventOnFilter: false,
          onEnd: function () { window.setTimeout(function () { changed(list); }, 0); }
        });
      }
      list.addEventListener("click", function (event) {
        var button = event.target.closest("button.move");
        if (!button) return;
        var item = button.closest("li");
        if (button.dataset.move === "up" && item.previousElementSibling) {
          list.insertBefore(item, item.previousElementSibling);
        } else if (button.dataset.move === "down" && item.nextElementSibling) {
          list.insertBefore(item.nextElementSibling, item);
        } else {
          return;
        }
        button.focus();
        var position = Array.prototype.indexOf.call(list.children, item) + 1;
        announce(list, item.querySelector(".option-text").textContent + " — " + position + "/" + list.children.length);
        changed(list);
      });
    });
  }

  // The countdown shows what the server said: it counts down the seconds the page came with and, at zero,
  // reloads the attempt page, where the server decides (submitted, not counted, or its grace period). It never
  // submits anything itself. Screen readers hear it only at 5 minutes and at 1 minute left (a polite live
  // region), never every second (the timer itself is role="timer", which is not announced).
  function setUpCountdown() {
    var clock = document.querySelector("[data-countdown]");
    if (!clock) return;
    var left = parseInt(clock.dataset.countdown, 10);
    if (isNaN(left)) return;
    var value = clock.querySelector(".countdown-value");
    var live = document.querySelector("[data-countdown-live]");
    var end = Date.now() + left * 1000;
    var announced = {};
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function announce(seconds) {
      if (!live) return;
      [300, 60].forEach(function (mark) {
        // Only a mark crossed while the page is open: a page opened with 4 minutes left does not say "5".
        if (seconds <= mark && left > mark && !announced[mark]) {
          announced[mark] = true;
          live.textContent = live.getAttribute("data-say-" + mark);
        }
      });
    }
    function tick() {
      var seconds = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
      value.textContent = (h ? h + ":" + pad(m) : m) + ":" + pad(s);
      if (seconds <= 60) clock.classList.add("countdown-low");
      announce(seconds);
      if (seconds === 0) {
        // A moment for an answer being saved to arrive, then the page the server decides about.
        window.setTimeout(function () { window.location.href = clock.dataset.expiredUrl; }, 1500);
        return;
      }
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  function setUpSubmitOnce() {
    document.querySelectorAll("form button[data-once]").forEach(function (button) {
      button.closest("form").addEventListener("submit", function () { button.disabled = true; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpOrdering(document);
    setUpCountdown();
    setUpSubmitOnce();
  });
  document.addEventListener("htmx:afterSwap", function (event) { setUpOrdering(event.target); });
})();
