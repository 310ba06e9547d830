/* Samverkansbasen: the search page (/sok/).
 *
 * Pagefind's component UI draws the search box, the result count and the results;
 * this script adds what it lacks for this site, on the same Pagefind instance:
 *   - a filter panel in Swedish (Län, Kommun, År, Typ, Slag, Tema, Status), native
 *     checkboxes with the number of results each would give;
 *   - the search in the address: ?q=...&lan=19&kommun=1980&ar=2019&typ=lok&tema=...&status=...
 *     read on load, written on every change (a filter change is a history step, typing
 *     is not), restored on back and forward;
 *   - results that say what each record is (kind, place, year) and never let record
 *     text become markup.
 * Codes in the address map to the filter values record pages carry through the JSON in
 * #sv-search-codes (samverkan/site/finder.py). No framework, nothing from another site.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-sv-search]");
  if (!root || !window.PagefindComponents) return;
  var instance = window.PagefindComponents.getInstanceManager().getInstance("default");
  var codes = JSON.parse(document.getElementById("sv-search-codes").textContent);
  var panel = root.querySelector("[data-sv-filters]");
  var clearButton = root.querySelector("[data-sv-clear]");
  var collator = new Intl.Collator("sv");

  instance.setTranslations({
    search_label: "Sök bland posterna",
    placeholder: "Sök, till exempel IOP eller integration",
    results_label: "Träffar"
  });

  // Filter groups in reading order. `key` is the Pagefind filter, `param` the query parameter;
  // typ and kind share ?typ= (a type code or a kind code, as on the browse page).
  var GROUPS = [
    { key: "lan", label: "Län", param: "lan", codes: codes.lan, order: "sv" },
    { key: "kommun", label: "Kommun", param: "kommun", codes: codes.kommun, order: "sv" },
    { key: "ar", label: "År", param: "ar", order: "newest" },
    { key: "typ", label: "Typ", param: "typ", codes: codes.typ, order: "codes" },
    { key: "kind", label: "Slag", param: "typ", codes: codes.kind, order: "codes" },
    { key: "tema", label: "Tema", param: "tema", order: "sv" },
    { key: "status", label: "Status", param: "status", order: "sv" }
  ];
  GROUPS.forEach(function (g) {
    g.labelOf = g.codes || null;
    g.codeOf = {};
    if (g.codes) Object.keys(g.codes).forEach(function (c) { g.codeOf[g.codes[c]] = c; });
  });

  // -- the address ---------------------------------------------------------------
  function stateFromUrl() {
    var params = new URLSearchParams(window.location.search);
    var filters = {};
    GROUPS.forEach(function (g) {
      params.getAll(g.param).forEach(function (raw) {
        var value = g.labelOf ? g.labelOf[raw] : raw;
        if (!value) return; // a code of the other group sharing ?typ=, or an unknown code
        (filters[g.key] = filters[g.key] || []).indexOf(value) < 0 && filters[g.key].push(value);
      });
    });
    return { q: (params.get("q") || "").trim(), filters: filters };
  }

  function values(filters, key) {
    var v = filters && filters[key];
    if (!v) return [];
    return Array.isArray(v) ? v : [v];
  }

  function query(term, filters) {
    var params = new URLSearchParams();
    if (term) params.append("q", term);
    GROUPS.forEach(function (g) {
      values(filters, g.key).forEach(function (value) {
        params.append(g.param, g.codeOf[value] || value);
      });
    });
    var text = params.toString();
    return text ? "?" + text : window.location.pathname;
  }

  function sameFilters(a, b) {
    return GROUPS.every(function (g) { return values(a, g.key).join("\n") === values(b, g.key).join("\n"); });
  }

  var current = { q: "", filters: {} };
  var restoring = false;
  instance.on("search", function (term, filters) {
    var next = { q: (term || "").trim(), filters: copy(filters) };
    // Filters without words list every record they match; no words and no filters, nothing.
    // (Pagefind reads this flag after the event, when it runs the search.)
    instance.faceted = Object.keys(next.filters).length > 0;
    if (!restoring && (next.q !== current.q || !sameFilters(next.filters, current.filters))) {
      var url = query(next.q, next.filters);
      if (!sameFilters(next.filters, current.filters)) {
        window.history.pushState(null, "", url);
      } else {
        window.history.replaceState(null, "", url);
      }
    }
    current = next;
    syncChecks();
    updateLinks();
  });

  function copy(filters) {
    var out = {};
    GROUPS.forEach(function (g) {
      var v = values(filters, g.key);
      if (v.length) out[g.key] = v.slice();
    });
    return out;
  }

  function restore() {
    var state = stateFromUrl();
    restoring = true;
    try {
      instance.triggerSearchWithFilters(state.q, state.filters);
    } finally {
      restoring = false;
    }
  }
  window.addEventListener("popstate", restore);

  // The browse page takes the same codes (not the words, themes or statuses).
  function updateLinks() {
    var params = new URLSearchParams();
    ["lan", "kommun", "ar", "typ", "kind"].forEach(function (key) {
      var g = GROUPS.filter(function (x) { return x.key === key; })[0];
      values(current.filters, key).forEach(function (v) { if (g.codeOf[v]) params.append(g.param, g.codeOf[v]); });
    });
    var text = params.toString();
    document.querySelectorAll("[data-sv-browse-link]").forEach(function (a) {
      a.setAttribute("href", a.getAttribute("href").split("?")[0] + (text ? "?" + text : ""));
    });
    clearButton.hidden = !Object.keys(current.filters).length;
  }

  // -- the filter panel ------------------------------------------------------------
  var built = {}; // key -> { details, summaryCount, options: { value -> {label, input, count} } }

  function ordered(group, valuesIn) {
    var list = valuesIn.slice();
    if (group.order === "newest") list.sort(function (a, b) { return Number(b) - Number(a); });
    else if (group.order === "codes") {
      var rank = {};
      Object.keys(group.codes).forEach(function (c, i) { rank[group.codes[c]] = i; });
      list.sort(function (a, b) { return (rank[a] === undefined ? 999 : rank[a]) - (rank[b] === undefined ? 999 : rank[b]); });
    } else list.sort(collator.compare);
    return list;
  }

  function buildPanel(total) {
    panel.textContent = "";
    built = {};
    GROUPS.forEach(function (g) {
      var all = Object.keys(total[g.key] || {});
      if (!all.length) return;
      var details = document.createElement("details");
      details.className = "sv-filter";
      var summary = document.createElement("summary");
      summary.textContent = g.label;
      var selected = document.createElement("span");
      selected.className = "sv-filter__selected";
      summary.appendChild(selected);
      details.appendChild(summary);
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.className = "sv-sr-only";
      legend.textContent = g.label;
      fieldset.appendChild(legend);
      var options = {};
      ordered(g, all).forEach(function (value, i) {
        var id = "sv-f-" + g.key + "-" + i;
        var label = document.createElement("label");
        label.className = "sv-filter__option";
        label.setAttribute("for", id);
        var input = document.createElement("input");
        input.type = "checkbox";
        input.id = id;
        input.name = g.key;
        input.value = value;
        input.addEventListener("change", onCheck);
        var text = document.createElement("span");
        text.textContent = value;
        var count = document.createElement("span");
        count.className = "sv-filter__count";
        label.appendChild(input);
        label.appendChild(text);
        label.appendChild(count);
        fieldset.appendChild(label);
        options[value] = { label: label, input: input, count: count };
      });
      details.appendChild(fieldset);
      panel.appendChild(details);
      built[g.key] = { details: details, selected: selected, options: options };
    });
  }

  function onCheck(event) {
    var input = event.target;
    var filters = copy(current.filters);
    var list = values(filters, input.name).filter(function (v) { return v !== input.value; });
    if (input.checked) list.push(input.value);
    if (list.length) filters[input.name] = list; else delete filters[input.name];
    instance.triggerFilters(filters);
  }

  function syncChecks() {
    Object.keys(built).forEach(function (key) {
      var chosen = values(current.filters, key);
      var b = built[key];
      Object.keys(b.options).forEach(function (value) {
        b.options[value].input.checked = chosen.indexOf(value) >= 0;
      });
      b.selected.textContent = chosen.length ? " (" + chosen.length + (chosen.length === 1 ? " vald)" : " valda)") : "";
      if (chosen.length) b.details.open = true;
    });
  }

  function updateCounts(available, total) {
    Object.keys(built).forEach(function (key) {
      var b = built[key];
      var chosen = values(current.filters, key);
      var visible = 0;
      Object.keys(b.options).forEach(function (value) {
        var o = b.options[value];
        var n = (available[key] || {})[value] || 0;
        var isChosen = chosen.indexOf(value) >= 0;
        o.count.textContent = " (" + n + ")";
        o.label.hidden = !(n > 0 || isChosen);
        if (!o.label.hidden) visible += 1;
      });
      b.details.hidden = visible === 0;
    });
  }

  var structure = "";
  instance.on("filters", function (f) {
    var total = f.total || f.available || {};
    var shape = GROUPS.map(function (g) { return Object.keys(total[g.key] || {}).sort().join("|"); }).join("\n");
    if (shape !== structure) {
      structure = shape;
      buildPanel(total);
    }
    updateCounts(f.available || total, total);
    syncChecks();
  });

  clearButton.addEventListener("click", function () {
    instance.triggerFilters({});
  });

  // -- results -------------------------------------------------------------------------
  // Pagefind's excerpt is HTML with <mark> around the hits; keep the text and the marks only.
  function excerptNodes(html) {
    var template = document.createElement("template");
    template.innerHTML = html || "";
    var out = document.createDocumentFragment();
    (function walk(node, into) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType === 3) into.appendChild(document.createTextNode(child.textContent));
        else if (child.nodeType === 1 && child.tagName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = child.textContent;
          into.appendChild(mark);
        } else if (child.nodeType === 1) walk(child, into);
      });
    })(template.content, out);
    return out;
  }

  function facts(result) {
    var f = result.filters || {};
    var parts = [];
    if (f.kind && f.kind.length) parts.push(f.kind[0]);
    var places = (f.kommun && f.kommun.length ? f.kommun : f.lan) || [];
    if (places.length) parts.push(places.slice(0, 3).join(", ") + (places.length > 3 ? " och " + (places.length - 3) + " till" : ""));
    if (f.ar && f.ar.length) parts.push(f.ar[0]);
    return parts.join(" · ");
  }

  var results = root.querySelector("pagefind-results");
  if (results) {
    results.resultTemplate = function (result) {
      var li = document.createElement("li");
      li.className = "pf-result sv-hit";
      var title = document.createElement("p");
      title.className = "sv-hit__title";
      var a = document.createElement("a");
      a.className = "pf-result-link";
      a.href = (result.meta && result.meta.url) || result.url;
      a.textContent = (result.meta && result.meta.title) || result.url;
      title.appendChild(a);
      li.appendChild(title);
      var about = facts(result);
      if (about) {
        var p = document.createElement("p");
        p.className = "sv-hit__facts";
        p.textContent = about;
        li.appendChild(p);
      }
      var excerpt = document.createElement("p");
      excerpt.className = "sv-hit__excerpt";
      excerpt.appendChild(excerptNodes(result.excerpt));
      li.appendChild(excerpt);
      return li;
    };
  }

  // -- start ---------------------------------------------------------------------------
  // Load Pagefind first, then run the search in the address: a search started while Pagefind
  // loads would race its own start-up.
  var start = stateFromUrl();
  var headerBox = document.getElementById("sv-header-q");
  if (headerBox && start.q) headerBox.value = start.q;
  updateLinks();
  instance.triggerLoad().then(function () {
    var loading = root.querySelector("[data-sv-filters-loading]");
    if (loading) loading.remove();
    if (start.q || Object.keys(start.filters).length) restore();
  });
})();
