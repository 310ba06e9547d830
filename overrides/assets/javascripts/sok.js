/* Samverkansbasen: the search page (/sok/), on Pagefind's JavaScript API.
 *
 * The page is a GET form: its query string (?q=...&lan=12&lan=14&fran=2017&till=2019&typ=iop
 * &ordning=nyast) is the search, so a search is a link. The filter language (OR within a group,
 * AND between groups, the year range, chips, old codes) is filtrera.js's, shared with /bladdra/.
 * This script
 *   - reads the address on load and on back/forward, and writes it on every change
 *     (typing replaces the history entry, a filter or an Enter adds one);
 *   - runs the search with Pagefind (pagefind/pagefind.js, written by the build): a group's
 *     values are one {any: [...]} filter, the groups together are AND; it loads only the index
 *     chunks a query needs: the words, the filters in use and those of the groups opened;
 *   - counts each value of an opened group given the choices in the *other* groups (disjunctive
 *     facets): Pagefind's own counts are for adding a value to every current filter, so a group
 *     with a choice in it is counted by one more search without that group's filter;
 *   - sorts, when asked to or when there are no words, by the sort keys every record page has
 *     (nyast, aldst: undated records last), so no order drops a record;
 *   - shows the number of results (announced politely), ten at a time, each with what it is
 *     (kind, place, year) and an excerpt, never letting record text become markup;
 *   - hands over the records found as CSV or JSON ("Ladda ner urvalet").
 * Pagefind loads on first use (focus or a search in the address), not with the page.
 * No framework, nothing from another site.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-sv-search-form]");
  if (!form || !window.SvFilters) return;
  var input = form.elements.q;
  var order = form.elements.ordning;
  var summary = form.querySelector("[data-sv-summary]");
  var hits = form.querySelector("[data-sv-hits]");
  var more = form.querySelector("[data-sv-more]");
  var moreButton = more.querySelector("button");
  var resultsHeading = form.querySelector("#traffar");
  var downloads = form.querySelector("[data-sv-downloads]");
  var bundle = new URL(form.getAttribute("data-sv-bundle"), document.baseURI).href;
  var dataRoot = new URL(downloads.getAttribute("data-sv-data"), document.baseURI).href;
  var PAGE = 10;
  // Ranking: a word in the title counts most (Pagefind's meta weight 10 on top of the h1's own
  // weight); the summary is weighted in the page (data-pagefind-weight) rather than again as
  // meta, and the date meta is not matched at all. With Pagefind's defaults a short organisation
  // page whose summary names a place and "IOP" ranked above the IOPs of that place.
  var RANKING = { metaWeights: { title: 10, summary: 0.1, date: 0 } };
  var numbers = window.SvFilters.numbers;

  var panel = new window.SvFilters.Panel(form.querySelector("[data-sv-panel]"), function (addEntry) {
    remember(addEntry);
    run();
  });

  // -- Pagefind, loaded once, on first use ------------------------------------------
  var loading = null;
  function pagefind() {
    if (!loading) {
      loading = import(bundle + "pagefind.js").then(function (pf) {
        // No Web Worker: one file less to download, and a search of 10,000 records takes
        // the main thread a few milliseconds.
        return pf.options({ noWorker: true, ranking: RANKING })
          .then(function () { return pf; });
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
    return { q: input.value.trim(), selection: panel.selection(), order: order.value };
  }

  function isActive(state) {
    return Boolean(state.q) || Object.keys(state.selection).length > 0;
  }

  function address() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.append("q", input.value.trim());
    panel.query().forEach(function (v, k) { params.append(k, v); });
    if (order.value) params.append("ordning", order.value);
    return params.toString();
  }

  // The browse page takes the same filters (not the words).
  var browseLinks = Array.prototype.slice.call(document.querySelectorAll("[data-sv-browse-link]"));
  function linkBrowse() {
    var query = panel.query().toString();
    browseLinks.forEach(function (a) {
      a.setAttribute("href", a.getAttribute("href").split("?")[0] + (query ? "?" + query : ""));
    });
  }

  function remember(addEntry) {
    linkBrowse();
    var query = address();
    if (query === window.location.search.replace(/^\?/, "")) return;
    var url = query ? "?" + query : window.location.pathname;
    if (addEntry) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    panel.read(window.location.search);
    var wanted = params.get("ordning") || "";
    order.value = Array.prototype.some.call(order.options, function (o) { return o.value === wanted; }) ? wanted : "";
    var headerBox = document.getElementById("sv-header-q");
    if (headerBox) headerBox.value = input.value;
  }

  // Pagefind's filters for a selection, without the group `except`; `load` lists groups whose
  // filter chunk must be loaded for counting ("any of nothing" loads it and narrows nothing).
  function filtersFor(selection, except, load) {
    var filters = {};
    Object.keys(selection).forEach(function (key) {
      if (key === except) return;
      filters[key] = { any: selection[key].map(function (box) { return box.svValue; }) };
    });
    load.forEach(function (key) { if (!filters[key]) filters[key] = { any: [] }; });
    return filters;
  }

  // Every record page has one sort key, nyast: its place in the newest-first order, undated last.
  // Oldest first is that key descending, which puts the undated first: they are moved back to the
  // end (in the same alphabetical order) after counting them with the filter odaterad.
  function sortFor(state) {
    var sort = state.order || (state.q ? "" : "nyast");
    if (sort === "nyast") return { nyast: "asc" };
    if (sort === "aldst") return { nyast: "desc" };
    return null;
  }

  function undatedLast(pf, state, search) {
    if ((state.order || (state.q ? "" : "nyast")) !== "aldst") return Promise.resolve(search.results);
    var filters = filtersFor(state.selection, null, []);
    filters.odaterad = "ja";
    return pf.search(state.q || null, { filters: filters }).then(function (s) {
      var k = s ? s.results.length : 0;
      var all = search.results;
      return all.slice(k).concat(all.slice(0, k).reverse());
    });
  }

  // -- the filter panel -------------------------------------------------------------
  var opened = {}; // groups opened at some time: their values are counted from then on
  panel.groups.forEach(function (g) {
    if (g.el.open) opened[g.key] = true;
    g.el.addEventListener("toggle", function () {
      if (!g.el.open || opened[g.key]) return;
      opened[g.key] = true;
      if (isActive(current())) run();
    });
  });

  // Counts of the opened groups given the choices in the other groups: {key: box -> n}.
  function counts(pf, state, main) {
    var keys = Object.keys(opened);
    var out = {};
    var extra = [];
    keys.forEach(function (key) {
      if (!state.selection[key]) {
        var f = (main.filters || {})[key] || {};
        out[key] = function (box) { return f[box.svValue] || 0; };
      } else {
        extra.push(pf.search(state.q || null, { filters: filtersFor(state.selection, key, [key]) }).then(function (s) {
          var f = (s && s.filters || {})[key] || {};
          out[key] = function (box) { return f[box.svValue] || 0; };
        }));
      }
    });
    return Promise.all(extra).then(function () { return out; });
  }

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
      downloads.hidden = true;
      summary.textContent = "Skriv ett sökord eller välj ett filter.";
      panel.showCounts(null);
      return Promise.resolve();
    }
    hits.setAttribute("aria-busy", "true");
    var pf;
    return pagefind().then(function (p) {
      pf = p;
      var options = { filters: filtersFor(state.selection, null, Object.keys(opened)) };
      var sort = sortFor(state);
      if (sort) options.sort = sort;
      return pf.search(state.q || null, options);
    }).then(function (search) {
      if (!search || id !== searchId) return null;
      return Promise.all([counts(pf, state, search), undatedLast(pf, state, search)]).then(function (both) {
        var c = both[0];
        if (id !== searchId) return null;
        results = both[1];
        shown = 0;
        hits.textContent = "";
        summary.textContent = say(state, results.length);
        downloads.hidden = results.length === 0;
        panel.showCounts(c);
        return showMore(false);
      });
    }).then(function () {
      if (id === searchId) {
        hits.removeAttribute("aria-busy");
        hits.setAttribute("data-sv-search", String(id));
      }
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

  // On a narrow screen the results are below the filters: after a search, bring them into view.
  function showResults() {
    if (window.matchMedia("(max-width: 44.9375em)").matches && resultsHeading) {
      resultsHeading.scrollIntoView({ block: "start" });
    }
  }

  // -- Ladda ner urvalet ---------------------------------------------------------------
  downloads.querySelectorAll("[data-sv-download]").forEach(function (button) {
    button.addEventListener("click", function () {
      var status = downloads.querySelector("[data-sv-download-status]");
      var list = results.slice();
      status.textContent = "Hämtar " + numbers.format(list.length) + " poster …";
      // The record of each result is in its data (one small fragment per result, fetched once).
      Promise.all(list.map(function (r) { return r.data(); })).then(function (all) {
        var ids = all.map(function (d) { return window.SvFilters.recordId(d.url); });
        return window.SvFilters.download(button.getAttribute("data-sv-download"), ids, dataRoot, "samverkansbasen-urval");
      }).then(function (n) {
        status.textContent = numbers.format(n) + (n === 1 ? " post" : " poster") + " i filen.";
      }, function () {
        status.textContent = "Filen kunde inte skapas. Försök igen.";
      });
    });
  });

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
    run().then(showResults);
  });
  order.addEventListener("change", function () {
    remember(true);
    run();
  });
  moreButton.addEventListener("click", function () { showMore(true); });
  window.addEventListener("popstate", function () {
    readAddress();
    linkBrowse();
    run();
  });

  readAddress();
  panel.groups.forEach(function (g) { if (g.el.open) opened[g.key] = true; });
  linkBrowse();
  if (isActive(current())) run();
})();
