"""The browse page in a real browser: a shared link shows the filtered list, the address follows every
change, back and reload restore it, and long lists are drawn a page at a time."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from samverkan.pages.finder import BROWSE_PAGE_SIZE
from samverkan.tools.synthetic import write_synthetic
from samverkan.vocabulary import type_code

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LOK = ["test-lok-vasteras-3", "test-lok-vasteras-2", "test-lok-vasteras-1"]


@pytest.fixture(scope="module")
def fixture_url(fixture_site, served_site) -> str:
    return served_site(fixture_site)


def shown(page) -> list[str]:
    """Ids of the rows on show, in order."""
    hrefs = page.eval_on_selector_all(
        "[data-sv-rows] > tr", "rows => rows.filter(r => r.offsetParent !== null)"
        ".map(r => r.querySelector('a').getAttribute('href'))")
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def count(page) -> str:
    return page.inner_text("[data-sv-count]")


def query(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def tick(page, name: str, value: str, on: bool = True):
    """Open the value's group if need be, and tick (or untick) the value."""
    box = page.locator(f"input[type=checkbox][name={name}][value='{value}']")
    group = box.locator("xpath=ancestor::details")
    if group.get_attribute("open") is None:
        group.locator("summary").click()
    box.set_checked(on)


def test_a_shared_link_shows_the_filtered_list(browser_page, fixture_url):
    page = browser_page
    page.goto(fixture_url + "bladdra/?lan=19&typ=lok")
    assert shown(page) == LOK
    assert count(page) == "3 av 18 poster"
    assert page.is_checked("input[name=lan][value='19']") and page.is_checked("input[name=typ][value='lok']")
    assert page.eval_on_selector_all("[data-sv-panel] input:checked", "els => els.length") == 2
    assert page.get_attribute("[data-sv-count]", "aria-live") == "polite"


def test_changes_go_into_the_address_and_back_and_reload_restore_them(browser_page, fixture_url):
    page = browser_page
    page.goto(fixture_url + "bladdra/")
    assert count(page) == "18 av 18 poster" and len(shown(page)) == 18
    tick(page, "lan", "19")
    assert query(page) == {"lan": ["19"]} and count(page) == "7 av 18 poster"
    tick(page, "ar", "2019")
    assert query(page) == {"lan": ["19"], "ar": ["2019"]}
    assert shown(page) == ["test-lok-vasteras-3"] and count(page) == "1 av 18 poster"
    page.go_back()
    assert query(page) == {"lan": ["19"]} and count(page) == "7 av 18 poster"
    assert not page.is_checked("input[name=ar][value='2019']")
    page.go_forward()
    assert shown(page) == ["test-lok-vasteras-3"]
    page.reload()
    assert shown(page) == ["test-lok-vasteras-3"] and page.is_checked("input[name=ar][value='2019']")
    page.evaluate("() => { history.pushState(null, '', '?lan=19&ar=2019&typ=samrad-och-moten');"
                  " dispatchEvent(new PopStateEvent('popstate')); }")
    assert shown(page) == [] and page.is_visible("[data-sv-none]") and count(page) == "0 av 18 poster"
    page.click("[data-sv-none] a")
    assert urlsplit(page.url).query == "" and count(page) == "18 av 18 poster"
    assert page.evaluate("document.activeElement.textContent").startswith("Län")


def test_unknown_codes_in_a_link_are_ignored(browser_page, fixture_url):
    page = browser_page
    page.goto(fixture_url + "bladdra/?lan=99&typ=lok&ar=<b>")
    assert shown(page) == LOK and not page.is_checked("input[name=lan][value='19']")


def test_without_javascript_every_record_is_listed(browser, fixture_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(fixture_url + "bladdra/?lan=19")
        assert len(shown(page)) == 18  # (the <noscript> note: test_browse_page; Chromium's switch
        # turns scripts off but still parses <noscript> as if they ran, so it cannot be seen here)
        tick(page, "lan", "19")
        page.click("form[data-sv-browse-form] button[type=submit]")  # a plain GET form
        assert urlsplit(page.url).path.endswith("/bladdra/") and "lan=19" in page.url
    finally:
        context.close()


@pytest.fixture(scope="module")
def long_site(built_site, tmp_path_factory):
    data = tmp_path_factory.mktemp("long-data")
    write_synthetic(data, 250)
    return built_site(data)


def test_a_long_list_is_drawn_a_page_at_a_time(browser_page, long_site, served_site):
    page = browser_page
    page.goto(served_site(long_site) + "bladdra/")
    assert count(page) == "250 av 250 poster"
    size = BROWSE_PAGE_SIZE
    assert 2 * size < 250  # the list takes at least three pages
    assert len(shown(page)) == size
    assert page.inner_text("[data-sv-more] button") == f"Visa fler poster ({250 - size} till)"
    page.click("[data-sv-more] button")
    assert len(shown(page)) == 2 * size
    # The first of the new rows has the focus, so a keyboard user goes on reading from there.
    assert page.evaluate(f"document.activeElement.closest('tr') === document.querySelectorAll('[data-sv-rows] > tr')[{size}]")
    for drawn in range(3 * size, 250 + size, size):
        page.click("[data-sv-more] button")
        assert len(shown(page)) == min(drawn, 250)
    assert page.is_hidden("[data-sv-more]")
    tick(page, "typ", type_code("organisation"))
    assert len(shown(page)) == 25 and count(page) == "25 av 250 poster"
