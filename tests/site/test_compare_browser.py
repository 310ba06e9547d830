"""Jämför in Chromium on the fixture site: the view is built from the address and every cell
matches catalog.compare.compare_facts; keyboard, back button, 390 px, print, no JavaScript, axe."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from samverkan.build import build
from samverkan.catalog.compare import FACT_LABELS, OPTIONAL_ROWS, changed, compare_facts, version_chains
from samverkan.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CELLS_JS = """() => [...document.querySelectorAll('.sv-compare__table tbody tr')].map(tr => ({
  key: tr.dataset.key,
  label: tr.querySelector('th').textContent.trim(),
  cells: [...tr.querySelectorAll('td')].map(td => {
    const lis = [...td.querySelectorAll('li')];
    const clone = td.cloneNode(true);
    clone.querySelectorAll('.sv-changed__mark').forEach(m => m.remove());
    const text = lis.length ? lis.map(li => li.textContent.replace(/\\s+/g, ' ').trim()).join('; ')
                            : clone.textContent.replace(/\\s+/g, ' ').trim();
    return {id: td.dataset.id, changed: !!td.querySelector('.sv-changed__mark'), text};
  })}))"""
HEADS_JS = "() => [...document.querySelectorAll('.sv-compare__table thead th')].map(th => th.dataset.id)"


@pytest.fixture(scope="module")
def catalog(repo_root, fixture_data, fixture_epoch):
    env = {"SOURCE_DATE_EPOCH": fixture_epoch, "SAMVERKAN_DATA_DIR": str(fixture_data)}
    return build(Settings.from_env(repo_root, env, search=False), "", "").catalog


@pytest.fixture(scope="module")
def base(fixture_site, served_site):
    return served_site(fixture_site)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _expected(catalog, ids, mark_changes):
    records = [catalog.by_id[i] for i in ids]
    facts = [compare_facts(catalog, r) for r in records]
    rows = []
    for key, label in FACT_LABELS.items():
        if key in OPTIONAL_ROWS and not any(f.values for col in facts for f in col if f.key == key):
            continue
        cells = []
        for i, col in enumerate(facts):
            f = next(x for x in col if x.key == key)
            versions = i > 0 and (records[i - 1].id in (records[i].get("supersedes") or [])
                                  or records[i].id in (records[i - 1].get("supersedes") or []))
            diff = mark_changes(i, versions) and key in changed(facts[i - 1], col)
            cells.append({"id": records[i].id, "changed": bool(diff), "text": _norm(f.text())})
        rows.append({"key": key, "label": label, "cells": cells})
    return rows


def _open(page, base, ids):
    page.goto(base + "jamfor/?" + "&".join(f"id={i}" for i in ids))
    page.wait_for_function(f"document.querySelectorAll('.sv-compare__table thead th').length === {len(ids)}")


@pytest.mark.parametrize("ids", [
    ["test-lok-vasteras-2", "test-lok-vasteras-3", "test-nationell"],
    ["test-regional-orebro", "test-iop-upphord"],
    ["test-lok-vasteras-1", "test-lok-vasteras-2", "test-lok-vasteras-3", "test-iop-okand"],
], ids=lambda ids: "+".join(ids))
def test_the_view_from_the_address_shows_the_catalogs_facts(browser_page, base, catalog, ids):
    _open(browser_page, base, ids)
    assert browser_page.evaluate(HEADS_JS) == ids
    got = browser_page.evaluate(CELLS_JS)
    # In the live view "Ändrad" marks neighbouring columns that are versions of each other.
    assert got == _expected(catalog, ids, lambda i, versions: versions)
    status = browser_page.inner_text("[data-sv-compare-status]")
    assert f"{len(ids)} överenskommelser jämförs" in status


def test_unknown_ids_and_more_than_four_are_named_not_shown(browser_page, base):
    ids = ["test-lok-vasteras-1", "finns-inte", "test-lok-vasteras-2", "test-lok-vasteras-3", "test-iop-okand",
           "test-nationell"]
    browser_page.goto(base + "jamfor/?" + "&".join(f"id={i}" for i in ids) + "&id=%3Cscript%3E")
    browser_page.wait_for_function("document.querySelectorAll('.sv-compare__table thead th').length === 4")
    status = browser_page.inner_text("[data-sv-compare-status]")
    assert "Okänd i adressen: finns-inte, <script>." in status and "Fler än 4" in status
    assert browser_page.evaluate(HEADS_JS) == [i for i in ids if i != "finns-inte"][:4]


def _focus_visible(page) -> bool:
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }""")


def test_add_and_remove_by_keyboard_and_the_back_button(browser_page, base):
    page = browser_page
    page.goto(base + "overenskommelser/test-lok-vasteras-3/")
    link = page.get_by_role("link", name="Jämför", exact=True)
    link.focus()
    assert _focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.sv-compare__table thead th').length === 1")
    assert "Lägg till minst en till" in page.inner_text("[data-sv-compare-status]")
    page.focus("#sv-compare-add")
    assert _focus_visible(page)
    page.select_option("#sv-compare-add", "test-nationell")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Lägg till"
    assert _focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.sv-compare__table thead th').length === 2")
    assert parse_qs(urlsplit(page.url).query)["id"] == ["test-lok-vasteras-3", "test-nationell"]
    remove = page.locator('[data-sv-remove="test-lok-vasteras-3"]')
    remove.focus()
    assert _focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.sv-compare__table thead th').length === 1")
    assert parse_qs(urlsplit(page.url).query)["id"] == ["test-nationell"]
    assert page.evaluate("document.activeElement.dataset.svRemove") == "test-nationell"  # the keyboard stays
    page.go_back()
    page.wait_for_function("document.querySelectorAll('.sv-compare__table thead th').length === 2")
    assert page.evaluate(HEADS_JS) == ["test-lok-vasteras-3", "test-nationell"]
    page.go_back()
    page.wait_for_function("document.querySelectorAll('.sv-compare__table thead th').length === 1")
    assert page.evaluate(HEADS_JS) == ["test-lok-vasteras-3"]


