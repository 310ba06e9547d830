"""Search and browse for everyone: axe-core finds no WCAG 2.1 A/AA violation on the start page, a
record, a kommun, the search page (with results and an open filter) and the browse page, wide and
narrow; and none of those pages asks any host but the site's own for anything."""
from __future__ import annotations

import pytest

from browser_checks import outside_requests

pytestmark = [pytest.mark.browser, pytest.mark.slow]



def _start(page, url):
    page.goto(url)


def _search(page, url):
    page.goto(url + "?q=%C3%B6verenskommelse&lan=19&typ=overenskommelser")  # with chips and downloads
    page.wait_for_function("() => document.querySelectorAll('[data-sv-hits] h3 a').length > 0"
                           " && !document.querySelector('[data-sv-hits]').hasAttribute('aria-busy')")
    page.click("[data-sv-group='kommun'] > summary")  # an open group, its counts live
    page.wait_for_function("() => document.querySelector(\"label:has(input[name=kommun][value='1980'])\")"
                           ".querySelector('.sv-filter__count').textContent !== ''")


def _browse(page, url):
    page.goto(url + "?lan=19")
    page.wait_for_function("() => document.querySelector('[data-sv-count]').textContent === '7 av 18 poster'")


PAGES = {
    "start": ("", _start),
    "record": ("overenskommelser/test-lok-vasteras-3/", _start),
    "kommun": ("kommun/1980-vasteras/", _start),
    "search": ("sok/", _search),
    "browse": ("bladdra/", _browse),
}


@pytest.fixture(scope="module")
def base(fixture_site, served_site) -> str:
    return served_site(fixture_site)


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(browser, base, name, width):
    from browser_checks import axe_violations, describe

    path, open_page = PAGES[name]
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        open_page(page, base + path)
        violations = axe_violations(page)
        assert not violations, "\n".join(describe(v) for v in violations)
    finally:
        context.close()


def test_no_request_leaves_the_site(browser_page, base):
    page = browser_page  # records every request, the search's Web Worker-free Pagefind fetches included
    for path, open_page in PAGES.values():
        open_page(page, base + path)
        page.wait_for_load_state("networkidle")
    assert any("/pagefind/" in u for u in page.requests)  # the search did load its index
    outside = outside_requests(page.requests, base)
    assert not outside, outside
