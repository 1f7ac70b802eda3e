// The live game's screens (templates/games/host.html and play.html): #game-screen is kept current over the
// game's WebSocket. The server renders every screen and sends {"screen": html}; this file only swaps it in,
// sends the forms' fields over the socket, runs the countdown from the server's deadline, and reconnects.
// Without the socket every form still posts and the page reloads.
(function () {
  "use strict";

  var screen, socket, role, retry = 0, revealSent = "";

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function isOpen() { return socket && socket.readyState === WebSocket.OPEN; }

  function connectionLost(lost) {
    var notice = document.querySelector("[data-connection]");
    if (notice) notice.hidden = !lost;
  }

  function swap(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var next = holder.firstElementChild, current = screen.firstElementChild;
    // A player halfway through an answer keeps it while the same question stays open.
    if (next && current && current.querySelector("form.game-answer") &&
        next.dataset.screenKey && next.dataset.screenKey === current.dataset.screenKey) return;
    screen.innerHTML = html;
    screen.dispatchEvent(new CustomEvent("htmx:afterSwap", { bubbles: true }));
    startCountdown();
  }

  function showError(message) {
    var slot = screen.querySelector("[data-error]");
    if (slot) { slot.textContent = message; slot.hidden = false; } else { window.alert(message); }
    var send = screen.querySelector(".game-send");
    if (send) send.disabled = false;
  }

  function onMessage(event) {
    var data = JSON.parse(event.data);
    if (data.screen) swap(data.screen);
    if (data.answered_html) {
      var slot = screen.querySelector("[data-answered-slot]");
      if (slot) slot.innerHTML = data.answered_html;
    }
    if (data.error) showError(data.error);
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + screen.dataset.socket);
    socket.addEventListener("open", function () { retry = 0; connectionLost(false); });
    socket.addEventListener("message", onMessage);
    socket.addEventListener("close", function (event) {
      if (event.code === 4403 || event.code === 4404) { window.location.reload(); return; }
      connectionLost(true);
      retry = Math.min(retry + 1, 10);
      window.setTimeout(connect, retry * 1000);
    });
  }

  function send(message) {
    if (!isOpen()) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  function fieldsOf(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") fields.push([name, value]);
    });
    return fields;
  }

  function controlMessage(form, submitter) {
    var data = new FormData(form);
    var command = submitter && submitter.name === "command" ? submitter.value : data.get("command");
    var player = data.get("player");
    if (player) {
      if (command === "remove") return { action: "remove", player: parseInt(player, 10) };
      return { action: "team", player: parseInt(player, 10), team: parseInt(data.get("team"), 10) || 0 };
    }
    return { action: "command", command: command };
  }

  function onSubmit(event) {
    var form = event.target;
    var message = null;
    if (form.matches("form.game-answer")) {
      message = { action: "answer", position: parseInt(form.dataset.position, 10), fields: fieldsOf(form) };
    } else if (form.matches("form.game-control")) {
      message = controlMessage(form, event.submitter);
    } else {
      return;
    }
    if (send(message)) {
      event.preventDefault();
      var button = form.querySelector(".game-send");
      if (button) button.disabled = true;
      return;
    }
    // No socket: post the form; a screen that came over the socket has no CSRF token of its own.
    if (!form.querySelector("input[name=csrfmiddlewaretoken]")) {
      var token = document.createElement("input");
      token.type = "hidden"; token.name = "csrfmiddlewaretoken"; token.value = csrfToken();
      form.appendChild(token);
    }
    if (event.submitter && event.submitter.name) {
      var pressed = document.createElement("input");
      pressed.type = "hidden"; pressed.name = event.submitter.name; pressed.value = event.submitter.value;
      form.appendChild(pressed);
    }
  }

  var countdownTimer = null;

  function startCountdown() {
    if (countdownTimer) window.clearInterval(countdownTimer);
    var clock = screen.querySelector("[data-countdown]");
    if (!clock || !clock.dataset.deadline) return;
    // The server's clock decides; the offset corrects this device's clock by the time the screen was drawn.
    var offset = parseInt(clock.dataset.now, 10) - Date.now();
    var deadline = parseInt(clock.dataset.deadline, 10);
    var value = clock.querySelector(".countdown-value");
    var key = screen.firstElementChild ? screen.firstElementChild.dataset.position : "";
    function tick() {
      var left = Math.max(0, Math.ceil((deadline - (Date.now() + offset)) / 1000));
      value.textContent = String(left);
      clock.classList.toggle("countdown-low", left <= 5);
      if (left > 0) return;
      window.clearInterval(countdownTimer);
      if (role === "host" && revealSent !== key) {
        revealSent = key;
        send({ action: "command", command: "reveal" });
      } else if (role === "player") {
        var button = screen.querySelector(".game-send");
        if (button) button.disabled = true;
      }
    }
    tick();
    countdownTimer = window.setInterval(tick, 250);
  }

  document.addEventListener("DOMContentLoaded", function () {
    screen = document.getElementById("game-screen");
    if (!screen) return;
    role = screen.dataset.role;
    screen.addEventListener("submit", onSubmit);
    screen.addEventListener("change", function (event) {
      if (event.target.matches("select[data-submit-on-change]")) event.target.form.requestSubmit();
    });
    startCountdown();
    connect();
  });
})();
