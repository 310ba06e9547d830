"""The filter language of /sok/ and /bladdra/ in Chromium, on the fixture site: OR within a group,
AND between groups, true (disjunctive) counts, the year range, chips, the kommun list following the
län, old addresses, and "Ladda ner urvalet" giving exactly the records shown.

Every expected number is computed here from the fixture catalog (filter_expectations.Expected)."""
from __future__ import annotations

import csv
import datetime
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from filter_expectations import GROUPS, PARAMS, Expected, number, query
from samverkan.catalog.catalog import load_catalog, slugify
from samverkan.pages.finder import BROWSE_PAGE_SIZE
from samverkan.read.project import Project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

@pytest.fixture(scope="module")
def expected(repo_root, fixture_data, fixture_epoch) -> Expected:
    """The fixture catalog as of the fixture site's build date."""
    day = datetime.datetime.fromtimestamp(int(fixture_epoch), datetime.timezone.utc).date()
    return Expected(load_catalog(Project.at(repo_root, fixture_data), day))


@pytest.fixture(scope="module")
def fixture_url(fixture_site, served_site) -> str:
    return served_site(fixture_site)


# -- driving the two pages --------------------------------------------------------------

GO = """q => { history.pushState(null, '', q ? '?' + q : location.pathname);
               dispatchEvent(new PopStateEvent('popstate')); }"""
SETTLED = """b => { const h = document.querySelector('[data-sv-hits]');
                    return h.getAttribute('data-sv-search') !== b && !h.hasAttribute('aria-busy'); }"""
OPEN_ALL = """() => document.querySelectorAll('[data-sv-group]').forEach(d => { d.open = true; })"""


class Sok:
    """The search page; go(q) shows the state of a query string as a shared link or back would."""

    def __init__(self, page, base):
        self.page = page
        page.goto(base + "sok/")
        page.evaluate(OPEN_ALL)
        page.wait_for_timeout(50)  # the toggle events: every group is counted from now on

    def go(self, q: str):
        before = self.page.get_attribute("[data-sv-hits]", "data-sv-search")
        self.page.evaluate(GO, q)
        if q:
            self.page.wait_for_function(SETTLED, arg=before)

    def total(self) -> int:
        return number(self.page.inner_text("[data-sv-summary]"))


class Bladdra:
    def __init__(self, page, base):
        self.page = page
        page.goto(base + "bladdra/")
        page.evaluate(OPEN_ALL)

    def go(self, q: str):
        self.page.evaluate(GO, q)

    def total(self) -> int:
        return number(self.page.inner_text("[data-sv-count]"))


def shown_count(page, group: str, value: str) -> int | None:
    text = page.eval_on_selector(
        f"[data-sv-group='{group}'] input[value='{value}']",
        "box => box.closest('label').querySelector('.sv-filter__count').textContent")
    return int(text.strip("()").replace("\u00a0", "")) if text else None


def partners(expected: Expected, group: str, value: str) -> dict[str, str]:
    """For each other group, the value most often found together with `value` (ties: by code)."""
    with_value = expected.matching({group: {value}})
    out = {}
    for other in GROUPS:
        if other == group or (PARAMS[other] == PARAMS[group] == "typ"):
            continue
        tally = {v: sum(1 for rid in with_value if v in expected.by_id[rid][other]) for v in expected.values(other)}
        if tally:
            out[other] = sorted(tally, key=lambda v: (-tally[v], v))[0]
    return out


# One round trip for a list of states (query strings): each is shown as a shared link or the back
# button would show it, and read as [number of results, {group: {value: count shown}}]. On /sok/
# each state waits for its search to finish (data-sv-search changes, aria-busy is gone).
SNAPSHOTS = r"""async ([queries, sok]) => {
    const hits = document.querySelector('[data-sv-hits]');
    const settle = async (q) => {
        const before = hits && hits.getAttribute('data-sv-search');
        history.replaceState(null, '', q ? '?' + q : location.pathname);
        dispatchEvent(new PopStateEvent('popstate'));
        if (!sok || !q) return;
        while (hits.getAttribute('data-sv-search') === before || hits.hasAttribute('aria-busy')) {
            await new Promise(r => setTimeout(r, 1));
        }
    };
    const total = () => {
        const t = document.querySelector(sok ? '[data-sv-summary]' : '[data-sv-count]').textContent.trim();
        return t.startsWith('Inga') ? 0 : parseInt(t.replace(/ /g, '').match(/^\d+/)[0], 10);
    };
    const counts = () => {
        const out = {};
        document.querySelectorAll('[data-sv-group]').forEach(g => {
            const c = out[g.getAttribute('data-sv-group')] = {};
            g.querySelectorAll('input[type=checkbox]').forEach(b => {
                const t = b.closest('label').querySelector('.sv-filter__count').textContent;
                c[b.value] = t ? parseInt(t.replace(/\D/g, ''), 10) : null;
            });
        });
        return out;
    };
    const out = {};
    for (const q of queries) {
        await settle(q);
        out[q] = [q ? total() : null, counts()];
    }
    return out;
}"""


