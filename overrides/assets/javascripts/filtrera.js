/* Samverkansbasen: the filter language shared by the search page (/sok/) and the browse page
 * (/bladdra/). Both pages render the same filter panel (macros.html: filter_panel) and load this
 * script before their own (sok.js, bladdra.js), which decide what matches and what the counts are.
 *
 * The language, the same on both pages and in the address:
 *   - a group is one kind of value: län, kommun, år, typ, slag, tema, status;
 *   - values within a group combine with OR (?lan=12&lan=14: Skåne or Västra Götaland),
 *     groups combine with AND (?lan=12&typ=iop: IOPs in Skåne);
 *   - the year group also takes a range, ?fran=2017&till=2019, which joins the ticked years
 *     (OR, as any other value of the group); either end may be left out;
 *   - typ and slag share ?typ= (a type code or a kind code), as shared links always had;
 *   - codes from older addresses are accepted through the aliases the page carries
 *     (data-sv-aliases: {"param": {"old code": "code"}}), and codes are matched without regard
 *     to case; unknown codes are ignored.
 * The panel shows the active filters as removable chips with one "Rensa alla", keeps every group
 * fully listed (a value's count is for that value given the choices in the other groups, so
 * ticking one value never hides the others), and narrows the kommun list to the chosen län.
 * It also makes the "Ladda ner urvalet" files: the rows of data/records.csv and
 * data/records.json for the records shown, loaded only when asked for.
 * No framework, nothing from another site.
 */
