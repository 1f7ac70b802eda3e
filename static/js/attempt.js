// Attempt page behaviour: drag-and-drop ordering with a keyboard alternative, the countdown, and the save
// state of autosave (see below). Autosave itself is htmx: each question's form posts on input (after a pause
// in typing) and on change (templates/quizzes/question.html); ordering changes are made to look like changes.
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
        window.setTimeout(function () { leaving = true; window.location.href = clock.dataset.expiredUrl; }, 1500);
        return;
      }
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  // The save state of each question. htmx posts the form; this shows "Saving…" while a save is on its way,
  // the server's "Saved at …" after it, and what went wrong when it fails. A save that did not arrive (no
  // connection, no answer from the server) is tried again every few seconds and as soon as the browser is
  // back online; leaving the page then asks first. An edit still waiting for its pause in typing when the
  // learner leaves is sent on the way out (a beacon: the form as the page without JavaScript posts it).
  // Screen readers hear the state through one polite live region, and only when it changes for that
  // question (its first save, an error, the save after one), never after every pause in typing.
  var RETRY_MS = 5000;
  var RETRIED = ["offline", "server-error"];
  var live = null;
  var retryTimer = null;
  var leaving = false;

  function questionForm(element) {
    return element && element.closest ? element.closest("form.question-form") : null;
  }

  function say(form, key, text) {
    if (form.dataset.said === key + ":" + text) return;
    form.dataset.said = key + ":" + text;
    // Emptied first: the same words for another question are still a change the reader announces.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function show(form, kind, text) {
    var slot = form.querySelector(".save-slot");
    if (!slot) return;
    var status = document.createElement("span");
    status.className = "save-status save-" + kind;
    status.textContent = text;
    slot.replaceChildren(status);
  }

  function unsaved(states) {
    return Array.prototype.filter.call(document.querySelectorAll("form.question-form[data-unsaved]"), function (form) {
      return states.indexOf(form.dataset.unsaved) !== -1;
    });
  }

  function retry() {
    retryTimer = null;
    unsaved(RETRIED).forEach(function (form) { form.dispatchEvent(new Event("change", { bubbles: true })); });
  }

  function failed(form, kind, text) {
    form.dataset.unsaved = kind;
    text = text || live.getAttribute("data-" + kind);
    show(form, "error", text);
    say(form, kind, text);
    if (RETRIED.indexOf(kind) !== -1 && retryTimer === null) retryTimer = window.setTimeout(retry, RETRY_MS);
  }

  function edited(event) {
    var form = questionForm(event.target);
    if (!form) return;
    form.edits = (form.edits || 0) + 1;
    if (!form.dataset.unsaved) form.dataset.unsaved = "editing";
  }

  function setUpSaveState() {
    live = document.querySelector("[data-save-live]");
    if (!live) return;  // read-only (the grace period): nothing is saved
    // A request on a connection that hangs without failing would hold up the saves queued behind it.
    if (window.htmx && !window.htmx.config.timeout) window.htmx.config.timeout = 20000;
    // Capturing, so an edit is counted before htmx (listening on the form) sends it.
    document.addEventListener("input", edited, true);
    document.addEventListener("change", edited, true);
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var form = questionForm(event.detail.elt);
      if (!form) return;
      form.sent = form.edits || 0;
      if (event.detail.elt === form) show(form, "pending", live.getAttribute("data-saving"));
    });
    document.body.addEventListener("htmx:afterSwap", function (event) {
      // Also fired on each element swapped out of band (the counter): only the save slot's own swap counts.
      if (!event.target.matches || !event.target.matches(".save-slot")) return;
      var form = questionForm(event.target);
      if (!form) return;
      // The server has this answer (or said why not, shown in the slot); an edit made meanwhile is queued.
      if ((form.edits || 0) === form.sent) delete form.dataset.unsaved;
      else form.dataset.unsaved = "editing";
      var error = form.querySelector(".save-slot .save-error");
      if (error) say(form, "error", error.textContent);
      else say(form, "saved", live.getAttribute("data-saved"));
    });
    ["htmx:sendError", "htmx:timeout"].forEach(function (name) {
      document.body.addEventListener(name, function (event) {
        var form = questionForm(event.detail.elt);
        if (form) failed(form, "offline");
      });
    });
    document.body.addEventListener("htmx:responseError", function (event) {
      var form = questionForm(event.detail.elt);
      if (!form) return;
      var xhr = event.detail.xhr;
      if (xhr.status >= 500) {
        failed(form, "server-error");
      } else if (xhr.status === 400 && xhr.responseText && xhr.responseText.indexOf("<") === -1) {
        // The answer itself was refused, the reason in the learner's language: sending it again won't help.
        failed(form, "refused", xhr.responseText);
      } else {
        failed(form, "refused");  // signed out, or the page is out of date
      }
    });
    window.addEventListener("online", retry);
    document.addEventListener("submit", function (event) {
      if (questionForm(event.target)) leaving = true;  // the form carries its answer itself
    });
    window.addEventListener("beforeunload", function (event) {
      if (leaving) return;
      unsaved(["editing"]).forEach(function (form) {
        if (navigator.sendBeacon) navigator.sendBeacon(form.action, new FormData(form));
      });
      if (unsaved(RETRIED.concat(["refused"])).length) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  function setUpSubmitOnce() {
    document.querySelectorAll("form button[data-once]").forEach(function (button) {
      button.closest("form").addEventListener("submit", function () { button.disabled = true; });
    });
  }

  // A control that replaces its whole question (the language switch; Check and Try again too) takes the focus
  // away with the old article, and the browser drops it to <body>: the next Tab would start at the top of
  // the page. It goes to the same control in the new article, or to the question's heading when that control
  // is gone (Check becomes Try again).
  function keepFocusInQuestion(event) {
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    var article = event.target;
    if (!trigger || !article.matches || !article.matches("article.question")) return;
    if (document.activeElement && document.activeElement !== document.body && document.body.contains(document.activeElement)) return;
    var same = null;
    if (trigger.classList.contains("language-peek")) same = article.querySelector(".language-peek");
    else if (trigger.name && trigger.value) same = article.querySelector('button[name="' + trigger.name + '"][value="' + trigger.value + '"]');
    if (!same) {
      same = article.querySelector(".question-number");
      if (!same) return;
      same.setAttribute("tabindex", "-1");
    }
    same.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpOrdering(document);
    setUpCountdown();
    setUpSubmitOnce();
    setUpSaveState();
  });
  document.addEventListener("htmx:afterSwap", function (event) { setUpOrdering(event.target); });
  document.addEventListener("htmx:afterSwap", keepFocusInQuestion);
})();