def check_counts(view, expected: Expected, sok: bool):
    """For every value of every group, alone and with one value of each other group (one at a
    time, and all of them at once): the count shown for the value with nothing ticked in its
    group, the number of results once it is ticked, and the count from the catalog agree."""
    checks = []
    for group in GROUPS:
        for value in expected.values(group):
            others = partners(expected, group, value)
            contexts = [{}] + [{g: {v}} for g, v in others.items()] + [{g: {v} for g, v in others.items()}]
            for context in contexts:
                checks.append((query(context), query({**context, group: {value}}), group, value,
                               expected.count(group, value, context), context))
    states = list(dict.fromkeys(q for c in checks for q in c[:2]))
    got = view.page.evaluate(SNAPSHOTS, [states, sok])
    wrong = []
    for without, with_value, group, value, want, context in checks:
        before = got[without][1][group][value]
        after, counts = got[with_value]
        again = counts[group][value]
        if (before, after, again) != (want, want, want):
            wrong.append(f"{group}={value} with {context}: shown {before}, results {after}, "
                         f"shown after ticking {again}, catalog {want}")
    assert not wrong, "\n".join(wrong[:20])
    assert len(checks) > 100


def test_search_page_counts_tell_the_truth(browser_page, fixture_url, expected):
    check_counts(Sok(browser_page, fixture_url), expected, True)


def test_browse_page_counts_tell_the_truth(browser_page, fixture_url, expected):
    check_counts(Bladdra(browser_page, fixture_url), expected, False)


# -- OR within a group, AND between, the range, old addresses ---------------------------

@pytest.mark.parametrize("page_kind", ["sok", "bladdra"])
@pytest.mark.parametrize("selection", [
    {"ar": {"2017", "2019"}},
    {"kind": {"lok", "iop"}},
    {"lan": {"19", "18"}},
    {"lan": {"19", "18"}, "kind": {"lok", "regional"}},
    {"typ": {"overenskommelser", "rapporter"}, "lan": {"19"}},
])
def test_values_in_a_group_are_or_groups_are_and(browser_page, fixture_url, expected, page_kind, selection):
    view = (Sok if page_kind == "sok" else Bladdra)(browser_page, fixture_url)
    want = len(expected.matching(selection))
    assert want > 0
    view.go(query(selection))
    assert view.total() == want
    # A ticked group stays fully listed: its other values are still offered.
    for group, values in selection.items():
        for other in expected.values(group):
            n = expected.count(group, other, selection)
            label = browser_page.locator(f"[data-sv-group='{group}'] label:has(input[value='{other}'])")
            if group == "kommun" or n == 0 and other not in values:
                continue
            assert label.is_visible(), f"{group}={other} ({n}) is not offered with {selection}"