BROKEN_WORDS_JS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector('.sv-compare'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const re = /\\S+/g; let m;
    while ((m = re.exec(n.data))) {
      const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
      const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("ids", [["test-lok-vasteras-2", "test-lok-vasteras-3"],
                                 ["test-lok-vasteras-1", "test-lok-vasteras-2", "test-lok-vasteras-3", "test-regional-orebro"]],
                         ids=["two", "four"])
def test_at_390_px_the_page_does_not_scroll_sideways_and_no_word_breaks(browser, base, ids):
    context = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        _open(page, base, ids)
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], width
        assert page.evaluate(BROKEN_WORDS_JS) == []
        sizes = page.evaluate("[...document.querySelectorAll('.sv-compare__table td, .sv-compare__table th')]"
                              ".map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert min(sizes) >= 12
        # The fact names stay in view when the columns scroll.
        page.evaluate("document.querySelector('.sv-compare').scrollLeft = 10000")
        left = page.evaluate("document.querySelector('.sv-compare__table tbody th').getBoundingClientRect().left")
        assert 0 <= left < 40
        # The scrolling region can be reached and scrolled by keyboard.
        assert page.get_attribute(".sv-compare", "tabindex") == "0"
    finally:
        context.close()


def test_print_shows_the_table_without_controls(browser_page, base):
    page = browser_page
    _open(page, base, ["test-lok-vasteras-2", "test-lok-vasteras-3", "test-nationell", "test-regional-orebro"])
    page.emulate_media(media="print")
    shown = page.evaluate("""() => ({
        remove: [...document.querySelectorAll('.sv-compare__remove')].map(b => getComputedStyle(b).display),
        form: getComputedStyle(document.querySelector('[data-sv-compare-form]')).display,
        sticky: getComputedStyle(document.querySelector('.sv-compare__table tbody th')).position,
        overflow: getComputedStyle(document.querySelector('.sv-compare')).overflowX,
        fits: document.querySelector('.sv-compare__table').getBoundingClientRect().right
              <= document.querySelector('.md-content').getBoundingClientRect().right + 1})""")
    assert set(shown["remove"]) == {"none"} and shown["form"] == "none"
    assert shown["sticky"] == "static" and shown["overflow"] == "visible" and shown["fits"]


def test_without_javascript_the_page_says_how_to_choose_and_the_chains_work(browser, base, catalog):
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "jamfor/?id=test-lok-vasteras-2&id=test-lok-vasteras-3")
        text = page.inner_text("main")
        assert "Jämförelsen läser valet ur adressen med JavaScript" in text
        assert not page.is_visible("[data-sv-compare-form]")
        chains = version_chains(catalog)
        links = page.eval_on_selector_all("#versioner ~ ul a", "as => as.map(a => a.getAttribute('href'))")
        assert links == [f"../jamfor/versioner/{ch[-1].id}/" for ch in chains]
        page.click(f'a[href="{links[0]}"]')
        page.wait_for_url(f"**/jamfor/versioner/{chains[0][-1].id}/")
        ids = [r.id for r in chains[0]]
        assert page.evaluate(HEADS_JS) == ids
        # The pre-rendered chain marks every change from one version to the next.
        assert page.evaluate(CELLS_JS) == _expected(catalog, ids, lambda i, versions: i > 0)
        assert page.locator(".sv-changed__mark").count() == sum(
            len(changed(compare_facts(catalog, a), compare_facts(catalog, b))) for a, b in zip(chains[0], chains[0][1:]))
    finally:
        context.close()


def test_record_pages_offer_jamfor_and_links_in_the_table_lead_somewhere(browser_page, base, catalog, fixture_site):
    page = browser_page
    for r in catalog.by_type["agreement"]:
        page.goto(base + f"overenskommelser/{r.id}/")
        href = page.get_by_role("link", name="Jämför", exact=True).get_attribute("href")
        assert href == f"../../jamfor/?id={r.id}"
    _open(page, base, ["test-lok-vasteras-3", "test-nationell"])
    hrefs = page.eval_on_selector_all(".sv-compare a", "as => as.map(a => a.href)")
    site_host = urlsplit(base).netloc
    for h in hrefs:
        if urlsplit(h).netloc != site_host:
            continue  # the agreement's own document, on its publisher's site
        path = urlsplit(h).path.split("/samverkansbasen/", 1)[-1] if "/samverkansbasen/" in h else urlsplit(h).path.lstrip("/")
        target = fixture_site / path.split("#")[0]
        assert (target / "index.html").exists() or target.exists(), h


def test_the_compare_views_have_no_axe_violations(browser_page, base):
    from browser_checks import axe_violations, describe
    found = []
    for url in ["jamfor/", "jamfor/?id=test-lok-vasteras-2&id=test-lok-vasteras-3&id=test-nationell",
                "jamfor/versioner/test-lok-vasteras-3/"]:
        browser_page.goto(base + url)
        browser_page.wait_for_load_state("networkidle")
        found += [describe(v, url) for v in axe_violations(browser_page)]
    assert not found, "\n".join(found)
