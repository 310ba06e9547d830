"""Last changed, per record, from the git history of its file: on the record page, in records.json
and records.csv, and as the feed entry's `updated`; reproducible (two builds, same bytes); outside
git the day the record was added, and the build log says so."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import xml.etree.ElementTree as ET  # our own feed, from a build in this test

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
LOK = "agreements/test-lok-vasteras-3.yaml"
NEW_FROM = "agreements/test-iop-okand.yaml"


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.invalid")
    if when:
        env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"] = when
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def history(tmp_path_factory, fixture_data):
    """The fixture data in a git repository of its own: everything committed on 2024-03-01, the
    Västerås LÖK changed on 2024-09-15, and one new record not committed at all."""
    repo = tmp_path_factory.mktemp("history")
    data = repo / "data"
    shutil.copytree(fixture_data, data)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "fixture data", when="2024-03-01T09:00:00+00:00")
    lok = data / LOK
    lok.write_text(lok.read_text("utf-8").replace("\ntitle:", "\n# changed\ntitle:", 1), "utf-8")
    git(repo, "commit", "-q", "-am", "change the LÖK", when="2024-09-15T22:30:00-03:00")  # 16 Sept UTC
    new = data / "agreements" / "test-ny-post.yaml"
    new.write_text((data / NEW_FROM).read_text("utf-8"), "utf-8")  # has `added`
    return data


@pytest.fixture(scope="module")
def built(history, mkdocs_build, fixture_epoch, tmp_path_factory):
    out = {}
    for name in ("a", "b"):
        site = tmp_path_factory.mktemp(f"site-{name}")
        result = mkdocs_build(history, site, fixture_epoch)
        assert result.returncode == 0, result.stderr
        out[name] = (site, result.stderr)
    return out


def _records(site: Path) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((site / "data" / "records.json").read_text("utf-8"))["records"]}


def test_the_dates_come_from_the_commits(built, history):
    site, log = built["a"]
    records = _records(site)
    assert records["test-lok-vasteras-3"]["resolved"]["last_changed"] == "2024-09-16"
    assert records["test-lok-vasteras-3"]["resolved"]["last_changed_source"] == "git"
    assert records["test-minimal"]["resolved"]["last_changed"] == "2024-03-01"
    # The record no commit has: the day it was added, and the log names it.
    new = records["test-ny-post"]["resolved"]
    added = records["test-ny-post"]["fields"]["added"]
    assert added and (new["last_changed"], new["last_changed_source"]) == (added, "added")
    assert "Senast ändrad: 1 poster finns inte i någon commit ännu (test-ny-post)" in log
    # Every other record has a date from git.
    assert {r["resolved"]["last_changed_source"] for i, r in records.items() if i != "test-ny-post"} == {"git"}


def test_the_record_page_shows_it(built):
    site, _ = built["a"]
    page = (site / "overenskommelser" / "test-lok-vasteras-3" / "index.html").read_text("utf-8")
    assert ('<th scope="row">Senast ändrad</th><td><time datetime="2024-09-16">16 september 2024</time>'
            '<span class="sv-note">, enligt ändringshistoriken</span>') in page
    new = (site / "overenskommelser" / "test-ny-post" / "index.html").read_text("utf-8")
    assert "dagen posten lades till; ändringshistorik saknas" in new


def test_the_csv_has_it(built):
    site, _ = built["a"]
    text = (site / "data" / "records.csv").read_text("utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text), delimiter=";")}
    assert rows["test-lok-vasteras-3"]["senast_ändrad"] == "2024-09-16"
    assert rows["test-minimal"]["senast_ändrad"] == "2024-03-01"


def test_the_feed_entry_is_updated_when_the_file_changed(built, site_url):
    site, _ = built["a"]
    root = ET.fromstring((site / "feed.xml").read_bytes())
    updated = {e.find(f"{ATOM}id").text: e.find(f"{ATOM}updated").text for e in root.iter(f"{ATOM}entry")}
    assert updated[site_url + "overenskommelser/test-lok-vasteras-3/"] == "2024-09-16T00:00:00+00:00"
    assert updated[site_url + "overenskommelser/test-minimal/"] == "2024-03-01T00:00:00+00:00"
    newest = max(dt.datetime.fromisoformat(v) for v in updated.values())
    assert root.find(f"{ATOM}updated").text == newest.isoformat()
    # The most recently changed first.
    order = [dt.datetime.fromisoformat(v) for v in updated.values()]
    assert order == sorted(order, reverse=True)


def test_two_builds_of_the_same_commit_are_the_same(built):
    a, b = built["a"][0], built["b"][0]
    for path in ("data/records.json", "data/records.csv", "feed.xml",
                 "overenskommelser/test-lok-vasteras-3/index.html"):
        assert (a / path).read_bytes() == (b / path).read_bytes(), path


def test_outside_git_every_record_falls_back_to_added(fixture_data, mkdocs_build, fixture_epoch, tmp_path):
    data = tmp_path / "data"  # tmp_path is outside any git repository
    shutil.copytree(fixture_data, data)
    result = mkdocs_build(data, tmp_path / "site", fixture_epoch)
    assert result.returncode == 0, result.stderr
    assert "ligger inte i ett git-arkiv; alla" in result.stderr and "dagen de lades till (added)" in result.stderr
    records = _records(tmp_path / "site")
    for r in records.values():
        assert r["resolved"]["last_changed"] == r["fields"].get("added")
        assert r["resolved"]["last_changed_source"] == ("added" if r["fields"].get("added") else None)
