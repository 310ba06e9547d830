"""The Zensical stager (samverkan.adapters.zensical.stage) without Zensical: what it writes for
each page, read back with a YAML front-matter parser as Zensical reads it."""
from __future__ import annotations

import html
import os

import frontmatter
import pytest
import yaml

from samverkan.adapters import zensical
from samverkan.adapters.material import HOME_MARKER
from samverkan.taxonomy import FEED_KINDS
from samverkan.settings import Settings
from samverkan.taxonomy import PageKind


@pytest.fixture(scope="module")
def staged(tmp_path_factory, fixture_data, fixture_epoch, repo_root):
    env = dict(os.environ, SAMVERKAN_DATA_DIR=str(fixture_data), SOURCE_DATE_EPOCH=fixture_epoch)
    return zensical.stage(Settings.from_env(repo_root, environ=env), tmp_path_factory.mktemp("stage"))


def meta_of(staged, src: str) -> frontmatter.Post:
    return frontmatter.load(staged.work / zensical.STAGE_DIR / src)


def test_every_generated_page_carries_what_the_hook_gives_it(staged):
    site, catalog = staged.built.site, staged.built.catalog
    specs = site.pages()
    assert {zensical.output_path(s.src_uri) for s in specs} <= set(staged.pages)
    for spec in specs:
        post = meta_of(staged, spec.src_uri)
        rendered = site.render(spec)
        assert post.content == ""
        assert post["title"] == html.escape(spec.title)
        assert post["sv_body"] == rendered.html  # byte for byte through the YAML parser
        assert [t["url"] for t in post["sv_toc"]] == [f"#{a}" for a, _ in rendered.headings]
        assert (post["sv_edit_url"] is False) == (spec.edit_path is None)
        if spec.edit_path:
            assert post["sv_edit_url"].endswith("/edit/main/" + spec.edit_path)
        # The head: a record's JSON-LD, a term page's own feed (as the hook gives them), else nothing.
        publication = staged.built.publication
        head = publication.head_html(catalog.by_id[spec.key] if spec.kind == PageKind.RECORD else None)
        if spec.kind in FEED_KINDS:
            head += publication.term_feed_link(spec.url, spec.title)
        assert post.get("sv_head", "") == str(head)
        assert bool(head) == (spec.kind == PageKind.RECORD or spec.kind in FEED_KINDS)
        assert post.get("sv_theme_scripts", True) is (spec.kind != PageKind.SEARCH)


def test_hostile_titles_stay_text(staged, hostile):
    record = next(r for r in staged.built.catalog.records if hostile in r.data.get("title", ""))
    spec = next(s for s in staged.built.site.pages() if s.kind == PageKind.RECORD and s.key == record.id)
    post = meta_of(staged, spec.src_uri)
    assert hostile not in post["title"] and html.escape(hostile) in post["title"]


def test_hand_written_pages_downloads_and_open_data(staged, repo_root):
    for path in (repo_root / "docs").glob("*.md"):
        post = meta_of(staged, path.name)
        assert post["sv_edit_url"].endswith("/edit/main/docs/" + path.name)
    home = meta_of(staged, "index.md").content
    assert HOME_MARKER not in home and staged.built.site.render_home("").strip()[:40] in home
    assert meta_of(staged, "ladda-ner.md")["sv_edit_url"] is False
    for path, content in staged.built.publication.files().items():
        assert (staged.work / zensical.STAGE_DIR / path).read_bytes() == content
    config = yaml.safe_load(staged.config.read_text("utf-8"))
    assert config["INHERIT"] == str(repo_root / "mkdocs.yml")
    assert config["plugins"] == [{"search": {"enabled": False}}]
    assert config["extra"]["sv_feed_link"] == str(staged.built.publication.feed_link())


def test_staging_again_rewrites_only_what_changed(staged, fixture_data, fixture_epoch, repo_root):
    docs = staged.work / zensical.STAGE_DIR
    page = docs / "om.md"
    before = page.stat().st_mtime_ns
    stray = docs / "poster-som-inte-finns" / "index.md"
    stray.parent.mkdir()
    stray.write_text("---\n{}\n---\n", "utf-8")
    env = dict(os.environ, SAMVERKAN_DATA_DIR=str(fixture_data), SOURCE_DATE_EPOCH=fixture_epoch)
    zensical.stage(Settings.from_env(repo_root, environ=env), staged.work)
    assert page.stat().st_mtime_ns == before
    assert not stray.exists() and not stray.parent.exists()


def test_output_paths_and_not_in_nav():
    assert zensical.output_path("index.md") == "index.html"
    assert zensical.output_path("om.md") == "om/index.html"
    assert zensical.output_path("lan/19/index.md") == "lan/19/index.html"
    patterns = zensical._not_in_nav(["sok/index.md", "lan/19/index.md", "lan/20/index.md", "x/index.md"],
                                    {"sok/index.md"})
    assert patterns == "/lan/*/index.md\n/x/index.md\n"
