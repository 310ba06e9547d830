"""What a Swedish public body expects of a site it links to: Swedish throughout, a footer with the
accessibility statement and the privacy page on every page, a Swedish 404 page that works at any
depth under the site's path, no cookies and nothing stored that the privacy page does not name,
and no file paths or YAML keys shown to visitors."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from samverkan.pages.statement import load_statement

REPO_ROOT = Path(__file__).resolve().parents[2]
MATERIAL = Path(__import__("material").__file__).parent / "templates"
STATEMENT = load_statement(REPO_ROOT / "docs" / "tillganglighet.md")


# -- English strings of the theme ---------------------------------------------------------

def _language(code: str) -> dict[str, str]:
    text = (MATERIAL / "partials" / "languages" / f"{code}.html").read_text("utf-8")
    return dict(re.findall(r'"([a-z.]+)":\s*"([^"]*)"', text))


def english_interface_strings() -> set[str]:
    """What Material says in English where the Swedish site must say something else: every string
    of its English language file that its Swedish one translates (not the identical ones, such as
    "Navigation", nor the search engine's settings), the words of two or more letters that are not
    also Swedish, and the English its templates write without the language file."""
    en, sv = _language("en"), _language("sv")
    skip = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}
    strings = {v for k, v in en.items() if k not in skip and v != sv.get(k) and len(v) >= 4}
    strings.discard("Index")  # "Back to index" is the string; "Index" alone is Swedish too
    hard_coded = {"Made with", "404 - Not found", "Not found", "Skip to content", "Back to top",
                  "Edit this page", "View source of this page", "Previous", "Next", "Search",
                  "Table of contents", "Type to start searching", "Copy to clipboard", "Share"}
    return strings | hard_coded


def test_the_candidates_come_from_material():
    strings = english_interface_strings()
    for expected in ("Skip to content", "Back to top", "Edit this page", "Previous", "Next", "Search",
                     "Table of contents", "Made with"):
        assert expected in strings
    assert len(strings) > 30


class _Visible(HTMLParser):
    """The text a visitor sees or hears: text outside script/style/svg/template, and the labels."""

    HIDDEN = {"script", "style", "template", "noscript", "svg"}
    LABELS = ("aria-label", "title", "placeholder", "alt", "value")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        a = dict(attrs)
        for name in self.LABELS:
            if a.get(name) and not (name == "value" and a.get("type") not in ("submit", "button", "reset")):
                self.parts.append(a[name])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(page_html: str) -> str:
    parser = _Visible()
    parser.feed(page_html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def english_in(text: str, strings) -> list[str]:
    return sorted(s for s in strings if re.search(r"(?<![\w-])" + re.escape(s) + r"(?![\w-])", text))


def test_english_detection_works():
    strings = english_interface_strings()
    assert english_in(visible_text('<footer>Made with <a href="#">Material</a></footer>'), strings) == ["Made with"]
    assert english_in(visible_text('<a aria-label="Back to top">↑</a>'), strings) == ["Back to top"]
    assert english_in(visible_text("<script>var s = 'Search';</script><p>Sök</p>"), strings) == []


def _html_pages(site: Path):
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


@pytest.mark.slow
def test_no_page_shows_english_interface_strings(fixture_site):
    strings = english_interface_strings()
    found = {}
    for path in _html_pages(fixture_site):
        hits = english_in(visible_text(path.read_text("utf-8")), strings)
        if hits:
            found[str(path.relative_to(fixture_site))] = hits
    assert not found, found


# -- The footer and the two pages it leads to ----------------------------------------------

def _hrefs(page_html: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page_html)]


@pytest.mark.slow
def test_every_page_links_the_statement_and_the_privacy_page_in_its_footer(fixture_site, site_url):
    root = site_url
    missing = []
    for path in _html_pages(fixture_site):
        rel = path.relative_to(fixture_site).as_posix()
        page_url = urljoin(root, rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        footer = path.read_text("utf-8").split('<footer class="md-footer"', 1)
        targets = {urljoin(page_url, h) for h in _hrefs(footer[1])} if len(footer) == 2 else set()
        if not {root + "tillganglighet/", root + "personuppgifter/"} <= targets:
            missing.append(rel)
    assert not missing, missing


@pytest.mark.slow
def test_the_footer_is_swedish(fixture_site):
    text = visible_text((fixture_site / "index.html").read_text("utf-8").split('<footer class="md-footer"', 1)[1])
    assert "Made with" not in text
    for words in ("Tillgänglighetsredogörelse", "Om personuppgifter och kakor", "byggd med", "MkDocs",
                  "Material for MkDocs"):
        assert words in text, words


@pytest.mark.slow
def test_the_maintainers_pages_are_out_of_the_public_menu(fixture_site):
    assert not (fixture_site / "prestanda").exists()
    nav = (fixture_site / "index.html").read_text("utf-8").split('data-md-type="navigation"', 1)[1].split('data-md-type="toc"')[0]
    for name in ("Prestanda", "Källhantering"):
        assert name not in visible_text(nav)
    assert "Så har posterna tagits fram" in visible_text(nav)
    assert (REPO_ROOT / "bench" / "PRESTANDA.md").exists()


YAML_KEYS = ("sources", "valid_from", "valid_to", "summary", "principles", "parties", "publisher",
             "organisations", "municipalities", "counties", "website", "supersedes", "added", "note")


@pytest.mark.slow
def test_visitors_see_no_file_paths_or_yaml_keys(fixture_site):
    """No 'data/agreements/x.yaml' on a record page, no `valid_from` on /kallhantering/; the edit
    link stays, in words."""
    found = {}
    for path in _html_pages(fixture_site):
        if path.parent.name == "bidra":  # the contributors' page shows what a checker's message looks like
            continue
        text = visible_text(path.read_text("utf-8"))
        hits = re.findall(r"\bdata/[\w/.-]+\.(?:ya?ml|md)\b", text)
        hits += [k for k in YAML_KEYS if re.search(rf"(?<![\w-]){k}(?![\w-])", text) and "_" in k]
        if hits:
            found[str(path.relative_to(fixture_site))] = hits
    assert not found, found
    sourcing = visible_text((fixture_site / "kallhantering" / "index.html").read_text("utf-8"))
    assert not [k for k in YAML_KEYS if re.search(rf"(?<![\w-]){k}(?![\w-])", sourcing)]
    record = (fixture_site / "overenskommelser" / "test-lok-vasteras-3" / "index.html").read_text("utf-8")
    assert "Föreslå ändring av posten på GitHub" in visible_text(record)
    assert re.search(r'href="https://github\.com/[^"]+/edit/main/[^"]*data/[^"]+\.yaml"', record)


# -- In a browser: the 404 page, cookies and storage ---------------------------------------

@pytest.fixture(scope="module")
def pages_base(fixture_site, served_site):
    """The fixture site as GitHub Pages serves it (404.html for a missing address, tests/conftest.py)."""
    return served_site(fixture_site)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("missing", ["finns-inte", "overenskommelser/finns-inte/", "a/b/c/d/e/"])
def test_the_404_page_is_swedish_and_leads_on_at_any_depth(browser_page, pages_base, missing):
    page = browser_page
    response = page.goto(pages_base + missing)
    assert response.status == 404
    assert page.title() == "Sidan finns inte - Samverkansbasen"
    assert page.locator("h1").inner_text() == "Sidan finns inte"
    assert english_in(page.locator("body").inner_text(), english_interface_strings()) == []
    # Every link on the page works from this depth: the ways in, the footer, the stylesheets.
    here = urlsplit(pages_base).netloc
    links = page.eval_on_selector_all("a[href], link[rel=stylesheet]", "els => els.map(e => e.href)")
    internal = sorted({u.split("#")[0] for u in links if urlsplit(u).netloc == here})
    assert pages_base + "overenskommelser/" in internal and pages_base + "tillganglighet/" in internal
    broken = [u for u in internal if page.request.get(u).status != 200]
    assert not broken, broken
    # The search box leads to the search page with the words.
    page.fill("#sv-notfound-q", "Västerås")
    page.click(".sv-notfound-search button[type=submit]")
    page.wait_for_url(re.compile(re.escape(pages_base + "sok/") + r"\?q=V%C3%A4ster%C3%A5s"))


def _interact(page, base):
    """What a visitor does: every page type, the keyboard, a search with a filter, a browse filter,
    a link followed, the menu on a narrow screen."""
    for pt in STATEMENT.page_types:
        page.goto(base + pt.path)
        for _ in range(5):
            page.keyboard.press("Tab")
    page.goto(base + "sok/?q=%C3%B6verenskommelse")
    page.wait_for_function("() => document.querySelectorAll('[data-sv-hits] h3 a').length > 0")
    page.click("[data-sv-group='lan'] > summary")
    page.locator("input[name=lan]").first.check()
    page.wait_for_load_state("networkidle")
    page.goto(base + "bladdra/")
    page.select_option("#sv-filter-lan", "19")
    page.wait_for_load_state("networkidle")
    page.goto(base)
    page.click("a[href$='overenskommelser/']")
    page.wait_for_load_state("load")
    page.set_viewport_size({"width": 320, "height": 700})
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(300)


_STORAGE_JS = "() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookie: document.cookie})"


@pytest.mark.browser
@pytest.mark.slow
def test_no_page_sets_a_cookie_and_storage_holds_only_what_the_privacy_page_names(browser, pages_base):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        _interact(page, pages_base)
        cookies = context.cookies()
        stored = page.evaluate(_STORAGE_JS)
    finally:
        context.close()
    assert cookies == [] and stored["cookie"] == ""
    privacy = (REPO_ROOT / "docs" / "personuppgifter.md").read_text("utf-8")
    keys = stored["local"] + stored["session"]
    unnamed = [k for k in keys if f"`{k.rsplit('.', 1)[-1]}`" not in privacy]
    assert not unnamed, f"docs/personuppgifter.md nämner inte {unnamed}"
    # The page says the tests find storage empty: keep it true.
    assert keys == [] or "lagring är tom" not in privacy, keys


def test_the_privacy_page_names_every_storage_key_of_materials_script():
    """Each key Material's script can write (__md_set / __md_get in its bundle) is on the page."""
    bundle = next((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")).read_text("utf-8")
    keys = set(re.findall(r'__md_(?:set|get)\("(__\w+)"', bundle))
    assert keys, "no storage keys found in Material's bundle: has its script changed?"
    privacy = (REPO_ROOT / "docs" / "personuppgifter.md").read_text("utf-8")
    assert not [k for k in sorted(keys) if f"`{k}`" not in privacy]
    for needed in ("kakor", "localStorage", "sessionStorage", "IP-adress", "GitHub Pages",
                   "docs.github.com/en/pages/getting-started-with-github-pages/about-github-pages#data-collection"):
        assert needed in privacy, needed


# -- Natural Swedish labels and Swedish codes in addresses ----------------------------------

@pytest.mark.slow
def test_labels_are_natural_swedish(fixture_site):
    """No "Rapport: Rapport" (a type and a kind of the same name), no ", part" after a party under
    "Parter", no "0 av 1 kommuner"."""
    from samverkan.vocabulary import KIND_LABELS, TYPE_SINGULAR

    doubled = [f"{t}: {k}" for t in TYPE_SINGULAR.values() for k in KIND_LABELS.values() if t.lower() == k.lower()]
    assert doubled  # the fixture has such a pair (Rapport, rapport)
    found = {}
    for path in _html_pages(fixture_site):
        page = path.read_text("utf-8")
        text = visible_text(page)
        hits = [d for d in doubled if d in text]
        hits += re.findall(r"av 1 kommuner", text)
        parties = re.search(r'<th scope="row">Parter</th><td>(.*?)</td></tr>', page, re.S)
        if parties and re.search(r'<span class="sv-note">, part</span>', parties.group(1)):
            hits.append("Parter: …, part")
        if hits:
            found[str(path.relative_to(fixture_site))] = hits
    assert not found, found


@pytest.mark.slow
def test_addresses_use_swedish_codes(fixture_site):
    from samverkan.vocabulary import OLD_ADDRESS_CODES

    english = set(OLD_ADDRESS_CODES)
    for page in ("bladdra/index.html", "sok/index.html"):
        html_text = (fixture_site / page).read_text("utf-8")
        values = set(re.findall(r'<option value="([^"]*)"', html_text))
        values |= set(re.findall(r'<input type="checkbox" name="typ" value="([^"]*)"', html_text))
        assert values, page
        assert not values & english, (page, values & english)
    assert "overenskommelser" in set(re.findall(r'value="([^"]*)"', (fixture_site / "sok/index.html").read_text("utf-8")))