(function () {
  "use strict";

  var numbers = new Intl.NumberFormat("sv-SE");

  function Panel(root, onChange) {
    var self = this;
    this.root = root;
    this.onChange = onChange;
    var aliases = {};
    try { aliases = JSON.parse(root.getAttribute("data-sv-aliases") || "{}"); } catch (e) { aliases = {}; }
    this.aliases = aliases;
    this.chips = root.querySelector("[data-sv-chips]");
    this.chipList = root.querySelector("[data-sv-chip-list]");
    this.clearButton = root.querySelector("[data-sv-clear]");
    this.groups = Array.prototype.map.call(root.querySelectorAll("[data-sv-group]"), function (el) {
      var boxes = Array.prototype.slice.call(el.querySelectorAll("input[type=checkbox]"));
      var g = {
        key: el.getAttribute("data-sv-group"),
        param: el.getAttribute("data-sv-param"),
        attr: el.getAttribute("data-sv-attr") || el.getAttribute("data-sv-group"),
        label: el.getAttribute("data-sv-label"),
        el: el,
        boxes: boxes,
        byCode: {},
        selected: el.querySelector(".sv-filter__selected"),
        from: el.querySelector("select[data-sv-range=fran]"),
        to: el.querySelector("select[data-sv-range=till]")
      };
      boxes.forEach(function (box, i) {
        box.svIndex = i;
        box.svGroup = g;
        box.svCount = box.closest("label").querySelector(".sv-filter__count");
        box.svLabel = box.closest("label");
        box.svText = box.closest("label").querySelector(".sv-filter__label").textContent;
        box.svLan = (box.getAttribute("data-lan") || "").split(" ");
        // The Pagefind filter value: data-value, or the label where they are the same.
        box.svValue = box.getAttribute("data-value") || box.svText;
        g.byCode[box.value.toLowerCase()] = box;
      });
      return g;
    });
    this.byKey = {};
    this.groups.forEach(function (g) { self.byKey[g.key] = g; });
    this.boxes = [].concat.apply([], this.groups.map(function (g) { return g.boxes; }));
    this.params = [];
    this.groups.forEach(function (g) { if (self.params.indexOf(g.param) < 0) self.params.push(g.param); });

    this.boxes.forEach(function (box) {
      box.addEventListener("change", function () { self.changed(true); });
    });
    this.groups.forEach(function (g) {
      [g.from, g.to].forEach(function (sel) {
        if (sel) sel.addEventListener("change", function () { self.changed(true); });
      });
    });
    if (this.clearButton) {
      this.clearButton.addEventListener("click", function () {
        self.clear();
        self.changed(true);
        var first = self.groups[0] && self.groups[0].el.querySelector("summary");
        if (first) first.focus();
      });
    }
  }

  Panel.prototype.changed = function (addEntry) {
    this.refresh();
    if (this.onChange) this.onChange(addEntry);
  };

  Panel.prototype.clear = function () {
    this.boxes.forEach(function (box) { box.checked = false; });
    this.groups.forEach(function (g) {
      if (g.from) g.from.value = "";
      if (g.to) g.to.value = "";
    });
  };

  // The box for a code of a query parameter, after aliases; null when unknown.
  Panel.prototype.find = function (param, code) {
    var wanted = String(code).trim().toLowerCase();
    var table = this.aliases[param] || {};
    Object.keys(table).forEach(function (k) { if (k.toLowerCase() === wanted) wanted = String(table[k]).toLowerCase(); });
    for (var i = 0; i < this.groups.length; i++) {
      var g = this.groups[i];
      if (g.param === param && g.byCode[wanted]) return g.byCode[wanted];
    }
    return null;
  };

  function setRange(select, value) {
    var v = String(value || "").trim();
    var ok = Array.prototype.some.call(select.options, function (o) { return o.value === v; });
    select.value = ok ? v : "";
  }

  // Set the panel from a query string (unknown codes and parameters are ignored).
  Panel.prototype.read = function (search) {
    var self = this;
    var params = new URLSearchParams(search);
    this.clear();
    this.params.forEach(function (param) {
      params.getAll(param).forEach(function (code) {
        var box = self.find(param, code);
        if (box) box.checked = true;
      });
    });
    this.groups.forEach(function (g) {
      if (g.from) setRange(g.from, params.get("fran"));
      if (g.to) setRange(g.to, params.get("till"));
      // A group with a choice in it is shown open, so the choice can be seen and changed.
      if (g.boxes.some(function (b) { return b.checked; }) || (g.from && (g.from.value || g.to.value))) g.el.open = true;
    });
    this.refresh();
  };

  // The filter part of the address, in the panel's order.
  Panel.prototype.query = function () {
    var params = new URLSearchParams();
    this.groups.forEach(function (g) {
      if (g.from && g.from.value) params.append("fran", g.from.value);
      if (g.to && g.to.value) params.append("till", g.to.value);
      g.boxes.forEach(function (box) { if (box.checked) params.append(g.param, box.value); });
    });
    return params;
  };

  // The range of a group as [from, to] numbers (either may be null), or null when not set.
  function range(g) {
    if (!g.from) return null;
    var a = g.from.value ? Number(g.from.value) : null;
    var b = g.to.value ? Number(g.to.value) : null;
    if (a === null && b === null) return null;
    if (a !== null && b !== null && a > b) { var t = a; a = b; b = t; }
    return [a, b];
  }

  // The chosen values of each group: {key: [box, ...]} (the year range as the years in it).
  // A group without a choice is left out.
  Panel.prototype.selection = function () {
    var out = {};
    this.groups.forEach(function (g) {
      var r = range(g);
      var chosen = g.boxes.filter(function (box) {
        if (box.checked) return true;
        if (!r) return false;
        var y = Number(box.value);
        return (r[0] === null || y >= r[0]) && (r[1] === null || y <= r[1]);
      });
      if (chosen.length || r) out[g.key] = chosen;
    });
    return out;
  };

  Panel.prototype.active = function () {
    return Object.keys(this.selection()).length > 0;
  };

  // counts: {key: function(box) -> number} for the groups counted now; a group left out shows no
  // count (its values are not counted for this search), null shows the totals of the whole catalog.
  // "(1 234)" for 1234, made once per number: a change writes a few hundred counts.
  var shownCount = [];
  function countText(n) {
    return shownCount[n] || (shownCount[n] = "(" + numbers.format(n) + ")");
  }

  Panel.prototype.showCounts = function (counts) {
    var chosenLan = {};
    var anyLan = false;
    if (this.byKey.lan) this.byKey.lan.boxes.forEach(function (b) { if (b.checked) { chosenLan[b.value] = true; anyLan = true; } });
    this.groups.forEach(function (g) {
      var f = counts ? counts[g.key] : null;
      var follows = g.key === "kommun" && anyLan;
      g.boxes.forEach(function (box) {
        var hide = false;
        var text;
        if (!counts) {
          text = countText(Number(box.svCount.getAttribute("data-total")));
        } else if (f) {
          var n = f(box) || 0;
          text = countText(n);
          hide = n === 0 && !box.checked;
        } else {
          text = "";
        }
        // The kommun list follows the chosen län (a ticked kommun stays, so it can be unticked).
        if (follows && !hide && !box.checked) {
          hide = true;
          for (var k = 0; k < box.svLan.length; k++) if (chosenLan[box.svLan[k]]) { hide = false; break; }
        }
        // Only what changed is written: with 300 values a rewrite of every label costs a layout.
        if (box.svShown !== text) {
          // The text node's data, not a new node: its layout object stays.
          var node = box.svCount.firstChild;
          if (node && node.nodeType === 3) node.data = text;
          else box.svCount.textContent = text;
          box.svShown = text;
        }
        if (box.svLabel.hidden !== hide) box.svLabel.hidden = hide;
      });
    });
  };

  // Chips for the active filters, the "(n valda)" of each group.
  Panel.prototype.refresh = function () {
    var self = this;
    var list = this.chipList;
    if (!list) return;
    list.textContent = "";
    var any = false;
    function chip(text, remove) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sv-chip";
      button.setAttribute("aria-label", "Ta bort filtret " + text);
      var span = document.createElement("span");
      span.textContent = text;
      var x = document.createElement("span");
      x.className = "sv-chip__x";
      x.setAttribute("aria-hidden", "true");
      x.textContent = "×";
      button.appendChild(span);
      button.appendChild(x);
      button.addEventListener("click", function () {
        var index = Array.prototype.indexOf.call(list.children, li);
        remove();
        self.changed(true);
        // Keep the keyboard where it was: on the chip that took this one's place, or on "Rensa alla".
        var target = list.children[Math.min(index, list.children.length - 1)];
        var b = target && target.querySelector("button");
        (b || self.clearButton || document.body).focus();
      });
      li.appendChild(button);
      list.appendChild(li);
      any = true;
    }
    this.groups.forEach(function (g) {
      var r = range(g);
      if (r) {
        var text = g.label + ": " + (r[0] !== null ? r[0] : "") + "–" + (r[1] !== null ? r[1] : "");
        chip(text, function () { g.from.value = ""; g.to.value = ""; });
      }
      var n = 0;
      g.boxes.forEach(function (box) {
        if (!box.checked) return;
        n++;
        chip(g.label + ": " + box.svText, function () { box.checked = false; });
      });
      if (g.selected) {
        var m = n + (r ? 1 : 0);
        g.selected.textContent = m ? " (" + m + " " + (m === 1 ? "vald" : "valda") + ")" : "";
      }
    });
    this.chips.hidden = !any;
  };

  // Pick the rows of the open-data files for the given record ids, in the given order, and hand
  // them over as a file. format: "csv" or "json"; dataRoot: the site's "data/" address.
  function download(format, ids, dataRoot, name) {
    var file = format === "csv" ? "records.csv" : "records.json";
    return fetch(dataRoot + file).then(function (response) {
      if (!response.ok) throw new Error(file + ": " + response.status);
      return format === "csv" ? response.arrayBuffer() : response.json();
    }).then(function (content) {
      var blob = format === "csv" ? csvSelection(content, ids) : jsonSelection(content, ids);
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = name + "." + format;
      document.body.appendChild(a);
      a.click();
      window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      return ids.length;
    });
  }

  // records.csv is UTF-8 with BOM, ';' between fields, CRLF between rows, fields quoted when they
  // hold ';', '"' or a line break, the id first. The selection keeps the file's own bytes: its
  // BOM, header and each chosen row as written, so it opens in Excel exactly as the whole file does.
  function csvSelection(buffer, ids) {
    var bytes = new Uint8Array(buffer);
    var start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    var rows = [];
    var quoted = false;
    var rowStart = start;
    for (var i = start; i < bytes.length; i++) {
      var c = bytes[i];
      if (c === 0x22) quoted = !quoted;
      else if (!quoted && c === 0x0a) {
        rows.push([rowStart, i + 1]);
        rowStart = i + 1;
      }
    }
    if (rowStart < bytes.length) rows.push([rowStart, bytes.length]);
    var decoder = new TextDecoder("utf-8");
    var byId = {};
    for (var r = 1; r < rows.length; r++) {
      var end = rows[r][0];
      while (end < rows[r][1] && bytes[end] !== 0x3b && bytes[end] !== 0x0d && bytes[end] !== 0x0a) end++;
      byId[decoder.decode(bytes.subarray(rows[r][0], end))] = rows[r];
    }
    var parts = [bytes.subarray(0, rows.length ? rows[0][1] : bytes.length)];
    ids.forEach(function (id) {
      var row = byId[id];
      if (row) parts.push(bytes.subarray(row[0], row[1]));
    });
    return new Blob(parts, { type: "text/csv;charset=utf-8" });
  }

  // records.json: the same head (with the count of the selection) and the chosen records.
  function jsonSelection(data, ids) {
    var byId = {};
    (data.records || []).forEach(function (r) { byId[r.id] = r; });
    var records = ids.map(function (id) { return byId[id]; }).filter(Boolean);
    var out = {};
    Object.keys(data).forEach(function (k) { if (k !== "records") out[k] = data[k]; });
    out.count = records.length;
    var byType = {};
    records.forEach(function (r) {
      var t = (r.fields || {}).type;
      if (t) byType[t] = (byType[t] || 0) + 1;
    });
    out.counts_by_type = byType;
    out.selection = window.location.search.replace(/^\?/, "");
    out.records = records;
    return new Blob([JSON.stringify(out, null, 2) + "\n"], { type: "application/json" });
  }

  // The record id of a site-relative or absolute record address: its last path segment.
  function recordId(url) {
    var path = String(url).split("#")[0].split("?")[0].replace(/\/index\.html$/, "").replace(/\/+$/, "");
    return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
  }

  window.SvFilters = { Panel: Panel, download: download, recordId: recordId, numbers: numbers };
})();
