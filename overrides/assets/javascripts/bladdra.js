/* Samverkansbasen: the browse page (/bladdra/).
 *
 * The page lists every record (newest first, undated last) and has a plain GET form with the
 * filter panel of the search page. The filter language (OR within a group, AND between groups,
 * the year range, chips, old codes in shared links) is filtrera.js's; this script matches the
 * rows in place instead of reloading, counts every value given the choices in the other groups,
 * keeps the filters in the address (?lan=12&lan=14&fran=2017&typ=iop), so reload, back and a
 * shared link all show the same list, announces the number of matching records politely, and
 * hands over the records shown as CSV or JSON ("Ladda ner urvalet").
 *
 * Speed with 10,000 records: each row carries its codes (data-lan, data-kommun, data-ar,
 * data-typ, data-tema, data-status, space-separated), read once into flat typed arrays of value
 * numbers.
 * Laying out 10,000 table rows takes the browser seconds, so the rows are taken out of the table
 * and only the first matching ones (data-sv-page, 50) are put back; "Visa fler poster" adds as
 * many again. A filter change is one loop over the arrays (matching and counting together) and
 * a swap of at most a page of rows.
 * No framework, nothing from another site.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-sv-browse-form]");
  var body = document.querySelector("[data-sv-rows]");
  if (!form || !body || !window.SvFilters) return;
  var count = document.querySelector("[data-sv-count]");
  var none = document.querySelector("[data-sv-none]");
  var more = document.querySelector("[data-sv-more]");
  var moreButton = more.querySelector("button");
  var downloads = document.querySelector("[data-sv-downloads]");
  var dataRoot = new URL(downloads.getAttribute("data-sv-data"), document.baseURI).href;
  var searchLinks = Array.prototype.slice.call(document.querySelectorAll("[data-sv-search-link]"));
  var PAGE = parseInt(body.getAttribute("data-sv-page"), 10) || 50;
  var numbers = window.SvFilters.numbers;

  var panel = new window.SvFilters.Panel(form.querySelector("[data-sv-panel]"), function (addEntry) {
    apply();
    remember(addEntry);
  });
  var groups = panel.groups;
  var G = groups.length;

  var rows = Array.prototype.slice.call(body.rows);
  var n = rows.length;
  // Row i's values in group g (their box numbers) are vals[g][start[g][i] .. start[g][i + 1]):
  // flat typed arrays, read once from the rows' attributes, so a change reads no attribute and
  // makes no garbage.
  var start = [];
  var vals = [];
  groups.forEach(function (g) {
    var attr = "data-" + g.attr;
    var from = new Uint32Array(n + 1);
    var list = [];
    for (var i = 0; i < n; i++) {
      from[i] = list.length;
      var codes = (rows[i].getAttribute(attr) || "").split(" ");
      for (var k = 0; k < codes.length; k++) {
        var box = codes[k] && g.byCode[codes[k].toLowerCase()];
        if (box) list.push(box.svIndex);
      }
    }
    from[n] = list.length;
    start.push(from);
    vals.push(Uint16Array.from(list));
  });
  var tallies = groups.map(function (g) { return new Uint32Array(g.boxes.length); });
  var wanted = groups.map(function (g) { return new Uint8Array(g.boxes.length); });
  var chosenGroups = new Int32Array(G);
  var matched = new Uint32Array(n);

  var matches = [];
  var drawn = 0;

  function draw(upTo) {
    var fragment = document.createDocumentFragment();
    var end = Math.min(upTo, matches.length);
    for (var k = drawn; k < end; k++) fragment.appendChild(rows[matches[k]]);
    body.appendChild(fragment);
    var first = rows[matches[drawn]];
    drawn = end;
    var left = matches.length - drawn;
    more.hidden = left <= 0;
    moreButton.textContent = "Visa fler poster (" + numbers.format(left) + " till)";
    return first;
  }

  // Match and count in one pass: a row failing no group is shown and counts for every group's
  // values; a row failing exactly one group counts for that group's values only (what the group
  // would give if one of its values were ticked instead); disjunctive facets.
  function apply() {
    var selection = panel.selection();
    var c = 0; // the groups with a choice: only they can fail a row
    for (var g = 0; g < G; g++) {
      var chosen = selection[groups[g].key];
      var set = wanted[g];
      set.fill(0);
      tallies[g].fill(0);
      if (!chosen) continue;
      for (var b = 0; b < chosen.length; b++) set[chosen[b].svIndex] = 1;
      chosenGroups[c++] = g;
    }
    var found = 0;
    for (var i = 0; i < n; i++) {
      var failed = -1;
      var fails = 0;
      for (var j = 0; j < c; j++) {
        var h = chosenGroups[j];
        var want = wanted[h];
        var v = vals[h];
        var ok = false;
        for (var k = start[h][i], end = start[h][i + 1]; k < end; k++) if (want[v[k]]) { ok = true; break; }
        if (!ok) {
          failed = h;
          if (++fails > 1) break;
        }
      }
      if (fails > 1) continue;
      if (fails === 0) {
        matched[found++] = i;
        for (var q = 0; q < G; q++) {
          var t = tallies[q], w = vals[q];
          for (var m = start[q][i], e = start[q][i + 1]; m < e; m++) t[w[m]]++;
        }
      } else {
        var tf = tallies[failed], wf = vals[failed];
        for (var mf = start[failed][i], ef = start[failed][i + 1]; mf < ef; mf++) tf[wf[mf]]++;
      }
    }
    matches = matched.subarray(0, found);
    var counts = {};
    groups.forEach(function (g, gi) {
      var t = tallies[gi];
      counts[g.key] = function (box) { return t[box.svIndex]; };
    });
    panel.showCounts(counts);
    body.textContent = "";
    drawn = 0;
    draw(PAGE);
    count.textContent = numbers.format(matches.length) + " av " + numbers.format(n) + " poster";
    none.hidden = matches.length > 0;
    downloads.hidden = matches.length === 0;
  }

  function remember(addEntry) {
    var query = panel.query().toString();
    searchLinks.forEach(function (a) {
      a.setAttribute("href", a.getAttribute("href").split("?")[0] + (query ? "?" + query : ""));
    });
    if (query === window.location.search.replace(/^\?/, "")) return;
    var url = query ? "?" + query : window.location.pathname;
    if (addEntry) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
    remember(true);
  });
  moreButton.addEventListener("click", function () {
    var first = draw(drawn + PAGE);
    var link = first && first.querySelector("a");
    if (link) link.focus();
  });
  document.querySelectorAll("[data-sv-browse-clear]").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      panel.clear();
      panel.changed(true);
      var first = groups[0] && groups[0].el.querySelector("summary");
      if (first) first.focus();
    });
  });
  downloads.querySelectorAll("[data-sv-download]").forEach(function (button) {
    button.addEventListener("click", function () {
      var status = downloads.querySelector("[data-sv-download-status]");
      var ids = Array.prototype.map.call(matches, function (i) {
        return window.SvFilters.recordId(rows[i].querySelector("a").getAttribute("href"));
      });
      status.textContent = "Hämtar " + numbers.format(ids.length) + " poster …";
      window.SvFilters.download(button.getAttribute("data-sv-download"), ids, dataRoot, "samverkansbasen-urval")
        .then(function (k) {
          status.textContent = numbers.format(k) + (k === 1 ? " post" : " poster") + " i filen.";
        }, function () {
          status.textContent = "Filen kunde inte skapas. Försök igen.";
        });
    });
  });
  window.addEventListener("popstate", function () {
    panel.read(window.location.search);
    apply();
    remember(false);
  });

  panel.read(window.location.search);
  apply();
  remember(false);
  document.documentElement.classList.remove("sv-js");
})();
