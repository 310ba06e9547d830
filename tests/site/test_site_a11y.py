"""A visitor's browser on the served fixture site: no WCAG 2.1 A/AA violations axe can find."""
from __future__ import annotations

import pytest

from browser_checks import axe_violations, describe, outside_requests

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = ["", "overenskommelser/test-lok-vasteras-3/", "overenskommelser/test-script/", "samrad/test-samrad-2019/",
         "organisationer/test-forening/", "kommun/1980-vasteras/", "kommun/2506-arjeplog/", "lan/19-vastmanland/",
         "overenskommelser/", "kommun/", "ar/", "slag/iop/", "tema/integration/", "om/", "bidra/"]


@pytest.fixture(scope="module")
def browser_page(browser):
    # The session's one Chromium (tests/conftest.py): a second Playwright in the same process
    # cannot start while that one runs.
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_pages_have_no_axe_violations(fixture_site, served_site, browser_page):
    base = served_site(fixture_site)
    found = []
    for url in PAGES:
        response = browser_page.goto(base + url)
        assert response.status == 200, url
        found += [describe(v, url or "/") for v in axe_violations(browser_page)]
    assert not found, "\n".join(found)


def test_no_request_leaves_the_site_in_a_browser(fixture_site, served_site, browser_page):
    base = served_site(fixture_site)
    requests = []
    browser_page.on("request", lambda r: requests.append(r.url))
    browser_page.goto(base + "overenskommelser/test-lok-vasteras-3/")
    browser_page.wait_for_load_state("networkidle")
    outside = outside_requests(requests, base)
    assert requests and not outside, outside
