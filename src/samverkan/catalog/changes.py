"""When each record last changed: the date of the newest commit that changed its file
(samverkan.read.gitdates), or, for a file git does not have (a build outside git, a record not yet
committed), the day it was added (`added`), said so in the build log.

Reproducible: the dates come from the commits and the records, never from the clock.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from samverkan.read.gitdates import GitDates
from samverkan.read.records import Record

FROM_GIT = "git"
FROM_ADDED = "added"


@dataclass(frozen=True)
class Changed:
    date: dt.date | None
    source: str  # FROM_GIT, FROM_ADDED, or "" when there is neither

    @property
    def from_git(self) -> bool:
        return self.source == FROM_GIT


def record_changes(records: list[Record], dates: GitDates) -> tuple[dict[str, Changed], list[str]]:
    """record id -> Changed, and the build log's notes (Swedish) on every fallback."""
    changes: dict[str, Changed] = {}
    fallback: list[str] = []
    for r in records:
        day = dates.get(r.path)
        if day is not None:
            changes[r.id] = Changed(day, FROM_GIT)
            continue
        added = r.get("added")
        changes[r.id] = Changed(dt.date.fromisoformat(str(added)), FROM_ADDED) if added else Changed(None, "")
        fallback.append(r.id)
    notes = []
    if fallback and not dates.in_git:
        notes.append(f"Senast ändrad: {dates.reason}; alla {len(fallback)} poster anger i stället dagen de "
                     f"lades till (added).")
    elif fallback:
        shown = ", ".join(fallback[:5]) + (f" och {len(fallback) - 5} till" if len(fallback) > 5 else "")
        notes.append(f"Senast ändrad: {len(fallback)} poster finns inte i någon commit ännu ({shown}); de anger "
                     f"dagen de lades till (added) tills de är incheckade.")
    if dates.shallow:
        notes.append("Senast ändrad: git-arkivet är en grund kloning, så datumen kan vara för sena; hämta hela "
                     "historiken (git fetch --unshallow, eller fetch-depth: 0 i actions/checkout).")
    return changes, notes
