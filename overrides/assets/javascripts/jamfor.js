/* Jämför överenskommelser (/jamfor/): the choice is the address, ?id=a&id=b (2–4 agreements).
 *
 * Reads the ids from the query, fetches each agreement's jamfor/data/<id>.json (written at build
 * time by samverkan.publish.compare) and draws the table the pre-rendered version-chain pages have
 * (templates/macros.html, compare_table). Adding or removing an agreement changes the address with
 * history.pushState, so a comparison is a link and the back button undoes a change. Every value is
 * put in with textContent: record text is never markup. Nothing is stored in the browser.
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-sv-compare-form]");
  var out = document.querySelector("[data-sv-compare-out]");
  var status = document.querySelector("[data-sv-compare-status]");
  if (!form || !out) return;
  var select = form.querySelector("select");
  var base = form.getAttribute("data-sv-data");
  var root = base.replace(/jamfor\/data\/$/, "");
  var MAX = parseInt(form.getAttribute("data-sv-max"), 10) || 4;
  var MIN = parseInt(form.getAttribute("data-sv-min"), 10) || 2;
  var ROWS = JSON.parse(document.getElementById("sv-compare-rows").textContent);
  var MISSING = "uppgift saknas";
  var known = {};
  Array.prototype.forEach.call(select.options, function (o) { if (o.value) known[o.value] = o.textContent; });
  var cache = {};
  form.hidden = false;

  function chosen() {
    var seen = {}, ids = [];
    new URLSearchParams(location.search).getAll("id").forEach(function (id) {
      if (id && !seen[id]) { seen[id] = true; ids.push(id); }
    });
    return ids;
  }

  function address(ids) {
    var q = new URLSearchParams();
    ids.forEach(function (id) { q.append("id", id); });
    var s = q.toString();
    return location.pathname + (s ? "?" + s : "") + location.hash;
  }

  function load(id) {
    if (!cache[id]) {
      cache[id] = fetch(base + encodeURIComponent(id) + ".json").then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    return cache[id];
  }

  function el(name, attrs, text) {
    var e = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  // The cell as plain text, as catalog.compare.CompareFact.text() has it: what "Ändrad" compares.
  function cellText(fact) {
    if (!fact || !fact.values.length) return MISSING;
    return fact.values.map(function (v) { return v.text + (v.note ? " (" + v.note + ")" : ""); }).join("; ");
  }

  function valueNode(v) {
    var frag = document.createDocumentFragment();
    if (v.url) frag.appendChild(el("a", { href: v.external ? v.url : root + v.url }, v.text));
    else frag.appendChild(document.createTextNode(v.text));
    if (v.note) {
      frag.appendChild(document.createTextNode(" "));
      frag.appendChild(el("span", { "class": "sv-note" }, "(" + v.note + ")"));
    }
    return frag;
  }

  function factsOf(a) {
    var m = {};
    a.facts.forEach(function (f) { m[f.key] = f; });
    return m;
  }

  // Two neighbouring columns are versions of one agreement when one supersedes the other.
  function versions(a, b) {
    return a.supersedes.indexOf(b.id) >= 0 || b.supersedes.indexOf(a.id) >= 0;
  }

  function draw(items, ids) {
    out.textContent = "";
    if (!items.length) return;
    var facts = items.map(factsOf);
    var wrap = el("div", { "class": "sv-compare", role: "region", tabindex: "0",
                           "aria-label": "Jämförelse av " + items.length + " överenskommelser" });
    var table = el("table", { "class": "sv-compare__table" });
    table.appendChild(el("caption", {}, "Jämförelse av " + items.length + " överenskommelser"));
    var head = el("tr");
    head.appendChild(el("td", { "class": "sv-compare__corner" }));
    items.forEach(function (a) {
      var th = el("th", { scope: "col", "data-id": a.id });
      th.appendChild(el("a", { href: root + a.url }, a.title));
      var remove = el("button", { type: "button", "class": "sv-compare__remove", "data-sv-remove": a.id });
      remove.appendChild(document.createTextNode("Ta bort"));
      remove.appendChild(el("span", { "class": "sv-sr-only" }, " " + a.title));
      th.appendChild(remove);
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el("tbody");
    ROWS.forEach(function (row) {
      if (row.optional && !facts.some(function (f) { return f[row.key] && f[row.key].values.length; })) return;
      var tr = el("tr", { "data-key": row.key });
      tr.appendChild(el("th", { scope: "row" }, row.label));
      items.forEach(function (a, i) {
        var f = facts[i][row.key];
        var td = el("td", { "data-id": a.id });
        if (i > 0 && row.key !== "referred" && versions(items[i - 1], a) &&
            cellText(facts[i - 1][row.key]) !== cellText(f)) {
          td.className = "sv-changed";
          td.appendChild(el("strong", { "class": "sv-changed__mark" }, "Ändrad"));
          td.appendChild(document.createTextNode(" "));
        }
        if (!f || !f.values.length) {
          td.appendChild(el("span", { "class": "sv-missing" }, MISSING));
        } else if (f.values.length === 1) {
          td.appendChild(valueNode(f.values[0]));
        } else {
          var ul = el("ul");
          f.values.forEach(function (v) { var li = el("li"); li.appendChild(valueNode(v)); ul.appendChild(li); });
          td.appendChild(ul);
        }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    wrap.appendChild(table);
    out.appendChild(wrap);
  }

  function say(text) { status.textContent = text; }

  var drawing = 0;
  function render(focusAfter) {
    var ids = chosen();
    var unknown = ids.filter(function (id) { return !known[id]; });
    ids = ids.filter(function (id) { return known[id]; });
    var extra = ids.length > MAX ? ids.slice(MAX) : [];
    ids = ids.slice(0, MAX);
    Array.prototype.forEach.call(select.options, function (o) { o.disabled = ids.indexOf(o.value) >= 0; });
    var full = ids.length >= MAX;
    select.disabled = full;
    form.querySelector("button").disabled = full;
    var ticket = ++drawing;
    Promise.all(ids.map(load)).then(function (items) {
      if (ticket !== drawing) return;
      draw(items, ids);
      var parts = [];
      if (!ids.length) parts.push("Ingen överenskommelse vald ännu. Välj " + MIN + " till " + MAX + " i listan ovan.");
      else if (ids.length < MIN) parts.push("1 överenskommelse vald. Lägg till minst en till för att jämföra.");
      else parts.push(ids.length + " överenskommelser jämförs.");
      if (full) parts.push("Det går att jämföra högst " + MAX + "; ta bort en för att lägga till en annan.");
      if (unknown.length) parts.push("Okänd i adressen: " + unknown.join(", ") + ".");
      if (extra.length) parts.push("Fler än " + MAX + " i adressen; de sista visas inte.");
      say(parts.join(" "));
      if (focusAfter) focusAfter();
    }, function () {
      if (ticket !== drawing) return;
      say("Uppgifterna kunde inte hämtas. Ladda om sidan för att försöka igen.");
    });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var id = select.value;
    var ids = chosen().filter(function (x) { return known[x]; });
    if (!id || ids.indexOf(id) >= 0 || ids.length >= MAX) return;
    ids.push(id);
    history.pushState(null, "", address(ids));
    select.value = "";
    render();
  });

  out.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-sv-remove]");
    if (!btn) return;
    var id = btn.getAttribute("data-sv-remove");
    var ids = chosen().filter(function (x) { return known[x] && x !== id; });
    var at = Array.prototype.indexOf.call(out.querySelectorAll("[data-sv-remove]"), btn);
    history.pushState(null, "", address(ids));
    render(function () {
      // Keep the keyboard where it was: the next remove button, else the list.
      var buttons = out.querySelectorAll("[data-sv-remove]");
      (buttons[Math.min(at, buttons.length - 1)] || select).focus();
    });
  });

  window.addEventListener("popstate", function () { render(); });
  render();
})();
