"""The search page in a real browser (Debian's Chromium): words, filters, shared links, the keyboard,
and Swedish stemming in the real index."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_checks import hit_urls

from samverkan.read.records import folder_type_of, record_files

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SEGMENT = {"agreement": "overenskommelser", "consultation": "samrad", "report": "rapporter",
           "document": "dokument", "organisation": "organisationer"}


@pytest.fixture(scope="module")
def fixture_url(fixture_site, served_site) -> str:
    return served_site(fixture_site)




def summary(page) -> str:
    return page.inner_text("[data-sv-summary]")


def wait_summary(page, pattern: str):
    page.wait_for_function("p => new RegExp(p).test(document.querySelector('[data-sv-summary]').textContent)",
                           arg=pattern)


def query(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def open_group(page, label: str):
    group = page.locator("[data-sv-group] > summary", has_text=label).first
    if group.locator("xpath=..").get_attribute("open") is None:
        group.click()


def test_a_word_then_a_lan_and_a_year_gives_the_exact_records(browser_page, fixture_url):
    page = browser_page
    page.goto(fixture_url + "sok/")
    page.fill("#sv-q", "överenskommelse")
    # The records that say "överenskommelse" (or are one by kind: "Lokal överenskommelse (LÖK)"),
    # not every record whose facts table says "Typ: Överenskommelse".
    wait_summary(page, "^6 träffar för ”överenskommelse”")
    assert hit_urls(page) == sorted([
        "overenskommelser/test-lok-vasteras-1/", "overenskommelser/test-lok-vasteras-2/",
        "overenskommelser/test-lok-vasteras-3/", "overenskommelser/test-nationell/",
        "overenskommelser/test-regional-orebro/", "rapporter/test-rapport/"])
    assert query(page) == {"q": ["överenskommelse"]}

    open_group(page, "Län")
    page.check("input[name=lan][value='19']")
    wait_summary(page, "^4 träffar")
    assert hit_urls(page) == ["overenskommelser/test-lok-vasteras-1/", "overenskommelser/test-lok-vasteras-2/",
                              "overenskommelser/test-lok-vasteras-3/", "rapporter/test-rapport/"]
    open_group(page, "År")
    page.check("input[name=ar][value='2019']")
    wait_summary(page, "^1 träff för ”överenskommelse”")
    assert hit_urls(page) == ["overenskommelser/test-lok-vasteras-3/"]
    assert query(page) == {"q": ["överenskommelse"], "lan": ["19"], "ar": ["2019"]}
    # Each hit says what it is, where and when.
    assert page.inner_text("[data-sv-hits] .sv-hit__facts") == "Lokal överenskommelse (LÖK) · Västerås · 2019"
    assert page.locator("[data-sv-hits] mark").count() > 0


def test_filters_count_what_the_search_would_give(browser_page, fixture_url):
    page = browser_page
    page.goto(fixture_url + "sok/")
    # Before any search: the number of records with each value.
    assert page.text_content("label:has(input[name=kommun][value='1980']) .sv-filter__count") == "(7)"
    page.fill("#sv-q", "integration")
    wait_summary(page, "^4 träffar")
    open_group(page, "Kommun")
    page.wait_for_function(
        "() => document.querySelector(\"label:has(input[name=kommun][value='1980']) .sv-filter__count\").textContent === '(2)'")
    # A kommun no hit is in is not offered (with nothing ticked in its group: the counts are for
    # ticking the value given the other choices, so a ticked group keeps its other values).
    assert page.locator("label:has(input[name=kommun][value='1880'])").is_hidden()
    assert page.locator("label:has(input[name=kommun][value='1980'])").is_visible()


def test_a_filter_without_words_lists_what_it_matches(browser_page, fixture_url):
    page = browser_page
    page.goto(fixture_url + "sok/?typ=lok")
    wait_summary(page, "^3 poster stämmer med filtren")
    assert hit_urls(page) == [f"overenskommelser/test-lok-vasteras-{n}/" for n in (1, 2, 3)]
    # Without words the newest come first.
    order = page.eval_on_selector_all("[data-sv-hits] h3 a", "els => els.map(a => a.textContent)")
    assert [t[-3:] for t in order] == ["3.0", "2.0", "1.0"]


def test_a_shared_search_link_restores_the_search_and_history_follows(browser_page, fixture_url):
    page = browser_page
    page.goto(fixture_url + "sok/?q=%C3%B6verenskommelse&lan=19&ar=2019")
    wait_summary(page, "^1 träff")
    assert hit_urls(page) == ["overenskommelser/test-lok-vasteras-3/"]
    assert page.input_value("#sv-q") == "överenskommelse"
    assert page.is_checked("input[name=lan][value='19']") and page.is_checked("input[name=ar][value='2019']")
    assert page.input_value("#sv-header-q") == "överenskommelse"
    assert page.inner_text("[data-sv-group='lan'] .sv-filter__selected") == " (1 vald)"

    page.uncheck("input[name=ar][value='2019']")
    wait_summary(page, "^4 träffar")
    assert query(page) == {"q": ["överenskommelse"], "lan": ["19"]}
    page.go_back()
    wait_summary(page, "^1 träff")
    assert page.is_checked("input[name=ar][value='2019']")
    assert hit_urls(page) == ["overenskommelser/test-lok-vasteras-3/"]
    page.reload()
    wait_summary(page, "^1 träff")
    assert hit_urls(page) == ["overenskommelser/test-lok-vasteras-3/"]
    # The browse page gets the same place, year and type.
    assert page.get_attribute("[data-sv-browse-link]", "href") == "../bladdra/?lan=19&ar=2019"


def test_search_with_the_keyboard_only(browser_page, fixture_url):
    page = browser_page
    page.goto(fixture_url + "overenskommelser/test-minimal/")
    for _ in range(15):  # from the top of the page to the header's search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "sv-header-q":
            break
    else:
        pytest.fail("Tab never reached the header's search box")
    page.keyboard.type("integration")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=integration$"))
    wait_summary(page, "^4 träffar för ”integration”")
    for _ in range(80):  # on to the first filter group
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-sv-group] > summary')"):
            break
    else:
        pytest.fail("Tab never reached a filter")
    assert page.evaluate("document.activeElement.textContent").startswith("Län")
    page.keyboard.press("Enter")  # opens the group; its counts follow the search
    page.wait_for_function("() => document.querySelector(\"label:has(input[name=lan][value='03'])\").hidden")
    page.keyboard.press("Tab")
    assert page.evaluate("[document.activeElement.name, document.activeElement.value]") == ["lan", "19"]
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    wait_summary(page, "^2 träffar för ”integration”")
    assert query(page) == {"q": ["integration"], "lan": ["19"]}
    titles = page.eval_on_selector_all("[data-sv-hits] h3 a", "els => els.map(a => a.textContent)")
    assert sorted(titles) == ["<script>alert(1)</script>", "Testöverenskommelse i Västerås, version 3.0"]


class _Indexed(HTMLParser):
    """The text Pagefind indexes on a record page: inside data-pagefind-body, outside data-pagefind-ignore."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base", "embed"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[bool, bool]] = []
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        body = (self.stack[-1][0] if self.stack else False) or "data-pagefind-body" in a
        ignored = (self.stack[-1][1] if self.stack else False) or "data-pagefind-ignore" in a
        self.stack.append((body, ignored))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] and not self.stack[-1][1]:
            self.words.extend(re.findall(r"\w+", data.lower()))


def test_swedish_stemming_in_the_real_index(browser_page, real_site, served_site, repo_root):
    """A search for "överenskommelser" finds a record that only says "överenskommelsen"."""
    only_singular = []
    for path in record_files(repo_root / "data"):
        url = f"{SEGMENT[folder_type_of(path)]}/{path.stem}/"
        parser = _Indexed()
        parser.feed((real_site / url / "index.html").read_text("utf-8"))
        words = set(parser.words)
        if "överenskommelsen" in words and "överenskommelser" not in words:
            only_singular.append(url)
    assert only_singular, "no real record says only 'överenskommelsen'; pick another pair of words"
    base = served_site(real_site)
    page = browser_page
    page.goto(base + "sok/")
    found = page.evaluate("""async (bundle) => {
        const pagefind = await import(bundle);
        const search = await pagefind.search('överenskommelser');
        return Promise.all(search.results.map(r => r.data().then(d => d.url)));
    }""", base + "pagefind/pagefind.js")
    prefix = urlsplit(base).path
    found = {u[len(prefix):] for u in found}
    missing = [u for u in only_singular if u not in found]
    assert not missing, f"not found by 'överenskommelser': {missing}"
