"""Search index: Pagefind runs in every build (and `mkdocs serve`), indexes record pages only, in
Swedish, and its failures are clear messages; the search page's filters match the record pages."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from samverkan.search import index as search_index
from samverkan.read.records import folder_type_of, record_files
from samverkan.search.index import SearchIndexError, build_search_index

SEGMENT = {"agreement": "overenskommelser", "consultation": "samrad", "report": "rapporter",
           "document": "dokument", "organisation": "organisationer"}
FILTERS = ("lan", "kommun", "ar", "typ", "kind", "tema", "status")


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def fake_pagefind(tmp_path: Path, script: str) -> Path:
    exe = tmp_path / "fake-pagefind"
    exe.write_text("#!/bin/sh\n" + script + "\n", "utf-8")
    exe.chmod(0o755)
    return exe


def site_with_one_record(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "overenskommelser" / "x").mkdir(parents=True)
    (site / "overenskommelser" / "x" / "index.html").write_text(
        '<html lang="sv"><body><article data-pagefind-body><h1>Överenskommelsen</h1></article></body></html>', "utf-8")
    return site


# -- the runner, without a build ---------------------------------------------------------

def test_command_indexes_record_pages_in_swedish():
    cmd = search_index.command(Path("/s"), Path("/bin/pagefind"))
    assert cmd[:3] == ["/bin/pagefind", "--site", "/s"]
    flags = dict(zip(cmd[3::2], cmd[4::2]))
    assert flags["--output-subdir"] == "pagefind" and flags["--force-language"] == "sv"
    assert flags["--glob"] == "{dokument,organisationer,overenskommelser,rapporter,samrad}/*/index.html"


def test_the_binary_comes_from_the_wheel():
    exe = search_index.pagefind_executable()
    assert exe.is_file() and os.access(exe, os.X_OK)
    assert "pagefind_bin" in str(exe)


def test_a_failing_pagefind_is_a_clear_error(tmp_path):
    exe = fake_pagefind(tmp_path, "echo 'Error: något gick sönder' >&2\nexit 3")
    with pytest.raises(SearchIndexError) as err:
        build_search_index(site_with_one_record(tmp_path), exe)
    message = str(err.value)
    assert "Pagefind misslyckades (slutkod 3); sökindexet byggdes inte." in message
    assert "något gick sönder" in message


def test_a_missing_binary_is_a_clear_error(tmp_path):
    with pytest.raises(SearchIndexError, match="Pagefind kunde inte startas: .* finns inte"):
        build_search_index(site_with_one_record(tmp_path), tmp_path / "finns-inte")


def test_an_index_that_was_not_written_is_an_error(tmp_path):
    exe = fake_pagefind(tmp_path, "exit 0")
    with pytest.raises(SearchIndexError, match="skrev ingen pagefind-entry.json"):
        build_search_index(site_with_one_record(tmp_path), exe)


def test_a_site_without_records_has_no_index_and_no_error(tmp_path):
    (tmp_path / "om").mkdir()
    (tmp_path / "om" / "index.html").write_text('<html lang="sv"><body>Om</body></html>', "utf-8")
    report = build_search_index(tmp_path)
    assert report.pages == 0 and not (tmp_path / "pagefind").exists()
    assert "Inga poster att indexera" in report.summary()


def test_the_real_binary_indexes_a_record(tmp_path):
    site = site_with_one_record(tmp_path)
    report = build_search_index(site)
    assert report.pages == 1 and report.languages == ("sv",)
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert report.summary().startswith("Pagefind indexerade 1 poster")


def _hooks_module(repo_root: Path):
    spec = importlib.util.spec_from_file_location("samverkansbasen_hooks_under_test", repo_root / "hooks" / "samverkansbasen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_post_build_hook_turns_a_failure_into_a_plugin_error(monkeypatch, tmp_path, repo_root):
    from mkdocs.exceptions import PluginError

    from samverkan.build import Built
    from samverkan.settings import Settings

    hooks = _hooks_module(repo_root)

    def broken(site_dir):
        raise SearchIndexError("Pagefind misslyckades (slutkod 1); sökindexet byggdes inte.")

    monkeypatch.setattr(search_index, "build_search_index", broken)
    settings = Settings.from_env(repo_root, {})
    assert settings.search
    hooks._built = Built(settings, None, None, None)
    with pytest.raises(PluginError, match="Pagefind misslyckades"):
        hooks.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
    off = Settings.from_env(repo_root, {search_index.ENV_SWITCH: "0"})
    assert not off.search
    hooks._built = Built(off, None, None, None)
    assert hooks.on_post_build(SimpleNamespace(site_dir=str(tmp_path))) is None  # switched off: not called


# -- the built fixture site --------------------------------------------------------------

@pytest.mark.slow
def test_every_build_writes_a_swedish_index_of_the_records(fixture_site, fixture_data):
    entry = json.loads((fixture_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["sv"]
    assert entry["languages"]["sv"]["page_count"] == len(record_files(fixture_data))
    for name in ("pagefind.js", "wasm.sv.pagefind"):
        assert (fixture_site / "pagefind" / name).is_file(), name


@pytest.mark.slow
def test_pages_say_they_are_swedish(fixture_site):
    for url in ["", "overenskommelser/test-lok-vasteras-3", "kommun/1980-vasteras", "sok", "bladdra", "om"]:
        assert re.search(r'<html lang="sv"', read(fixture_site, url)), url


@pytest.mark.slow
def test_search_code_loads_only_on_the_search_page(fixture_site):
    for url in ["", "overenskommelser/test-lok-vasteras-3", "kommun/1980-vasteras", "bladdra"]:
        html = read(fixture_site, url)
        assert "pagefind/" not in html and "sok.js" not in html, url
    sok = read(fixture_site, "sok")
    assert 'data-sv-bundle="../pagefind/"' in sok and '<script src="../assets/javascripts/sok.js">' in sok
    assert "data-pagefind-body" not in sok and "data-pagefind-body" not in read(fixture_site, "bladdra")


@pytest.mark.slow
def test_every_page_has_the_header_search_box(fixture_site):
    for url, action in [("", "sok/"), ("om", "../sok/"), ("overenskommelser/test-lok-vasteras-3", "../../sok/")]:
        html = read(fixture_site, url)
        form = html[html.index('<form class="sv-header-search"'):]
        form = form[:form.index("</form>")]
        assert f'action="{action}"' in form and 'method="get"' in form and 'role="search"' in form, url
        assert 'name="q"' in form and '<label class="sv-visually-hidden" for="sv-header-q">' in form, url
    assert 'class="md-search"' not in read(fixture_site, "")  # Material's own (lunr) search stays off
    assert not (fixture_site / "search" / "search_index.json").exists()


@pytest.mark.slow
def test_lists_of_other_records_are_not_indexed(fixture_site):
    html = read(fixture_site, "overenskommelser/test-lok-vasteras-3")
    body = html[html.index("data-pagefind-body"):html.index("</article>")]
    assert '<div class="sv-records" data-pagefind-ignore><table>' in body  # "Hänvisas från", related
    assert '<ol class="sv-lineage" aria-label="Versioner, äldst först" data-pagefind-ignore>' in body


class _Filters(HTMLParser):
    """data-pagefind-filter values of a record page, and the search page's filter checkboxes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.filters: set[tuple[str, str]] = set()
        self.boxes: list[dict] = []
        self._count_for = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("data-pagefind-filter"):
            key, _, value = a["data-pagefind-filter"].partition(":")
            self.filters.add((key, " ".join(value.split())))
        if tag == "input" and a.get("type") == "checkbox" and "name" in a:
            self.boxes.append(a)
        if tag == "span" and "data-total" in a and self.boxes:
            self.boxes[-1]["total"] = int(a["data-total"])


