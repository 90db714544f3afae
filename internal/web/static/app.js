// Storyline: keyboard shortcuts and a theme switch without a reload.
// Everything works without this script; it only makes it quicker.
(function () {
  "use strict";
  var items = function () { return Array.prototype.slice.call(document.querySelectorAll("[data-item]")); };
  var current = -1;

  function select(i) {
    var list = items();
    if (!list.length) return;
    current = Math.max(0, Math.min(list.length - 1, i));
    list.forEach(function (el, j) { el.classList.toggle("current", j === current); });
    var el = list[current];
    el.scrollIntoView({ block: "nearest" });
    var link = el.querySelector("[data-open]") || el.querySelector("a");
    if (link) link.focus({ preventScroll: true });
  }

  function typing(e) {
    var t = e.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
    switch (e.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "o":
      case "Enter": {
        if (e.key === "Enter" && current < 0) return;
        var el = items()[current];
        var link = el && (el.querySelector("[data-open]") || el.querySelector("a"));
        if (!link) return;
        window.location.href = link.href;
        break;
      }
      case "/": {
        var q = document.getElementById("q");
        if (!q) return;
        q.focus(); q.select();
        break;
      }
      default: return;
    }
    e.preventDefault();
  });

  // The theme switch posts the form in the background and flips the page.
  var toggle = document.getElementById("theme-toggle");
  if (toggle && window.fetch) {
    toggle.form.addEventListener("submit", function (e) {
      e.preventDefault();
      var input = toggle.form.querySelector("[name=theme]");
      var next = input.value;
      fetch(toggle.form.action, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Requested-With": "fetch" },
        body: "theme=" + encodeURIComponent(next)
      }).then(function (r) {
        if (!r.ok) { toggle.form.submit(); return; }
        document.documentElement.setAttribute("data-theme", next);
        var other = next === "dark" ? "light" : "dark";
        input.value = other;
        toggle.title = "Switch to " + other + " mode";
        toggle.setAttribute("aria-label", toggle.title);
      });
    });
  }

  // Confirm before destructive forms (data-confirm="…").
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) e.preventDefault();
  }, true);
})();