@pytest.mark.parametrize("page_kind", ["sok", "bladdra"])
def test_a_year_range(browser_page, fixture_url, expected, page_kind):
    view = (Sok if page_kind == "sok" else Bladdra)(browser_page, fixture_url)
    years = [int(y) for y in expected.values("ar")]
    low, high = years[1], years[-2]
    in_range = {str(y) for y in years if low <= y <= high}
    view.go(f"fran={low}&till={high}")
    assert view.total() == len(expected.matching({"ar": in_range}))
    # Only a start: every year from it on. The range joins ticked years (OR), as any other value.
    view.go(f"fran={high}&ar={years[0]}")
    assert view.total() == len(expected.matching({"ar": {str(y) for y in years if y >= high} | {str(years[0])}}))
    chips = browser_page.inner_text("[data-sv-chip-list]")
    assert f"År: {high}–" in chips and f"År: {years[0]}" in chips
    # The range is set with the two lists in the year group; the address follows.
    view.go("")
    browser_page.select_option("[data-sv-group='ar'] select[name=fran]", str(low))
    browser_page.select_option("[data-sv-group='ar'] select[name=till]", str(high))
    if page_kind == "sok":
        browser_page.wait_for_function("() => !document.querySelector('[data-sv-hits]').hasAttribute('aria-busy')")
        browser_page.wait_for_function("() => /stämmer/.test(document.querySelector('[data-sv-summary]').textContent)")
    assert parse_qs(urlsplit(browser_page.url).query) == {"fran": [str(low)], "till": [str(high)]}
    assert view.total() == len(expected.matching({"ar": in_range}))


@pytest.mark.parametrize("page_kind", ["sok", "bladdra"])
def test_old_and_odd_addresses_keep_working(browser_page, fixture_url, expected, page_kind):
    view = (Sok if page_kind == "sok" else Bladdra)(browser_page, fixture_url)
    # ?typ= takes a whole type or a kind, as shared links always did; codes in any case.
    view.go("typ=agreement")  # the English code of older addresses (vocabulary.OLD_ADDRESS_CODES)
    assert view.total() == len(expected.matching({"typ": {"overenskommelser"}}))
    view.go("typ=national")
    assert view.total() == len(expected.matching({"kind": {"nationell"}}))
    view.go("typ=LOK&lan=19")
    assert view.total() == len(expected.matching({"kind": {"lok"}, "lan": {"19"}}))
    # A theme as written (older links) is its code; unknown codes are ignored.
    theme = next(t for r in expected.catalog.records for t in r.get("themes") or [])
    view.go(query({}, tema=theme, lan="99"))
    assert view.total() == len(expected.matching({"tema": {slugify(theme)}}))


@pytest.mark.parametrize("page_kind", ["sok", "bladdra"])
def test_chips_remove_one_filter_and_rensa_alla_all(browser_page, fixture_url, expected, page_kind):
    view = (Sok if page_kind == "sok" else Bladdra)(browser_page, fixture_url)
    page = browser_page
    view.go("lan=19&lan=18&typ=overenskommelser")
    chips = page.locator("[data-sv-chip-list] button")
    assert chips.all_inner_texts() == ["Län: Västmanlands län\n×", "Län: Örebro län\n×", "Typ: Överenskommelser\n×"] \
        or [t.replace("\n", " ") for t in chips.all_inner_texts()] == [
            "Län: Västmanlands län ×", "Län: Örebro län ×", "Typ: Överenskommelser ×"]
    assert chips.first.get_attribute("aria-label") == "Ta bort filtret Län: Västmanlands län"
    chips.nth(1).click()
    if page_kind == "sok":
        page.wait_for_function("() => !document.querySelector('[data-sv-hits]').hasAttribute('aria-busy')")
    page.wait_for_function("() => document.querySelectorAll('[data-sv-chip-list] button').length === 2")
    assert parse_qs(urlsplit(page.url).query) == {"lan": ["19"], "typ": ["overenskommelser"]}
    assert view.total() == len(expected.matching({"lan": {"19"}, "typ": {"overenskommelser"}}))
    # The keyboard stays in the chips.
    assert page.evaluate("document.activeElement.closest('[data-sv-chips]') !== null")
    page.click("[data-sv-clear]")
    assert page.is_hidden("[data-sv-chips]")
    assert urlsplit(page.url).query == ""


@pytest.mark.parametrize("page_kind", ["sok", "bladdra"])
def test_the_kommun_list_follows_the_lan(browser_page, fixture_url, expected, page_kind):
    view = (Sok if page_kind == "sok" else Bladdra)(browser_page, fixture_url)
    page = browser_page
    view.go("lan=18")
    offered = page.eval_on_selector_all(
        "[data-sv-group='kommun'] label:not([hidden]) input", "els => els.map(e => e.value)")
    assert offered and set(offered) == {k for k in expected.values("kommun") if k[:2] == "18"
                            and expected.count("kommun", k, {"lan": {"18"}}) > 0}


# -- Ladda ner urvalet ---------------------------------------------------------------------

