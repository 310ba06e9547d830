"""When a file last changed, from the git history (as Hugo's GitInfo and MkDocs'
git-revision-date plugin do): the committer date of the newest commit that touched it.

One `git log` call reads the whole history of a folder; the answer depends only on the
commits, never on the clock, so a build of the same commit gives the same dates.
Outside git (a copy without .git, a temporary folder), or for a file no commit has yet,
there is no date: the caller falls back to something else and says so.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_MARK = "\x1e"  # starts each commit in the log output (record separator)


@dataclass
class GitDates:
    """Last-changed dates of the files under one folder; `reason` says why there are none."""

    dates: dict[Path, dt.date] = field(default_factory=dict)  # resolved path -> UTC date
    in_git: bool = False
    shallow: bool = False
    reason: str = ""  # Swedish, for the build log, when not in git

    def get(self, path: Path) -> dt.date | None:
        return self.dates.get(Path(path).resolve())


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8")


def last_changed(folder: Path) -> GitDates:
    """The last-changed date of every committed file under `folder`, in one `git log`."""
    folder = Path(folder).resolve()
    try:
        top = _git(folder, "rev-parse", "--show-toplevel")
    except (FileNotFoundError, NotADirectoryError):  # no git installed, or no such folder
        return GitDates(reason="git finns inte på datorn")
    if top.returncode != 0:
        return GitDates(reason=f"{folder} ligger inte i ett git-arkiv")
    root = Path(top.stdout.strip()).resolve()
    log = _git(root, "log", f"--format={_MARK}%ct", "--name-only", "--no-renames", "--", str(folder))
    if log.returncode != 0:  # e.g. a repository without any commit yet
        return GitDates(in_git=True, reason=f"git log misslyckades: {log.stderr.strip()}")
    dates: dict[Path, dt.date] = {}
    for chunk in log.stdout.split(_MARK)[1:]:
        lines = chunk.strip("\n").split("\n")
        when = dt.datetime.fromtimestamp(int(lines[0]), dt.timezone.utc).date()
        for name in lines[1:]:
            if name:
                dates.setdefault((root / name).resolve(), when)  # newest commit first: keep the first
    shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    return GitDates(dates=dates, in_git=True, shallow=shallow)
