"""The accessibility statement (/tillganglighet/) tells the truth.

Its list of known problems comes from docs/tillganglighet.md. These tests measure every page type
that file names, in Chromium, on the fixture site served as GitHub Pages serves it (under the
site_url path, 404.html for a missing address), and fail when the list and the measurement differ:

  axe         axe-core, WCAG 2.1 A and AA rules, at 1280 and at 320 CSS pixels wide
  fokus       every element the Tab key reaches shows a visible focus indicator
  zoom-400    400 % zoom of a 1280 × 900 window = a 320 × 225 CSS-pixel viewport: no sideways
              scrolling, and sticky or fixed parts (the header) cover at most half of the height
  smal-skarm  320 × 900: no sideways scrolling, and no text beyond the right edge except inside a
              box that scrolls on its own (a wide table)

A problem is keyed (check, page type), with check "axe:<rule>" for axe and the check's id otherwise.
On a mismatch the message prints the `problems:` block that matches the measurement.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from samverkan.pages.statement import load_statement

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO_ROOT = Path(__file__).resolve().parents[2]
STATEMENT_DATA = REPO_ROOT / "docs" / "tillganglighet.md"  # the data is in its front matter
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def pages_base(fixture_site, served_site):
    """The fixture site as GitHub Pages serves it (404.html for a missing address, tests/conftest.py)."""
    return served_site(fixture_site)


# -- The manual checks, as scripts run in the page ------------------------------------------

# Styles that can show focus; compared for one element before and after it gets keyboard focus.
# Styles that can show focus, of the element and (for a link in an SVG picture, whose focus is
# drawn on its shapes) of its first SVG children; compared before and after it gets keyboard focus.
_STYLE_JS = """el => { const parts = [];
  for (const e of [el, ...Array.from(el.children).filter(c => c instanceof SVGElement).slice(0, 3)]) {
    const s = getComputedStyle(e);
    parts.push(s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color,
               s.textDecorationLine, s.borderColor, s.stroke, s.strokeWidth, s.fill); }
  return parts.join('|'); }"""

_MARK_FOCUSABLE_JS = """(styleOf) => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const els = Array.from(document.querySelectorAll(sel)).filter(el => el.tabIndex >= 0 && !el.disabled);
  els.forEach((el, i) => { el.dataset.svFocusIndex = i; el.dataset.svFocusStyle = styleOf(el); });
  return els.length;
}"""

# After one Tab the page is in keyboard mode, so focus() matches :focus-visible as a Tab would;
# every element is focused in turn, in one call (pressing Tab 300 times on a list page takes minutes).
_FOCUS_ALL_JS = """(styleOf) => {
  const invisible = [];
  for (const el of document.querySelectorAll('[data-sv-focus-index]')) {
    el.focus();
    if (document.activeElement !== el) continue;  // not focusable after all (hidden, inert)
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || (r.width === 0 && r.height === 0 && !el.closest('[hidden]'))) continue;
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const changed = el.dataset.svFocusStyle !== styleOf(el);
    if (!(outline || changed)) {
      const label = (el.getAttribute('aria-label') || el.textContent || el.name || el.id || '').trim().slice(0, 40);
      invisible.push(el.tagName.toLowerCase() + (label ? ' "' + label + '"' : ''));
    }
  }
  return invisible;
}"""

_OVERFLOW_JS = """(header_limit) => {
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const sideways = document.documentElement.scrollWidth > vw + 1;
  // Inside a box that scrolls on its own (a wide table), or cut short with an ellipsis on purpose
  // (the header repeats the page's title, which the h1 gives in full): not lost.
  const scrollsItself = el => { for (let a = el; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.textOverflow === 'ellipsis') return true; }
    return false; };
  const outside = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    const range = document.createRange(); range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden') continue;
    if (r.right > vw + 1 && r.left < vw && !scrollsItself(el)) outside.push(n.textContent.trim().slice(0, 40));
  }
  let covered = 0;
  for (const el of document.body.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    if (s.position !== 'fixed' && s.position !== 'sticky') continue;
    const r = el.getBoundingClientRect();
    if (r.height > 0 && r.width > 0 && r.top < vh && r.bottom > 0 && r.left < vw && r.right > 0
        && s.visibility !== 'hidden')
      covered = Math.max(covered, Math.min(r.bottom, vh) - Math.max(r.top, 0));
  }
  return {sideways, width: document.documentElement.scrollWidth, outside: outside.slice(0, 5),
          covered: header_limit ? covered / vh : 0};
}"""


def _open(page, url):
    response = page.goto(url)
    if "?" in url:  # the search and browse pages draw their results after loading
        page.wait_for_load_state("networkidle")
    return response


def _axe(page) -> dict[str, str]:
    from axe_playwright_python.sync_playwright import Axe

    # resultTypes: axe still runs every rule, but details only the violations (several times faster).
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    return {f"axe:{v['id']}": f"{v['help']}: {[n['target'] for n in v['nodes']][:3]}"
            for v in result.response["violations"]}


def _focus(page) -> list[str]:
    """The elements that get keyboard focus without a visible indicator."""
    page.evaluate(f"({_MARK_FOCUSABLE_JS})({_STYLE_JS})")
    page.keyboard.press("Tab")
    return page.evaluate(f"({_FOCUS_ALL_JS})({_STYLE_JS})")


def measure(browser, base: str, page_types) -> dict[tuple[str, str], str]:
    """(check, page type) -> what was found, for every problem the checks find."""
    found: dict[tuple[str, str], str] = {}
    for width, height in ((1280, 900), (320, 900), (320, 225)):
        context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            for pt in page_types:
                response = _open(page, base + pt.path)
                assert response is not None and response.status in (200, 404), (pt.name, pt.path)
                if height == 225:
                    r = page.evaluate(f"({_OVERFLOW_JS})(true)")
                    if r["sideways"] or r["covered"] > 0.5:
                        found[("zoom-400", pt.name)] = (f"sidbredd {r['width']} px, fasta delar täcker "
                                                        f"{r['covered']:.0%} av höjden")
                    continue
                if width == 1280:
                    # axe takes 3-16 s a page here: at full width only (test_search_accessibility.py
                    # runs it at 375 px on the search and browse pages, whose layout changes most).
                    for rule, detail in _axe(page).items():
                        found.setdefault((rule, pt.name), f"{width} px: {detail}")
                    invisible = _focus(page)
                    if invisible:
                        found[("fokus", pt.name)] = f"utan synligt fokus: {invisible[:5]}"
                else:
                    r = page.evaluate(f"({_OVERFLOW_JS})(false)")
                    if r["sideways"] or r["outside"]:
                        found[("smal-skarm", pt.name)] = f"sidbredd {r['width']} px, text utanför: {r['outside']}"
        finally:
            context.close()
    return found


def _problems_yaml(found: dict[tuple[str, str], str], listed) -> str:
    """The `problems:` block matching `found`, keeping the words of problems already listed."""
    by_check: dict[str, list[str]] = {}
    for check, page in sorted(found):
        by_check.setdefault(check, []).append(page)
    known = {p.check: p for p in listed}
    block = []
    for check, pages in by_check.items():
        old = known.get(check)
        block.append({"check": check, "pages": pages,
                      "description": old.description if old else "BESKRIV bristen för en besökare",
                      "reason": old.reason if old else "SKRIV varför den inte är åtgärdad"})
    return yaml.safe_dump({"problems": block}, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def statement():
    return load_statement(STATEMENT_DATA)


@pytest.fixture(scope="module")
def measured(browser, pages_base, statement):
    return measure(browser, pages_base, statement.page_types)


def test_the_listed_problems_are_exactly_those_the_checks_find(statement, measured):
    listed = statement.problem_keys()
    new = {k: v for k, v in measured.items() if k not in listed}
    gone = sorted(listed - set(measured))
    assert not new and not gone, (
        "docs/tillganglighet.md stämmer inte med vad testerna hittar.\n"
        + "".join(f"  ny brist: {c} på {p}: {measured[(c, p)]}\n" for c, p in sorted(new))
        + "".join(f"  finns inte längre: {c} på {p}\n" for c, p in gone)
        + "Uppdatera problems: i docs/tillganglighet.md, till exempel så här:\n"
        + _problems_yaml(measured, statement.problems))


def test_every_page_type_is_checked(statement, pages_base, browser):
    """The page types cover what a visitor meets: a record of each type with pages, and the 404."""
    paths = [p.path for p in statement.page_types]
    for prefix in ("overenskommelser/", "samrad/", "rapporter/", "organisationer/", "kommun/", "lan/",
                   "sok/", "bladdra/", "ladda-ner/", "tillganglighet/"):
        assert any(p.startswith(prefix) for p in paths), prefix
    assert "" in paths  # the start page
    context = browser.new_context()
    try:
        page = context.new_page()
        statuses = {p.name: page.goto(pages_base + p.path).status for p in statement.page_types}
    finally:
        context.close()
    assert [n for n, s in statuses.items() if s == 404] == ["Sidan som inte finns (404)"], statuses
    assert all(s in (200, 404) for s in statuses.values()), statuses


def test_the_statement_page_lists_what_the_data_file_says(fixture_site, fixture_epoch, statement):
    from samverkan.pages.statement import swedish_date

    text = (fixture_site / "tillganglighet" / "index.html").read_text("utf-8")
    assert f"<strong>{statement.compliance}</strong>" in text
    for check in statement.checks:
        assert check.name.split(":")[0] in text
    for problem in statement.problems:
        assert problem.description in text and problem.reason in text
    # Assessed on the build date (SOURCE_DATE_EPOCH of the fixture build: 1 January 2025), not the clock.
    import datetime as dt

    built = dt.datetime.fromtimestamp(int(fixture_epoch), dt.timezone.utc).date()
    assert f"Bedömningen gjordes senast: <strong>{swedish_date(built)}</strong>" in text
    for needed in ("https://www.digg.se/tdosanmalan", "Samverkansbasen", "helt förenlig" if statement.compliance
                   == "helt förenlig" else statement.compliance, "/issues/new", "9 §", "12 §"):
        assert needed in text, needed