def _parse(html: str) -> _Filters:
    p = _Filters()
    p.feed(html)
    return p


@pytest.mark.slow
def test_search_filters_are_the_values_record_pages_carry(fixture_site, fixture_data):
    carried = Counter()
    for path in record_files(fixture_data):
        for key, value in _parse(read(fixture_site, f"{SEGMENT[folder_type_of(path)]}/{path.stem}")).filters:
            carried[(key, value)] += 1
    assert {k for k, _ in carried} == set(FILTERS)
    panel = {}
    for box in _parse(read(fixture_site, "sok")).boxes:
        key = box.get("data-filter", box["name"])
        panel[(key, box.get("data-value", box["value"]))] = (box["name"], box["value"], box["total"])
    # Every value some record has is a checkbox, with the number of records that have it ...
    assert {k: v[2] for k, v in panel.items()} == dict(carried)
    # ... and its query parameter and code are those of the browse page.
    assert panel[("lan", "Västmanlands län")][:2] == ("lan", "19")
    assert panel[("kommun", "Västerås")][:2] == ("kommun", "1980")
    assert panel[("ar", "2019")][:2] == ("ar", "2019")
    assert panel[("typ", "Överenskommelse")][:2] == ("typ", "overenskommelser")  # Swedish codes (vocabulary.TYPE_CODES)
    assert panel[("kind", "Lokal överenskommelse (LÖK)")][:2] == ("typ", "lok")
    assert panel[("tema", "social välfärd")][:2] == ("tema", "social välfärd")
    assert panel[("status", "gällande")][:2] == ("status", "gällande")


@pytest.mark.slow
def test_filter_values_cannot_carry_markup(real_site, fixture_site, fixture_data, repo_root):
    """Filter values come from code lists and place names; none could ever become markup."""
    for site, data in ((fixture_site, fixture_data), (real_site, repo_root / "data")):
        for path in record_files(data):
            for key, value in _parse(read(site, f"{SEGMENT[folder_type_of(path)]}/{path.stem}")).filters:
                assert key in FILTERS and value and not set(value) & set("<>&\"'"), (path, key, value)


# -- `mkdocs serve` indexes too ----------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_mkdocs_serve_builds_the_search_index(tmp_path, fixture_epoch, repo_root, fixture_data, site_base_path):
    port = _free_port()
    env = dict(os.environ, SAMVERKAN_DATA_DIR=str(fixture_data), SOURCE_DATE_EPOCH=fixture_epoch,
               NO_MKDOCS_2_WARNING="1")
    env.pop(search_index.ENV_SWITCH, None)
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
                             "-f", str(repo_root / "mkdocs.yml")], cwd=repo_root, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}{site_base_path}pagefind/pagefind-entry.json"
    try:
        deadline = time.monotonic() + 120
        entry = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    entry = json.loads(response.read())
                    break
            except OSError:
                time.sleep(0.5)
        output = (tmp_path / "serve.log").read_text("utf-8", errors="replace")
        assert entry is not None, f"no search index served at {url}:\n{output[-3000:]}"
        assert entry["languages"]["sv"]["page_count"] == len(record_files(fixture_data))
        assert "Pagefind indexerade" in output
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the process group this test started, and only it
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
