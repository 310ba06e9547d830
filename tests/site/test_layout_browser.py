"""Usable by keyboard and on a phone (point 5 of issue 12), measured in Chromium on the real site:
every control shows where the focus is (computed styles; axe does not check this), the results
come into view after a search on a narrow screen, and the browse page, the search page and the
list tables read at 390 and 320 px without a word broken inside and without sideways scrolling of
the page; at 1280 px no table runs out of its column (the start page's "Senast tillagda")."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def real_url(real_site, served_site) -> str:
    return served_site(real_site)


def _page(browser, width: int, height: int = 800):
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


# The focus ring of the focused element: a visible outline (at least 2 px, not the background's
# colour) or a box-shadow.
FOCUS_RING = """() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
        && s.outlineColor !== 'rgba(0, 0, 0, 0)';
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    const main = el.closest('.md-content');
    return {tag: el.tagName.toLowerCase(), type: el.type || '', text: (el.textContent || el.value || '').trim().slice(0, 40),
            inMain: Boolean(main), visible: outline || shadow,
            style: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' ')};
}"""


@pytest.mark.parametrize("path", ["sok/?q=integration&lan=12&typ=overenskommelser", "bladdra/?lan=12"])
def test_every_control_shows_the_focus(browser, real_url, path):
    context, page = _page(browser, 1280, 900)
    try:
        page.goto(real_url + path)
        if path.startswith("sok"):
            page.wait_for_function("() => document.querySelector('[data-sv-hits] h3 a')"
                                   " && !document.querySelector('[data-sv-hits]').hasAttribute('aria-busy')")
        page.evaluate("() => document.querySelectorAll('[data-sv-group]').forEach(d => { d.open = true; })")
        seen, missing = set(), []
        for _ in range(400):
            page.keyboard.press("Tab")
            ring = page.evaluate(FOCUS_RING)
            if not ring["inMain"]:
                if seen:
                    break  # past the content, into the footer
                continue
            kind = (ring["tag"], ring["type"])
            seen.add(kind)
            if not ring["visible"]:
                missing.append(f"{kind} {ring['text']!r}: {ring['style']}")
        kinds = {k[0] for k in seen}
        assert {"input", "summary", "button", "a"} <= kinds, seen
        assert ("input", "checkbox") in seen and ("select-one" in {k[1] for k in seen})
        assert not missing, "\n".join(missing[:20])
    finally:
        context.close()


def test_results_come_into_view_after_a_search_on_a_narrow_screen(browser, real_url):
    context, page = _page(browser, 390, 700)
    try:
        page.goto(real_url + "sok/")
        page.fill("#sv-q", "integration")
        page.press("#sv-q", "Enter")
        page.wait_for_function("() => document.querySelector('[data-sv-hits] h3 a')")
        # The script scrolls the results into view (smoothly, so give it time on a busy machine).
        in_view = "() => { const t = document.getElementById('traffar').getBoundingClientRect().top; return t > -1 && t < 700 / 2; }"
        try:
            page.wait_for_function(in_view, timeout=5000)
        except Exception:
            pass
        top = page.evaluate("document.getElementById('traffar').getBoundingClientRect().top")
        assert -1 < top < 700 / 2  # at the top, give or take the sub-pixel rounding of the scroll
    finally:
        context.close()


# Words (letters and digits) whose letters end up on two lines, and the page's sideways overflow.
MEASURE = r"""() => {
    const root = document.querySelector('.md-content');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const broken = [];
    const range = document.createRange();
    let node, words = 0;
    while ((node = walker.nextNode())) {
        const el = node.parentElement;
        if (!el || !el.getClientRects().length || el.closest('.sv-sr-only, .sv-visually-hidden, [hidden]')) continue;
        const re = /[\p{L}\p{N}]+/gu;
        let m;
        while ((m = re.exec(node.data))) {
            words++;
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
            if (tops.size > 1) broken.push(m[0]);
        }
    }
    return {words, broken: broken.slice(0, 20),
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""

PAGES = ["", "bladdra/", "bladdra/?lan=12&fran=2015", "sok/?q=integration&lan=12", "overenskommelser/",
         "lan/12-skane/", "kommun/1480-goteborg/", "organisationer/"]


@pytest.mark.parametrize("width", [390, 320])
def test_narrow_screens_break_no_word_and_do_not_scroll_sideways(browser, real_url, width):
    context, page = _page(browser, width)
    try:
        problems = []
        for path in PAGES:
            page.goto(real_url + path)
            if path.startswith("sok"):
                page.wait_for_function("() => document.querySelector('[data-sv-hits] h3 a')"
                                       " && !document.querySelector('[data-sv-hits]').hasAttribute('aria-busy')")
            page.evaluate("() => document.querySelectorAll('[data-sv-group]').forEach(d => { d.open = true; })")
            m = page.evaluate(MEASURE)
            assert m["words"] > 50, path
            if m["broken"]:
                problems.append(f"/{path} at {width}px breaks inside {m['broken']}")
            if m["overflow"] > 0:
                problems.append(f"/{path} at {width}px scrolls {m['overflow']}px sideways")
        assert not problems, "\n".join(problems)
    finally:
        context.close()


# A table runs out of its column when the box that holds it (Material's scroll wrapper) has to
# scroll sideways to show it, or when it reaches past the content column.
TABLES_FIT = """() => Array.from(document.querySelectorAll('.md-content table')).filter(t => {
    const wrap = t.closest('.md-typeset__scrollwrap') || t.parentElement;
    const column = document.querySelector('.md-content').getBoundingClientRect();
    return wrap.scrollWidth > wrap.clientWidth + 1 || wrap.getBoundingClientRect().right > column.right + 1;
}).map(t => (t.querySelector('caption') || t).textContent.trim().slice(0, 60))"""


def test_tables_stay_in_their_column_at_1280(browser, real_url):
    context, page = _page(browser, 1280)
    try:
        for path in ["", "bladdra/", "overenskommelser/", "lan/12-skane/"]:
            page.goto(real_url + path)
            assert page.evaluate(TABLES_FIT) == [], path
    finally:
        context.close()
