/* Samverkansbasen: the browse page (/bladdra/).
 *
 * The page lists every record and has a plain GET form of filters (län, kommun, år, typ).
 * This script filters the list in place instead of reloading, and keeps the filters in the
 * address (?lan=19&kommun=1980&ar=2019&typ=lok), so reload, back and a shared link all show
 * the same list; the count of matching records is announced politely.
 *
 * Speed with 10,000 records: each row carries its codes (data-lan, data-kommun, data-ar,
 * data-typ, space-separated), read once into arrays. Laying out 10,000 table rows takes the
 * browser seconds, so the rows are taken out of the table and only the first matching ones
 * (data-sv-page, 100) are put back; "Visa fler poster" adds as many again. A filter change is
 * a loop over the arrays and a swap of at most a page of rows.
 * No framework, nothing from another site.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-sv-browse-form]");
  var body = document.querySelector("[data-sv-rows]");
  if (!form || !body) return;
  var count = document.querySelector("[data-sv-count]");
  var none = document.querySelector("[data-sv-none]");
  var more = document.querySelector("[data-sv-more]");
  var moreButton = more.querySelector("button");
  var FIELDS = ["lan", "kommun", "ar", "typ"];
  var PAGE = parseInt(body.getAttribute("data-sv-page"), 10) || 100;
  var numbers = new Intl.NumberFormat("sv-SE");

  var rows = Array.prototype.slice.call(body.rows);
  var n = rows.length;
  // keys[field][i] = " 19 03 ": a value matches when " value " occurs in it.
  var keys = {};
  FIELDS.forEach(function (f) {
    var attr = "data-" + f;
    var list = new Array(n);
    for (var i = 0; i < n; i++) list[i] = " " + (rows[i].getAttribute(attr) || "") + " ";
    keys[f] = list;
  });

  var ALLOWED = {};
  FIELDS.forEach(function (f) {
    var select = form.elements[f];
    ALLOWED[f] = {};
    for (var i = 0; i < select.options.length; i++) ALLOWED[f][select.options[i].value] = true;
  });

  function stateFromQuery(search) {
    var params = new URLSearchParams(search);
    var state = {};
    FIELDS.forEach(function (f) {
      var v = (params.get(f) || "").trim();
      state[f] = v && ALLOWED[f][v] ? v : "";
    });
    return state;
  }

  function stateFromForm() {
    var state = {};
    FIELDS.forEach(function (f) { state[f] = form.elements[f].value; });
    return state;
  }

  function query(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (f) { if (state[f]) params.append(f, state[f]); });
    var text = params.toString();
    return text ? "?" + text : "";
  }

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

  function apply(state) {
    FIELDS.forEach(function (f) { form.elements[f].value = state[f]; });
    var active = FIELDS.filter(function (f) { return state[f]; });
    var needles = active.map(function (f) { return " " + state[f] + " "; });
    var lists = active.map(function (f) { return keys[f]; });
    var m = active.length;
    matches = [];
    for (var i = 0; i < n; i++) {
      var ok = true;
      for (var j = 0; j < m; j++) {
        if (lists[j][i].indexOf(needles[j]) < 0) { ok = false; break; }
      }
      if (ok) matches.push(i);
    }
    body.textContent = "";
    drawn = 0;
    draw(PAGE);
    count.textContent = numbers.format(matches.length) + " av " + numbers.format(n) + " poster";
    none.hidden = matches.length > 0;
  }

  function change() {
    var state = stateFromForm();
    apply(state);
    var search = query(state);
    if (search !== window.location.search) {
      window.history.pushState(null, "", search || window.location.pathname);
    }
  }

  form.addEventListener("change", change);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    change();
  });
  moreButton.addEventListener("click", function () {
    var first = draw(drawn + PAGE);
    var link = first && first.querySelector("a");
    if (link) link.focus();
  });
  document.querySelectorAll("[data-sv-browse-clear]").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      FIELDS.forEach(function (f) { form.elements[f].value = ""; });
      change();
      form.elements[FIELDS[0]].focus();
    });
  });
  window.addEventListener("popstate", function () { apply(stateFromQuery(window.location.search)); });

  apply(stateFromQuery(window.location.search));
  document.documentElement.classList.remove("sv-js");
})();
