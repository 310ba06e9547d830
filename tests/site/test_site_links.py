"""Every internal link and anchor of the built sites resolves; nothing loads from another site."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest


# Attributes that make the browser fetch something when the page loads.
_LOADS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
          ("audio", "src"), ("embed", "src"), ("object", "data")}
_LINK_RELS_THAT_LOAD = {"stylesheet", "icon", "preload", "prefetch", "manifest", "modulepreload", "preconnect",
                        "dns-prefetch", "apple-touch-icon"}


class _Page(HTMLParser):
    """The ids of a page, the links it makes and the resources it loads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag in ("a", "input") else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        if tag in ("a", "area") and a.get("href") is not None:
            self.links.append(a["href"])
        if tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").lower().split())
            (self.loads if rels & _LINK_RELS_THAT_LOAD else self.links).append(a["href"])
        for t, attr in _LOADS:
            if tag == t and a.get(attr):
                self.loads.append(a[attr])


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


def _target(site: Path, page_path: Path, href: str, base_path: str) -> tuple[Path, str]:
    """The file a relative (or base-path absolute) link leads to, and its fragment."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    if path.startswith("/"):
        assert path.startswith(base_path), f"absolute link outside the site's base path: {href}"
        target = site / path[len(base_path):]
    elif path:
        target = page_path.parent / path
    else:
        target = page_path
    target = Path(*target.parts)  # keeps '..' for resolve below
    target = target.resolve()
    if href.endswith("/") or (path and target.is_dir()) or path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path, base_path: str) -> list[str]:
    """'page -> link: why' for every internal link that does not resolve."""
    site = site.resolve()
    base_path = base_path
    pages = {p.resolve(): _parse(p) for p in site.rglob("*.html")}
    problems = []
    for path, page in sorted(pages.items()):
        rel = path.relative_to(site).as_posix()
        for href in page.links:
            if _is_external(href) or href.startswith(("mailto:", "tel:")):
                continue
            target, fragment = _target(site, path, href, base_path)
            if not str(target).startswith(str(site)):
                problems.append(f"{rel} -> {href}: leads outside the site")
            elif not target.exists():
                problems.append(f"{rel} -> {href}: no such file")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                problems.append(f"{rel} -> {href}: no element with id '{fragment}'")
    return problems


def third_party_loads(site: Path) -> list[str]:
    out = []
    for path in sorted(site.rglob("*.html")):
        for url in _parse(path).loads:
            if _is_external(url) and not url.startswith("data:"):
                out.append(f"{path.relative_to(site).as_posix()}: {url}")
    return out


@pytest.mark.slow
@pytest.mark.parametrize("which", ["fixture_site", "real_site", "zensical_site"])
def test_no_broken_internal_links(which, request, site_base_path):
    site = request.getfixturevalue(which)
    problems = broken_links(site, site_base_path)
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems[:50])


@pytest.mark.slow
@pytest.mark.parametrize("which", ["fixture_site", "real_site", "zensical_site"])
def test_no_request_leaves_the_site(which, request):
    site = request.getfixturevalue(which)
    assert not third_party_loads(site)
    css = "\n".join(p.read_text("utf-8", errors="replace") for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_checker_finds_a_broken_link_and_anchor(tmp_path, site_base_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">A</a> <a href="a/#finns">ok</a> '
                                         '<a href="a/#saknas">fel</a> <a href="b/">saknas</a>', "utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="finns">x</h2><a href="../">tillbaka</a>', "utf-8")
    problems = broken_links(tmp_path, site_base_path)
    assert problems == ["index.html -> a/#saknas: no element with id 'saknas'", "index.html -> b/: no such file"]
