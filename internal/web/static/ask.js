// Storyline: "Ask this story" without leaving the page. The form posts to
// the API asking for server-sent events, shows a language model's answer
// as it is written, then the answer with its citations. Without this
// script (or fetch and streams) the form posts as usual and the server
// answers with a page.
(function () {
  "use strict";
  var form = document.querySelector("form[data-ask-api]");
  var area = document.getElementById("ask-answer");
  if (!form || !area || !window.fetch || !window.TextDecoder || !window.ReadableStream) return;
  var input = form.querySelector("[name=question]");
  var button = form.querySelector("button[type=submit]");
  var busy = false;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function show(nodes, isBusy) {
    area.setAttribute("aria-busy", isBusy ? "true" : "false");
    while (area.firstChild) area.removeChild(area.firstChild);
    nodes.forEach(function (n) { area.appendChild(n); });
  }

  function failed(message) {
    var p = el("p", "error", message || "Could not get an answer: try again.");
    show([p], false);
  }

  // The final answer: each sentence followed by numbered links to the
  // articles it cites, numbered in order of first citation, as the brief.
  function answered(a) {
    var nodes = [el("h3", "", a.found ? "Answer" : "Not in the coverage")];
    var p = el("p", "lede");
    p.dir = "auto";
    var number = {}, count = 0;
    var sentences = a.sentences || [];
    if (!sentences.length) p.textContent = a.answer || "";
    sentences.forEach(function (s, i) {
      if (i) p.appendChild(document.createTextNode(" "));
      p.appendChild(document.createTextNode(s.text));
      (s.article_ids || []).forEach(function (id) {
        if (!number[id]) number[id] = ++count;
        var sup = el("sup", "cite"), link = el("a", "", "[" + number[id] + "]");
        link.href = "/articles/" + encodeURIComponent(id);
        sup.appendChild(link);
        p.appendChild(sup);
      });
    });
    nodes.push(p);
    if (a.found) {
      var from = a.generator === "built-in" || !a.generator ?
        "Answered from the coverage's own sentences" : "Written by " + a.generator + " from the coverage";
      nodes.push(el("p", "meta", from + (count ? "; the numbers link to the reports each sentence cites." : ".")));
    }
    show(nodes, false);
  }

  // events reads a server-sent event stream, calling on(name, data) for
  // each event.
  function events(body, on) {
    var reader = body.getReader(), decoder = new TextDecoder(), buf = "";
    function dispatch(block) {
      var name = "message", data = [];
      block.split("\n").forEach(function (line) {
        if (line.indexOf("event:") === 0) name = line.slice(6).trim();
        else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
      });
      if (data.length) on(name, JSON.parse(data.join("\n")));
    }
    function pump() {
      return reader.read().then(function (r) {
        buf += decoder.decode(r.value || new Uint8Array(), { stream: !r.done });
        buf = buf.replace(/\r\n?/g, "\n");
        var i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          dispatch(buf.slice(0, i));
          buf = buf.slice(i + 2);
        }
        if (!r.done) return pump();
      });
    }
    return pump();
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (busy) return;
    var question = input.value.trim();
    if (!question) { input.focus(); return; }
    busy = true;
    button.disabled = true;
    var previous = document.querySelectorAll("[data-ask-previous], #ask-error");
    Array.prototype.forEach.call(previous, function (n) { n.parentNode.removeChild(n); });
    var streaming = el("p", "lede");
    streaming.dir = "auto";
    show([el("p", "meta", "Looking through the coverage…"), streaming], true);
    var done = false;
    fetch(form.getAttribute("data-ask-api"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
      body: JSON.stringify({ question: question })
    }).then(function (r) {
      var type = r.headers.get("Content-Type") || "";
      if (!r.ok || type.indexOf("text/event-stream") !== 0) {
        return r.json().then(function (j) {
          if (j && j.error) return failed(j.error.message);
          if (r.ok) { done = true; return answered(j); }
          failed();
        }, function () { failed(); });
      }
      return events(r.body, function (name, data) {
        if (name === "delta") streaming.textContent += data.text;
        else if (name === "answer") { done = true; answered(data); }
        else if (name === "error") { done = true; failed(data.error && data.error.message); }
      }).then(function () { if (!done) failed(); });
    }).catch(function () { failed(); }).then(function () {
      busy = false;
      button.disabled = false;
    });
  });
})();
