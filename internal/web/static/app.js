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

  // A signed-in reader's pages (body[data-reader]) have save and
  // mark-read forms; the keys and buttons send them in the background.
  var reader = document.body.hasAttribute("data-reader");
  var live = null;

  function announce(msg) {
    if (!live) {
      live = document.createElement("div");
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = msg; }, 50);
  }

  // send posts fields to url as a form, telling the server that this
  // script updates the page (it answers 204 instead of redirecting).
  function send(url, fields) {
    if (!window.fetch) return Promise.resolve(false);
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Requested-With": "fetch" },
      body: new URLSearchParams(fields).toString()
    }).then(function (r) { return r.ok; }, function () { return false; });
  }

  function fieldsOf(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) { if (el.name) out[el.name] = el.value; });
    return out;
  }

  // The item the keys act on: the selected one, else the page's own
  // story or article.
  function target() {
    var el = current >= 0 ? items()[current] : null;
    if (el && el.hasAttribute("data-kind")) return el;
    return document.querySelector("[data-page-item]");
  }

  function toggleSave(form) {
    var input = form.querySelector("[name=action]");
    var button = form.querySelector("button");
    var saving = input.value === "save";
    send(form.action, fieldsOf(form)).then(function (ok) {
      if (!ok) { form.submit(); return; }
      input.value = saving ? "unsave" : "save";
      button.setAttribute("aria-pressed", saving ? "true" : "false");
      button.textContent = saving ? "\u2605" : "\u2606";
      announce(saving ? "Saved" : "Removed from Saved");
    });
  }

  function setRead(el, read) {
    if (el.hasAttribute("data-item")) {
      el.classList.toggle("read", read);
      el.classList.toggle("unread", !read);
      if (read) el.removeAttribute("data-unread"); else el.setAttribute("data-unread", "");
    }
    var state = el.querySelector("[data-state]");
    if (state) state.textContent = read ? "Read: " : "Unread: ";
    var form = el.querySelector("form[data-mark]");
    if (form) {
      form.querySelector("[name=action]").value = read ? "unread" : "read";
      form.querySelector("button").textContent = read ? "Mark unread" : "Mark read";
    }
  }

  function toggleRead(el) {
    var form = el.querySelector("form[data-mark]");
    var read = form ? form.querySelector("[name=action]").value === "read" : el.hasAttribute("data-unread");
    var url = form ? form.action : (el.getAttribute("data-kind") === "story" ? "/stories/" : "/articles/") + el.getAttribute("data-id") + "/read";
    send(url, { action: read ? "read" : "unread" }).then(function (ok) {
      if (!ok) { if (form) form.submit(); return; }
      setRead(el, read);
      announce(read ? "Marked read" : "Marked unread");
    });
  }

  function selectUnread(step) {
    var list = items();
    for (var i = current + step; i >= 0 && i < list.length; i += step) {
      if (list[i].hasAttribute("data-unread")) { select(i); return; }
    }
    announce(step > 0 ? "No unread item below" : "No unread item above");
  }

  if (reader) {
    document.addEventListener("submit", function (e) {
      var form = e.target;
      if (e.defaultPrevented || !window.fetch || !form.matches) return;
      if (form.matches("form[data-save]")) { e.preventDefault(); toggleSave(form); }
      if (form.matches("form[data-mark]")) {
        e.preventDefault();
        toggleRead(form.closest("[data-kind]") || form.parentNode);
      }
    });
  }

  // The help overlay lists the keys; Esc closes it.
  var keys = [[["j", "k"], "next / previous item"], [["o", "Enter"], "open the item"], [["/"], "search"]];
  if (reader) {
    keys.push([["n", "p"], "next / previous unread item"], [["s"], "save or unsave the item (or this page's)"],
      [["m"], "mark the item (or this page's) read or unread"]);
  }
  keys.push([["?"], "show this help"]);
  var help = null;

  function showHelp() {
    if (!help) {
      help = document.createElement("dialog");
      help.className = "keys-help";
      help.setAttribute("aria-labelledby", "keys-help-h");
      var h = document.createElement("h2");
      h.id = "keys-help-h";
      h.textContent = "Keyboard shortcuts";
      var dl = document.createElement("dl");
      keys.forEach(function (k) {
        var dt = document.createElement("dt");
        k[0].forEach(function (name, i) {
          if (i) dt.appendChild(document.createTextNode(" / "));
          var kbd = document.createElement("kbd");
          kbd.textContent = name;
          dt.appendChild(kbd);
        });
        var dd = document.createElement("dd");
        dd.textContent = k[1];
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Close";
      close.addEventListener("click", function () { help.close(); });
      help.appendChild(h);
      help.appendChild(dl);
      help.appendChild(close);
      document.body.appendChild(help);
    }
    var opener = document.activeElement;
    help.addEventListener("close", function () { if (opener && opener.focus) opener.focus(); }, { once: true });
    help.showModal();
    help.querySelector("button").focus();
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e) || (help && help.open)) return;
    var el;
    switch (e.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "?": showHelp(); break;
      case "n": if (!reader) return; selectUnread(1); break;
      case "p": if (!reader) return; selectUnread(-1); break;
      case "s": {
        el = reader && target();
        var form = el && el.querySelector("form[data-save]");
        if (!form) return;
        toggleSave(form);
        break;
      }
      case "m": {
        el = reader && target();
        if (!el) return;
        toggleRead(el);
        break;
      }
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
