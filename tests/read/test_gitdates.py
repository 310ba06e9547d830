"""Last-changed dates from git history: one `git log`, the committer date of the newest commit that
touched each file, reproducible (no clock); none outside git or for a file no commit has."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from samverkan.read.gitdates import last_changed

pytestmark = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                                reason="git saknas")


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.invalid")
    if when:  # the committer date is what counts; the author date is set apart to prove it
        env["GIT_COMMITTER_DATE"] = when
        env["GIT_AUTHOR_DATE"] = "2001-01-01T12:00:00+00:00"
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def commit(repo: Path, message: str, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "repo"
    (r / "data" / "agreements").mkdir(parents=True)
    git(r, "init", "-q", "-b", "main")
    (r / "data" / "agreements" / "a.yaml").write_text("title: A\n", "utf-8")
    (r / "data" / "agreements" / "b.yaml").write_text("title: B\n", "utf-8")
    (r / "data" / "agreements" / "å ö.yaml").write_text("title: C\n", "utf-8")  # non-ASCII name
    commit(r, "two records", "2024-03-01T10:00:00+00:00")
    (r / "data" / "agreements" / "b.yaml").write_text("title: B2\n", "utf-8")
    commit(r, "change b", "2024-06-30T23:30:00-02:00")  # 1 July in UTC
    (r / "README.md").write_text("outside the folder\n", "utf-8")
    commit(r, "readme", "2025-01-01T00:00:00+00:00")
    (r / "data" / "agreements" / "new.yaml").write_text("title: New\n", "utf-8")  # not committed
    return r


def test_dates_come_from_the_newest_commit_of_each_file(repo):
    dates = last_changed(repo / "data")
    assert dates.in_git and not dates.shallow and dates.reason == ""
    folder = repo / "data" / "agreements"
    assert dates.get(folder / "a.yaml") == dt.date(2024, 3, 1)
    assert dates.get(folder / "b.yaml") == dt.date(2024, 7, 1)  # the committer date, in UTC
    assert dates.get(folder / "å ö.yaml") == dt.date(2024, 3, 1)
    assert dates.get(folder / "new.yaml") is None  # no commit has it yet
    assert dates.get(repo / "README.md") is None  # outside the folder asked about


def test_a_subfolder_of_the_repository_works_from_anywhere(repo, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert last_changed(repo / "data" / "agreements").get(repo / "data" / "agreements" / "a.yaml") == dt.date(2024, 3, 1)


def test_outside_git_there_are_no_dates_and_a_swedish_reason(tmp_path):
    (tmp_path / "data").mkdir()
    dates = last_changed(tmp_path / "data")
    assert not dates.in_git and dates.dates == {}
    assert "git" in dates.reason and str(tmp_path / "data") in dates.reason


def test_a_repository_without_commits_has_no_dates(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "x.yaml").write_text("a: 1\n", "utf-8")
    dates = last_changed(tmp_path)
    assert dates.dates == {} and dates.reason


def test_a_shallow_clone_is_noticed(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True)
    dates = last_changed(clone / "data")
    assert dates.shallow
    # Every file seems to change in the one commit a shallow clone has: that is why the workflows fetch all.
    assert dates.get(clone / "data" / "agreements" / "a.yaml") == dt.date(2025, 1, 1)
