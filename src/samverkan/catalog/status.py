"""Is an agreement in force, and why: one computation for the site, the open data and the feed.

The status follows only from the record's own dates, the build date and the lineage (a later
version supersedes it); the reason says which, in words a reader can check against the dates.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from samverkan.read.dates import PartialDate
from samverkan.read.records import Record

STATUS_IN_FORCE = "gällande"
STATUS_ENDED = "upphört"
STATUS_UNKNOWN = "okänd"


@dataclass(frozen=True)
class Status:
    value: str  # STATUS_IN_FORCE, STATUS_ENDED or STATUS_UNKNOWN
    reason: str  # "gäller till och med 31 december 2026", ...


def _parsed(r: Record, key: str) -> PartialDate | None:
    return PartialDate.parse(r.get(key)) if r.get(key) is not None else None


def record_date(r: Record) -> PartialDate | None:
    """The one date of a record: its date, else when it came into force."""
    for key in ("date", "valid_from"):
        if r.get(key) is not None:
            return PartialDate.parse(r.get(key))
    return None


def period(r: Record) -> tuple[PartialDate | None, PartialDate | None]:
    """valid_from and valid_to, as written (either may be missing)."""
    return _parsed(r, "valid_from"), _parsed(r, "valid_to")


def agreement_status(r: Record, superseded: bool, today: dt.date) -> Status:
    start, end = period(r)
    if superseded:
        return Status(STATUS_ENDED, "ersatt av en senare version")
    if end is not None and end.last_day < today:
        return Status(STATUS_ENDED, f"gällde till och med {end.swedish()}")
    if start is not None and start.first_day > today:
        # Not yet in force; we do not guess that it will be.
        return Status(STATUS_UNKNOWN, f"ska börja gälla {start.swedish()}")
    if end is not None:
        return Status(STATUS_IN_FORCE, f"gäller till och med {end.swedish()}")
    return Status(STATUS_UNKNOWN, "källan anger inget slutdatum" if start else "källan anger ingen giltighetstid")
