"""Rules both generator adapters (the MkDocs hook and the Zensical adapter) share, tested on the
domain side: a docs/ file may not take a generated page's or file's path, the edit link is joined
as MkDocs joins it, and the preview's error page shows the validator's text as text."""
from __future__ import annotations

import re

import pytest

from samverkan.build import PathTaken, build
from samverkan.pages import urls
from samverkan.publish.publication import DOWNLOADS_PAGE, build_error_page
from samverkan.settings import Settings


@pytest.fixture(scope="module")
def built(repo_root, fixture_data):
    settings = Settings.from_env(repo_root, {"SOURCE_DATE_EPOCH": "1735689600"}, data_dir=fixture_data)
    return build(settings)


def test_a_free_docs_tree_passes(built, repo_root):
    docs = repo_root / "docs"
    handwritten = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
    built.check_free(handwritten.__contains__, built.publication.files())


@pytest.mark.parametrize("which", ["record", "listing", "downloads", "published"])
def test_a_docs_file_on_a_generated_path_stops_with_a_swedish_message(built, which):
    pages = built.site.pages()
    record = next(p for p in pages if p.kind == "record")
    listing = next(p for p in pages if p.kind == "municipality")
    published = built.publication.files()
    path, says = {
        "record": (record.src_uri, f"genererad sida ({record.url})"),
        "listing": (listing.src_uri, f"genererad sida ({listing.url})"),
        "downloads": (DOWNLOADS_PAGE, f"genererad sida ({urls.DOWNLOADS})"),
        "published": (next(iter(published)), "genererad fil"),
    }[which]
    with pytest.raises(PathTaken) as err:
        built.check_free({path}.__contains__, published)
    message = str(err.value)
    assert message.startswith(f"docs/{path} krockar med en {says}"), message
    assert message.endswith("byt namn på filen")


def test_the_rule_is_written_once(repo_root):
    """The hook and the Zensical adapter call Built.check_free; neither writes the message itself."""
    for path in (repo_root / "hooks" / "samverkansbasen.py", repo_root / "src" / "samverkan" / "adapters" / "zensical.py"):
        text = path.read_text("utf-8")
        assert "krockar" not in text, path
        assert "check_free(" in text, path


@pytest.mark.parametrize("repo_url, edit_uri, path, link", [
    ("https://github.com/o/r", "edit/main/", "data/agreements/a.yaml", "https://github.com/o/r/edit/main/data/agreements/a.yaml"),
    ("https://github.com/o/r/", "edit/main/", "docs/om.md", "https://github.com/o/r/edit/main/docs/om.md"),
    ("https://github.com/o/r", "/o/r/blob/main/", "x.md", "https://github.com/o/r/blob/main/x.md"),
    ("https://github.com/o/r", "?path=", "x.md", "https://github.com/o/r?path=x.md"),
    ("", "edit/main/", "x.md", "edit/main/x.md"),
    ("https://github.com/o/r", "", "x.md", None),
    ("https://github.com/o/r", "edit/main/", None, None),
])
def test_edit_link_joins_as_mkdocs_does(repo_url, edit_uri, path, link):
    assert urls.edit_link(repo_url, edit_uri, path) == link


def test_edit_link_agrees_with_mkdocs_own_join():
    """The same join as MkDocs' File.edit_url for a page, for the repository's settings."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    for repo_url, edit_uri in [("https://github.com/o/r", "edit/main/"), ("https://github.com/o/r/", "/o/r/edit/x/"),
                               ("https://example.org/repo", "?file=")]:
        config = MkDocsConfig()
        config.load_dict({"site_name": "x", "repo_url": repo_url, "edit_uri": edit_uri, "docs_dir": "docs"})
        config.validate()
        page = Page(None, File("om.md", "docs", "site", False), config)
        page._set_edit_url(config.repo_url, config.edit_uri)
        assert urls.edit_link(config.repo_url, config.edit_uri, "om.md") == page.edit_url, (repo_url, edit_uri)


def test_the_preview_error_page_shows_the_messages_as_text():
    hostile = '1 fel i 1 filer <script>alert(1)</script>\nagreements/x.yaml:3:1: "title" & <b>mer</b>\nrad två'
    page = build_error_page(hostile)
    assert "<script>alert" not in page and "<b>mer" not in page
    first = re.search(r'<p id="sv-build-error">(.*?)</p>', page).group(1)
    assert first == "1 fel i 1 filer &lt;script&gt;alert(1)&lt;/script&gt;"
    pre = re.search(r"<pre>(.*?)</pre>", page, re.S).group(1)
    assert pre == 'agreements/x.yaml:3:1: &#34;title&#34; &amp; &lt;b&gt;mer&lt;/b&gt;\nrad två'
    assert page.startswith("<!doctype html>") and 'lang="sv"' in page and 'http-equiv="refresh"' in page


def test_the_mkdocs_hook_stops_on_a_docs_file_at_a_generated_path(repo_root, fixture_data, monkeypatch, tmp_path):
    import importlib.util

    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, get_files

    monkeypatch.setenv("SAMVERKAN_DATA_DIR", str(fixture_data))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    spec = importlib.util.spec_from_file_location("hook_under_test", repo_root / "hooks" / "samverkansbasen.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = load_config(str(repo_root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    hook.on_config(config)
    files = get_files(config)
    files.append(File("lan/index.md", str(tmp_path), str(tmp_path / "site"), False))
    with pytest.raises(PluginError, match=r"^docs/lan/index\.md krockar med en genererad sida \(lan/\); byt namn på filen$"):
        hook.on_files(files, config)


def test_zensical_staging_stops_on_a_docs_file_at_a_generated_path(repo_root, fixture_data, tmp_path):
    import shutil

    from samverkan.adapters.zensical import ZensicalFailed, stage

    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    for folder in ("schema", "places"):
        (root / "data" / folder).symlink_to(repo_root / "data" / folder)
    shutil.copy(repo_root / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(repo_root / "docs", root / "docs")
    (root / "docs" / "ladda-ner.md").write_text("# Egen sida\n", "utf-8")
    settings = Settings.from_env(root, {"SOURCE_DATE_EPOCH": "1735689600"}, data_dir=fixture_data)
    with pytest.raises(ZensicalFailed, match=r"^docs/ladda-ner\.md krockar med en genererad sida"):
        stage(settings, tmp_path / "work")
