"""What every browser test does the same way, defined once: axe-core's WCAG 2.1 A and AA rules
(what Swedish public-sector sites are bound to), that no request leaves the site, and reading every
hit of a search on /sok/."""
from __future__ import annotations

from urllib.parse import urlsplit

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    # resultTypes: axe still runs every rule, but details only the violations (several times faster).
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA},
                                      "resultTypes": ["violations"]})
    return result.response["violations"]


def describe(violation: dict, where: str = "") -> str:
    """One line for a failure message: where, the rule, its impact and help, the first targets."""
    targets = [n["target"] for n in violation["nodes"]][:3]
    return f"{where + ': ' if where else ''}{violation['id']} ({violation['impact']}): {violation['help']}: {targets}"


def outside_requests(requests, base: str) -> list[str]:
    """The requests (URLs) that went to another host than the served site's."""
    here = urlsplit(base).netloc
    return sorted({u for u in requests if urlsplit(u).netloc != here and not u.startswith("data:")})


# The search page has drawn its hits: not busy, and every hit has its link (hits fill as their
# fragments arrive).
DRAWN = """() => {
    const hits = document.querySelectorAll('[data-sv-hits] > li');
    return !document.querySelector('[data-sv-hits]').hasAttribute('aria-busy')
           && Array.from(hits).every(li => li.querySelector('a'));
}"""


def hit_urls(page) -> list[str]:
    """Every record on the results list (site-relative, 'overenskommelser/x/'), sorted; "Visa fler
    träffar" is pressed until all are drawn."""
    page.wait_for_function(DRAWN)
    while page.is_visible("[data-sv-more] button"):
        before = page.locator("[data-sv-hits] > li").count()
        page.click("[data-sv-more] button")
        page.wait_for_function(f"() => document.querySelectorAll('[data-sv-hits] > li').length > {before}")
        page.wait_for_function(DRAWN)
    hrefs = page.eval_on_selector_all("[data-sv-hits] > li h3 a", "els => els.map(a => a.getAttribute('href'))")
    base = urlsplit(page.url).path.rsplit("sok/", 1)[0]
    return sorted(h[len(base):] if h.startswith(base) else h for h in hrefs)
