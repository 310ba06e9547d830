"""The second build path (issue 16): the fixture's site built through Zensical
(samverkan.adapters.zensical) against the MkDocs build of the same data and date.

Held equal: the set of pages; every generated page's article byte for byte (record articles
included); a record's JSON-LD, the feed link, the edit link and the table of contents; no theme
script on the search page; the open-data files byte for byte; a Pagefind index that answers the
same searches in Chromium, with no request leaving 127.0.0.1. test_site_links.py checks the
Zensical site's links and third-party loads too (its `which` parameter).

ALLOWED_DIFFERENCES names what may differ, and each is checked to be only that.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_checks import hit_urls as hits

from samverkan.adapters import zensical
from samverkan.adapters.material import MATERIAL_UI
from samverkan.build import build
from samverkan.pages import urls
from samverkan.taxonomy import FEED_KINDS
from samverkan.settings import Settings
from samverkan.taxonomy import PageKind

pytestmark = pytest.mark.slow

ALLOWED_DIFFERENCES = {
    "theme": "everything outside <article> and the head items checked here: Zensical's own copy of "
             "Material's layout (generator tag, asset names and CSS, palette form, nav markup)",
    "skip anchor": 'Zensical puts <a id="__skip" tabindex="-1"></a> at the top of every article',
    "hand-written pages": "their Markdown is rendered by each generator: Zensical always uses "
                          "pymdownx.superfences (fenced code as <div class=\"highlight\">) and spaces "
                          "differently; their text is the same",
    "sitemap": "Zensical writes sitemap.xml without <lastmod> and no sitemap.xml.gz",
    "nav toc": "the primary nav of the generated pages listed in the nav (Sök, Bläddra, ...) has no "
               "table of contents under Zensical (its nav-item.html is not Material's; not overridden)",
}

SKIP_ANCHOR = '\n                <a id="__skip" tabindex="-1"></a>'
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
JSONLD = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)
FEED = re.compile(r'<link rel="alternate feed"[^>]*>')
EDIT = re.compile(r'<a href="([^"]*)" title="[^"]*" class="md-content__button md-icon" rel="edit">')
SECONDARY_TOC = re.compile(r'data-md-type="toc".*?</nav>', re.S)
TOC_LINK = re.compile(r'<a href="(#[^"]*)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>',
                      re.S)
BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[^"]*"')


@pytest.fixture(scope="module")
def fixture_built(fixture_data, fixture_epoch, repo_root):
    env = dict(os.environ, SAMVERKAN_DATA_DIR=str(fixture_data), SOURCE_DATE_EPOCH=fixture_epoch)
    # As both adapters build it: mkdocs.yml's repo links (in Settings), Material's buttons.
    return build(Settings.from_env(repo_root, environ=env), ui=MATERIAL_UI)


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def article(site: Path, page: str) -> str:
    found = ARTICLE.search((site / page).read_text("utf-8"))
    assert found, f"{page}: no <article>"
    return found.group(1).replace(SKIP_ANCHOR, "", 1)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def generated(built) -> dict[str, object]:
    return {zensical.output_path(spec.src_uri): spec for spec in built.site.pages()}


def test_the_same_pages_both_ways(fixture_site, zensical_site, fixture_built):
    expected = set(generated(fixture_built))
    assert expected <= pages(fixture_site)
    assert pages(zensical_site) == pages(fixture_site)
    assert not (zensical_site / zensical.ZENSICAL_SEARCH_FILE).exists()


def test_every_generated_article_is_byte_identical(fixture_site, zensical_site, fixture_built):
    specs = generated(fixture_built)
    records = [p for p, s in specs.items() if s.kind == PageKind.RECORD]
    assert len(records) >= 10
    differ = [p for p in sorted(specs) if article(zensical_site, p) != article(fixture_site, p)]
    assert differ == []
    # The record article is the site package's body, as it is, in both.
    for page in records:
        body = fixture_built.site.render(specs[page]).html
        assert body in (fixture_site / page).read_text("utf-8")
        assert body in (zensical_site / page).read_text("utf-8")


def test_what_came_from_hook_context_comes_through_page_metadata(fixture_site, zensical_site, fixture_built):
    specs = generated(fixture_built)
    for page, spec in specs.items():
        ours, theirs = (fixture_site / page).read_text("utf-8"), (zensical_site / page).read_text("utf-8")
        jsonld = JSONLD.findall(ours)
        assert jsonld == JSONLD.findall(theirs), page
        assert bool(jsonld) == (spec.kind == PageKind.RECORD), page
        # The site's feed on every page, and a term page's own feed beside it.
        assert FEED.findall(ours) == FEED.findall(theirs), page
        assert len(FEED.findall(ours)) == 1 + (spec.kind in FEED_KINDS), page
        assert EDIT.findall(ours) == EDIT.findall(theirs), page
        assert bool(EDIT.findall(ours)) == bool(spec.edit_path), page
        # Zensical's toc-item.html wraps each title in a <span>: the same links and words.
        toc = [[(a, text_of(t)) for a, t in TOC_LINK.findall(SECONDARY_TOC.search(html).group(0))]
               for html in (ours, theirs)]
        assert toc[0] == toc[1], page
        assert [a for a, _ in toc[0]] == [f"#{i}" for i, _ in fixture_built.site.render(spec).headings], page
        # Material's script bundle everywhere but on the search page.
        assert bool(BUNDLE.search(ours)) == bool(BUNDLE.search(theirs)) == (spec.kind != PageKind.SEARCH), page
    for page in pages(fixture_site) - set(specs):  # hand-written: edit links into docs/ (or none)
        ours, theirs = (fixture_site / page).read_text("utf-8"), (zensical_site / page).read_text("utf-8")
        assert EDIT.findall(ours) == EDIT.findall(theirs), page
        assert FEED.findall(ours) == FEED.findall(theirs), page


def test_hand_written_pages_say_the_same(fixture_site, zensical_site, fixture_built):
    # Not generated pages and not the publication's own files (a moved address's page, see below).
    hand = sorted(pages(fixture_site) - set(generated(fixture_built)) - set(fixture_built.publication.files()))
    assert "index.html" in hand and "om/index.html" in hand
    for page in hand:
        assert text_of(article(zensical_site, page)) == text_of(article(fixture_site, page)), page


def test_open_data_files_are_byte_identical(fixture_site, zensical_site, fixture_built):
    def data_files(site):
        return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
                and p.suffix != ".html" and not p.relative_to(site).parts[0] in ("assets", "pagefind")}

    ours, theirs = data_files(fixture_site), data_files(zensical_site)
    assert ours - theirs == {"sitemap.xml.gz"} and theirs - ours == set()
    published = set(fixture_built.publication.files())
    assert {f for f in published if not f.endswith(".html")} <= theirs
    # The pages left at moved addresses (urls.moved) are publication files too: written as they are.
    for f in (f for f in published if f.endswith(".html")):
        assert (zensical_site / f).read_bytes() == (fixture_site / f).read_bytes() == fixture_built.publication.files()[f], f
    differ = sorted(f for f in ours & theirs if (fixture_site / f).read_bytes() != (zensical_site / f).read_bytes())
    assert differ == ["sitemap.xml"]
    for name in ("samverkan.css", "samverkan-pictures.css"):
        assert (zensical_site / "assets/stylesheets" / name).read_bytes() == \
               (fixture_site / "assets/stylesheets" / name).read_bytes()


def test_pagefind_indexed_the_zensical_site(zensical_site, fixture_built):
    entry = zensical_site / "pagefind" / "pagefind-entry.json"
    assert entry.is_file()
    records = [p for p, s in generated(fixture_built).items() if s.kind == PageKind.RECORD]
    assert all('data-pagefind-body' in (zensical_site / p).read_text("utf-8") for p in records)


def test_zensical_alone_on_the_hand_written_pages_fails_loudly(monkeypatch, tmp_path, fixture_data, fixture_epoch,
                                                              repo_root):
    """What plain `zensical build -f mkdocs.yml` gets (no hooks: only docs/) must not pass for a site:
    the real Zensical runs over a staging folder that lost its generated pages, and the build stops
    (here at `-s`, on the hand-written pages' links to the missing ones), leaving no site behind."""
    real_run = zensical.run_zensical

    def hand_written_only(staged, site_dir, timeout=3600):
        for src in staged.pages.values():
            if not (repo_root / "docs" / src).is_file():
                (staged.work / zensical.STAGE_DIR / src).unlink()
        return real_run(staged, site_dir, timeout)

    monkeypatch.setattr(zensical, "run_zensical", hand_written_only)
    env = dict(os.environ, SAMVERKAN_DATA_DIR=str(fixture_data), SOURCE_DATE_EPOCH=fixture_epoch)
    with pytest.raises(zensical.ZensicalFailed) as failed:
        zensical.build_site(Settings.from_env(repo_root, environ=env), tmp_path / "site", tmp_path / "work")
    assert str(failed.value).startswith("zensical build misslyckades (slutkod 1); webbplatsen byggdes inte.")
    assert not (tmp_path / "site").exists()


def test_a_build_missing_generated_pages_fails_loudly(monkeypatch, tmp_path, fixture_data, fixture_epoch,
                                                     repo_root, fixture_built):
    """Zensical exits 0 but wrote only the hand-written pages (as it does on mkdocs.yml alone): the
    page check stops the build and names the missing pages."""
    def hand_written_only(staged, site_dir, timeout=0):
        for out, src in staged.pages.items():
            if (repo_root / "docs" / src).is_file():
                (staged.work / site_dir / out).parent.mkdir(parents=True, exist_ok=True)
                (staged.work / site_dir / out).write_text("<html></html>", "utf-8")
        return 0.0

    monkeypatch.setattr(zensical, "run_zensical", hand_written_only)
    env = dict(os.environ, SAMVERKAN_DATA_DIR=str(fixture_data), SOURCE_DATE_EPOCH=fixture_epoch)
    with pytest.raises(zensical.ZensicalFailed) as failed:
        zensical.build_site(Settings.from_env(repo_root, environ=env), tmp_path / "site", tmp_path / "work")
    message = str(failed.value)
    missing = sorted(zensical.output_path(s.src_uri) for s in fixture_built.site.pages())
    hand = sorted(p.name for p in (repo_root / "docs").glob("*.md"))
    assert message.startswith(f"Zensical byggde inte {len(missing) + 1} av "  # + Ladda ner data
                              f"{len(missing) + 1 + len(hand)} sidor:\n")
    assert all(f"  {p} (från " in message for p in missing[:20])
    assert f"… och {len(missing) + 1 - 20} till" in message
    assert not (tmp_path / "site").exists()


# -- Search in Chromium on the Zensical site ------------------------------------------



def search(page, url: str, words: str | None = None) -> list[str]:
    page.goto(url)
    if words:
        page.fill("#sv-q", words)
        page.wait_for_function("w => document.querySelector('[data-sv-summary]').textContent.includes(w)",
                               arg=words)
    else:
        page.wait_for_function("() => /stämmer med filtren/.test(document.querySelector('[data-sv-summary]')"
                               ".textContent)")
    return hits(page)


def only_local(requests: list[str]) -> list[str]:
    return [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]


@pytest.mark.browser
def test_a_filtered_search_on_the_zensical_site(browser_page, zensical_site, fixture_site, served_site,
                                                fixture_built):
    county = "19"
    # The hits can only be record pages marked with this län, and must be what the MkDocs build's
    # search page lists for the same link (which types and statuses it lists is sok.js's business).
    marker = f'data-pagefind-filter="lan:{fixture_built.catalog.places.counties[county].name}"'
    marked = {zensical.output_path(s.src_uri)[:-len("index.html")] for s in fixture_built.site.pages()
              if s.kind == PageKind.RECORD
              and marker in (fixture_site / zensical.output_path(s.src_uri)).read_text("utf-8")}
    got = search(browser_page, served_site(zensical_site) + f"sok/?lan={county}")
    assert got and set(got) <= marked
    assert search(browser_page, served_site(fixture_site) + f"sok/?lan={county}") == got
    assert only_local(browser_page.requests) == []


@pytest.mark.browser
def test_a_word_search_on_the_zensical_site(browser_page, zensical_site, fixture_site, served_site, fixture_built):
    word = "integration"
    got = search(browser_page, served_site(zensical_site) + "sok/", word)
    with_word = {urls.record_url(r) for r in fixture_built.catalog.records
                 if word in (r.data.get("title", "") + " " + r.data.get("summary", "")).lower()}
    assert got and with_word <= set(got)
    assert search(browser_page, served_site(fixture_site) + "sok/", word) == got
    assert only_local(browser_page.requests) == []
