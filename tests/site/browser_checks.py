"""Checks every browser test makes the same way, defined once: axe-core's WCAG 2.1 A and AA rules
(what Swedish public-sector sites are bound to), and that no request leaves the site."""
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