def _download(page, fmt: str) -> bytes:
    with page.expect_download() as info:
        page.click(f"[data-sv-download='{fmt}']")
    return open(info.value.path(), "rb").read()


def _all_hits(page) -> list[str]:
    """Every hit of the current search, drawing more until as many as the summary says are shown."""
    page.wait_for_function("() => !document.querySelector('[data-sv-hits]').hasAttribute('aria-busy')")
    total = number(page.inner_text("[data-sv-summary]"))
    links = page.locator("[data-sv-hits] > li h3 a")
    while links.count() < total:
        before = links.count()
        page.wait_for_selector("[data-sv-more] button", state="visible")
        page.click("[data-sv-more] button")
        # The hits are drawn as their fragments arrive: wait until every hit drawn has its link.
        page.wait_for_function(f"""() => {{ const hits = document.querySelectorAll('[data-sv-hits] > li');
            return hits.length > {before} && Array.prototype.every.call(hits, li => li.querySelector('h3 a')); }}""")
    hrefs = page.eval_on_selector_all("[data-sv-hits] > li h3 a", "els => els.map(a => a.getAttribute('href'))")
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def _check_files(page, site, ids: list[str]):
    full = (site / "data" / "records.csv").read_bytes()
    got = _download(page, "csv")
    assert got.startswith(b"\xef\xbb\xbf") and b"\r\n" in got
    rows = list(csv.reader(io.StringIO(full.decode("utf-8-sig"), newline=""), delimiter=";"))
    by_id = {r[0]: r for r in rows[1:]}
    want = [rows[0]] + [by_id[i] for i in ids]
    assert list(csv.reader(io.StringIO(got.decode("utf-8-sig"), newline=""), delimiter=";")) == want
    # Byte for byte the rows of the full file: the same quoting and line ends.
    lines = full.decode("utf-8-sig").split("\r\n")
    assert got.decode("utf-8-sig").split("\r\n")[0] == lines[0]

    data = json.loads((site / "data" / "records.json").read_text("utf-8"))
    got = json.loads(_download(page, "json"))
    records = {r["id"]: r for r in data["records"]}
    assert got["records"] == [records[i] for i in ids]
    assert got["count"] == len(ids) and got["license"] == data["license"]


def test_download_the_selection_on_the_browse_page(browser_page, fixture_url, fixture_site, expected):
    page = browser_page
    Bladdra(page, fixture_url).go("lan=19&lan=18&typ=overenskommelser&typ=rapporter")
    page.wait_for_selector("[data-sv-downloads]:not([hidden])")
    rows = page.eval_on_selector_all("[data-sv-rows] > tr a", "els => els.map(a => a.getAttribute('href'))")
    ids = [h.rstrip("/").rsplit("/", 1)[-1] for h in rows]
    assert set(ids) == expected.matching({"lan": {"19", "18"}, "typ": {"overenskommelser", "rapporter"}})
    assert len(ids) <= BROWSE_PAGE_SIZE
    _check_files(page, fixture_site, ids)


def test_download_the_selection_on_the_search_page(browser_page, fixture_url, fixture_site, expected):
    page = browser_page
    Sok(page, fixture_url).go("lan=19&ordning=aldst")
    ids = _all_hits(page)
    assert set(ids) == expected.matching({"lan": {"19"}})
    _check_files(page, fixture_site, ids)


def test_every_order_keeps_every_record_and_puts_the_undated_last(browser_page, fixture_url, expected):
    """Newest first and oldest first both list every record, the undated last in alphabetical order."""
    page = browser_page
    c = expected.catalog
    undated = sorted((r for r in c.records if c.date_of(r) is None), key=lambda r: (r.title.casefold(), r.id))
    dated = [r for r in c.records if c.date_of(r) is not None]
    assert undated and dated
    sok = Sok(page, fixture_url)
    for order in ("nyast", "aldst"):
        sok.go(query({"typ": {t for t in expected.values("typ")}}, ordning=order))
        ids = _all_hits(page)
        assert sorted(ids) == sorted(r.id for r in c.records)
        tail = ids[len(dated):]
        assert set(tail) == {r.id for r in undated}, order
        first = c.date_of(c.by_id[ids[0]]).iso()
        dates = [c.date_of(r).iso() for r in dated]
        assert first == (max(dates) if order == "nyast" else min(dates)), order
