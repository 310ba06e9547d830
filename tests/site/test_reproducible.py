"""Byte-identical builds: the same data gives the same site/, Pagefind's bundle included, from any
checkout path (issue 11, point 6).

Pagefind 1.5 writes its filter chunks and the filter list of its meta file from hash maps; measured
over the real data: 17 entries of pagefind/ differ between two runs over the same pages (7 filter
chunks, the meta file, pagefind-entry.json, under names that differ too). samverkan.search.canonical
rewrites them in a fixed order; these tests prove the result equal and still searchable.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from samverkan.search.canonical import canonicalise_bundle

pytestmark = pytest.mark.slow

EPOCH = "1735689600"
# What a checkout holds besides the repository's files; never copied.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", ".pytest_cache", ".hypothesis",
                                    "*.egg-info", "node_modules")


def checkout(repo_root: Path, where: Path) -> Path:
    shutil.copytree(repo_root, where, ignore=NOT_COPIED, symlinks=True)
    return where


def build_in(root: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` run inside the checkout at root, of its own data/, at a fixed date."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
    env.update(SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                           "-d", str(root / "site")], cwd=root, env=env, capture_output=True, text=True)


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_checkouts_build_byte_identical_sites(repo_root, tmp_path):
    # Two paths that differ in length, depth and non-ASCII letters.
    first = checkout(repo_root, tmp_path / "a" / "samverkansbasen")
    second = checkout(repo_root, tmp_path / "en längre sökväg" / "på ett annat ställe" / "klon")
    for root in (first, second):
        result = build_in(root)
        assert result.returncode == 0, result.stdout + result.stderr
    one, two = tree(first / "site"), tree(second / "site")
    assert one.keys() == two.keys()
    assert [k for k in one if k.startswith("pagefind/filter/")], "no filter chunks: the search index was not built"
    differing = sorted(k for k in one if one[k] != two[k])
    assert not differing, differing[:20]
    # Nothing of where the checkout was leaks into the output.
    for root in (first, second):
        for needle in (str(root), str(root.parent), root.as_posix().encode("unicode_escape").decode()):
            leaked = [k for k, v in one.items() if needle.encode() in v]
            assert not leaked, (needle, leaked[:5])
        assert not [k for k, v in two.items() if str(root).encode() in v]


def test_the_bundle_of_a_build_is_already_canonical(fixture_site, tmp_path):
    """Canonicalising a built bundle again changes no byte: the build left it in canonical order."""
    copy = tmp_path / "pagefind"
    shutil.copytree(fixture_site / "pagefind", copy)
    canonicalise_bundle(copy)
    assert tree(copy) == tree(fixture_site / "pagefind")


class _Filters:
    """The data-pagefind-filter values of every record page, as Pagefind reads them from the HTML."""

    ATTR = re.compile(r'data-pagefind-filter="([a-z]+):([^"]*)"')

    def __init__(self, site: Path):
        self.pages: dict[str, dict[str, set[str]]] = {}
        for page in sorted(site.glob("*/*/index.html")):
            html = page.read_text("utf-8")
            if "data-pagefind-body" not in html:
                continue
            found = defaultdict(set)
            for name, value in self.ATTR.findall(html):
                found[name].add(value)
            self.pages[page.parent.relative_to(site).as_posix() + "/"] = found

    def counts(self) -> dict[str, Counter]:
        out: dict[str, Counter] = defaultdict(Counter)
        for filters in self.pages.values():
            for name, values in filters.items():
                out[name].update(values)
        return out


@pytest.mark.browser
def test_filters_and_words_work_on_the_canonical_bundle(browser_page, fixture_site, served_site, fixture_data):
    """Every filter value counts the records the HTML gives it; a filter alone, and a word, find them."""
    expected = _Filters(fixture_site)
    assert expected.pages and len(expected.pages) == json.loads(
        (fixture_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))["languages"]["sv"]["page_count"]
    base = served_site(fixture_site)
    page = browser_page
    page.goto(base + "sok/")
    got = page.evaluate("""async (bundle) => {
        const pagefind = await import(bundle);
        await pagefind.options({baseUrl: new URL('.', location.href.replace(/sok\\/.*$/, '')).pathname});
        const filters = await pagefind.filters();
        const byLan = await pagefind.search(null, {filters: {lan: 'Västmanlands län'}});
        const word = await pagefind.search('överenskommelse');
        const urls = async s => Promise.all(s.results.map(r => r.data().then(d => d.url)));
        return {filters, lan: await urls(byLan), word: await urls(word)};
    }""", base + "pagefind/pagefind.js")
    counts = expected.counts()
    assert set(got["filters"]) == set(counts)
    for name, values in counts.items():
        assert got["filters"][name] == dict(values), name
    prefix = base[base.index("/", len("http://")):]
    in_lan = sorted(u for u, f in expected.pages.items() if "Västmanlands län" in f.get("lan", ()))
    assert in_lan and sorted(u[len(prefix):] for u in got["lan"]) == in_lan
    with_word = {u for u in expected.pages
                 if "överenskommelse" in (fixture_site / u / "index.html").read_text("utf-8").lower()}
    found = {u[len(prefix):] for u in got["word"]}
    assert found and found <= set(expected.pages) and found & with_word
