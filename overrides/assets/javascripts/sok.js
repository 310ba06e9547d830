/* Samverkansbasen: the search page (/sok/), on Pagefind's JavaScript API.
 *
 * The page is a GET form: its query string (?q=...&lan=19&kommun=1980&ar=2019&typ=lok
 * &tema=...&status=...&ordning=nyast) is the search, so a search is a link. This script
 *   - reads the address on load and on back/forward, and writes it on every change
 *     (typing replaces the history entry, a filter or an Enter adds one);
 *   - runs the search with Pagefind (pagefind/pagefind.js, written by the build), which
 *     loads only the index chunks a query needs: the words searched for, the filters in
 *     use, and the filters whose group the visitor opens (to count their values);
 *   - shows the number of results (announced politely), ten results at a time, each with
 *     what it is (kind, place, year) and an excerpt, never letting record text become markup.
 * Pagefind loads on first use (focus or a search in the address), not with the page.
 * No framework, nothing from another site.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-sv-search-form]");
  if (!form) return;
  var input = form.elements.q;
  var order = form.elements.ordning;
  var summary = form.querySelector("[data-sv-summary]");
  var hits = form.querySelector("[data-sv-hits]");
  var more = form.querySelector("[data-sv-more]");
  var moreButton = more.querySelector("button");
  var clearButton = form.querySelector("[data-sv-clear]");
  var groups = Array.prototype.slice.call(form.querySelectorAll("[data-sv-group]"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("[data-sv-group] input[type=checkbox]"));
  var bundle = new URL(form.getAttribute("data-sv-bundle"), document.baseURI).href;
  var PAGE = 10;
  var numbers = new Intl.NumberFormat("sv-SE");

  function keyOf(box) { return box.getAttribute("data-filter") || box.name; }
  function valueOf(box) { return box.getAttribute("data-value") || box.value; }

  // -- Pagefind, loaded once, on first use ------------------------------------------
  var loading = null;
  function pagefind() {
    if (!loading) {
      loading = import(bundle + "pagefind.js").then(function (pf) {
        // No Web Worker: one file less to download, and a search of 10,000 records takes
        // the main thread a few milliseconds.
        return pf.options({ noWorker: true }).then(function () { return pf; });
      });
      loading.catch(function () {
        loading = null;
        summary.textContent = "Sökningen kunde inte läsas in. Ladda om sidan och försök igen.";
      });
    }
    return loading;
  }
  input.addEventListener("focus", function () { pagefind(); });

  // -- the form, the address and the query ----------------------------------------
  function current() {
    var filters = {};
    boxes.forEach(function (box) {
      if (box.checked) (filters[keyOf(box)] = filters[keyOf(box)] || []).push(valueOf(box));
    });
    return { q: input.value.trim(), filters: filters, order: order.value };
  }

  function isActive(state) {
    return Boolean(state.q) || Object.keys(state.filters).length > 0;
  }

  function address() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.append("q", input.value.trim());
    boxes.forEach(function (box) { if (box.checked) params.append(box.name, box.value); });
    if (order.value) params.append("ordning", order.value);
    return params.toString();
  }

  // The browse page takes the same place, year and type codes (not words, themes or statuses).
  var browseLinks = Array.prototype.slice.call(document.querySelectorAll("[data-sv-browse-link]"));
  function linkBrowse() {
    var params = new URLSearchParams();
    boxes.forEach(function (box) {
      if (box.checked && ["lan", "kommun", "ar", "typ"].indexOf(box.name) >= 0 && !params.has(box.name)) {
        params.append(box.name, box.value);
      }
    });
    var query = params.toString();
    browseLinks.forEach(function (a) {
      a.setAttribute("href", a.getAttribute("href").split("?")[0] + (query ? "?" + query : ""));
    });
  }

  function remember(addEntry) {
    linkBrowse();
    var query = address();
    if (query === new URLSearchParams(window.location.search).toString()) return;
    var url = query ? "?" + query : window.location.pathname;
    if (addEntry) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) >= 0; });
    var wanted = params.get("ordning") || "";
    order.value = Array.prototype.some.call(order.options, function (o) { return o.value === wanted; }) ? wanted : "";
    var headerBox = document.getElementById("sv-header-q");
    if (headerBox) headerBox.value = input.value;
    groups.forEach(function (g) {
      if (g.querySelector("input:checked")) g.open = true;
    });
  }

  function options(state, extraKeys) {
    var filters = {};
    Object.keys(state.filters).forEach(function (key) {
      var values = state.filters[key];
      filters[key] = values.length === 1 ? values[0] : values; // several values: all of them
    });
    // An open group's counts need its filter loaded: "any of nothing" loads it, narrows nothing.
    extraKeys.forEach(function (key) { if (!filters[key]) filters[key] = { any: [] }; });
    var sort = state.order || (state.q ? "" : "nyast");
    var out = { filters: filters };
    if (sort === "nyast") out.sort = { date: "desc" };
    if (sort === "aldst") out.sort = { date: "asc" };
    return out;
  }

  // -- the filter panel -------------------------------------------------------------
  var opened = {}; // filter keys whose group has been opened: their counts are kept live

  function openKeys() { return Object.keys(opened); }

  function showCounts(counts, active) {
    boxes.forEach(function (box) {
      var key = keyOf(box);
      var label = box.closest("label");
      var count = label.querySelector(".sv-filter__count");
      if (!active) {
        count.textContent = "(" + count.getAttribute("data-total") + ")";
        label.hidden = false;
      } else if (counts[key]) {
        var n = counts[key][valueOf(box)] || 0;
        count.textContent = "(" + numbers.format(n) + ")";
        label.hidden = n === 0 && !box.checked;
      } else {
        count.textContent = ""; // not counted for this search until the group is opened
        label.hidden = false;
      }
    });
    groups.forEach(function (g) {
      var chosen = g.querySelectorAll("input:checked").length;
      g.querySelector(".sv-filter__selected").textContent = chosen ? " (" + chosen + " " + (chosen === 1 ? "vald" : "valda") + ")" : "";
    });
    clearButton.hidden = !boxes.some(function (b) { return b.checked; });
  }

  groups.forEach(function (g) {
    g.addEventListener("toggle", function () {
      var key = g.getAttribute("data-sv-group");
      if (!g.open || opened[key]) return;
      opened[key] = true;
      var state = current();
      if (!isActive(state)) return;
      var id = searchId;
      pagefind().then(function (pf) { return pf.search(state.q || null, options(state, [key])); }).then(function (s) {
        if (s && id === searchId) showCounts(s.filters || {}, true);
      });
    });
  });

  // -- searching and showing results -------------------------------------------------
  var searchId = 0;
  var results = [];
  var shown = 0;

  function say(state, n) {
    var quoted = "”" + state.q + "”";
    if (state.q) {
      if (n === 0) return "Inga träffar för " + quoted + ". Pröva ett annat ord eller färre filter.";
      return numbers.format(n) + (n === 1 ? " träff" : " träffar") + " för " + quoted + ".";
    }
    if (n === 0) return "Inga poster stämmer med filtren.";
    return numbers.format(n) + (n === 1 ? " post stämmer" : " poster stämmer") + " med filtren.";
  }

  function run() {
    var state = current();
    var id = ++searchId;
    if (!isActive(state)) {
      results = [];
      shown = 0;
      hits.textContent = "";
      more.hidden = true;
      summary.textContent = "Skriv ett sökord eller välj ett filter.";
      showCounts({}, false);
      return Promise.resolve();
    }
    hits.setAttribute("aria-busy", "true");
    return pagefind().then(function (pf) {
      return pf.search(state.q || null, options(state, openKeys()));
    }).then(function (search) {
      if (!search || id !== searchId) return null;
      results = search.results;
      shown = 0;
      hits.textContent = "";
      summary.textContent = say(state, results.length);
      showCounts(search.filters || {}, true);
      return showMore(false);
    }).then(function () {
      if (id === searchId) hits.removeAttribute("aria-busy");
    }, function () {
      if (id !== searchId) return;
      hits.removeAttribute("aria-busy");
      summary.textContent = "Sökningen misslyckades. Ladda om sidan och försök igen.";
    });
  }

  function showMore(focusFirst) {
    var id = searchId;
    var slice = results.slice(shown, shown + PAGE);
    shown += slice.length;
    more.hidden = shown >= results.length;
    moreButton.textContent = "Visa fler träffar (" + numbers.format(results.length - shown) + " till)";
    var items = slice.map(function () {
      var li = document.createElement("li");
      li.className = "sv-hit";
      hits.appendChild(li);
      return li;
    });
    return Promise.all(slice.map(function (result, i) {
      return result.data().then(function (data) { if (id === searchId) fill(items[i], data); });
    })).then(function () {
      var link = focusFirst && items[0] && items[0].querySelector("a");
      if (link) link.focus();
    });
  }

  // Pagefind's excerpt is HTML with <mark> around the words found; keep its text and marks only.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html || "";
    var out = document.createDocumentFragment();
    (function walk(node) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType === 3) out.appendChild(document.createTextNode(child.textContent));
        else if (child.nodeType === 1 && child.tagName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = child.textContent;
          out.appendChild(mark);
        } else if (child.nodeType === 1) walk(child);
      });
    })(template.content);
    return out;
  }

  function about(filters) {
    var parts = [];
    if (filters.kind && filters.kind.length) parts.push(filters.kind[0]);
    var places = (filters.kommun && filters.kommun.length ? filters.kommun : filters.lan) || [];
    if (places.length) {
      parts.push(places.slice(0, 3).join(", ") + (places.length > 3 ? " och " + (places.length - 3) + " till" : ""));
    }
    if (filters.ar && filters.ar.length) parts.push(filters.ar[0]);
    return parts.join(" · ");
  }

  function fill(li, data) {
    var meta = data.meta || {};
    var title = document.createElement("h3");
    title.className = "sv-hit__title";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = meta.title || data.url;
    title.appendChild(link);
    li.appendChild(title);
    var facts = about(data.filters || {});
    if (facts) {
      var p = document.createElement("p");
      p.className = "sv-hit__facts";
      p.textContent = facts;
      li.appendChild(p);
    }
    var text = document.createElement("p");
    text.className = "sv-hit__excerpt";
    text.appendChild(excerpt(data.excerpt));
    li.appendChild(text);
  }

  // -- events ---------------------------------------------------------------------------
  var typing = null;
  input.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(function () {
      remember(false);
      run();
    }, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(typing);
    remember(true);
    run();
  });
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      remember(true);
      run();
    });
  });
  order.addEventListener("change", function () {
    remember(true);
    run();
  });
  clearButton.addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    remember(true);
    run();
    input.focus();
  });
  moreButton.addEventListener("click", function () { showMore(true); });
  window.addEventListener("popstate", function () {
    readAddress();
    linkBrowse();
    run();
  });

  readAddress();
  linkBrowse();
  if (isActive(current())) run();
})();
