"""Löper ut snart: agreements whose end date falls within the next 12 months of the build date,
and apart from them those that ran out in the 12 months before it.

One computation for the start page, the län and kommun pages and the place feeds
(samverkan.publish.feed). Only the record's own valid_to counts (a date a source gives); no end
date is ever guessed. A partial date ends on its last day: valid_to "2025" means 31 December
2025, "2025-06" means 30 June 2025 (PartialDate.last_day). An agreement a later version
supersedes is not "löper ut snart" (its status is already upphört: ersatt); if its own end date
passed within the last 12 months it is listed as ended, like any other.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from samverkan.catalog.catalog import Catalog
from samverkan.catalog.status import period
from samverkan.read.dates import PartialDate
from samverkan.read.records import Record

WINDOW_MONTHS = 12


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier); the month's last day when it has no such day."""
    import calendar
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Expiry:
    record: Record
    end: PartialDate  # valid_to as written
    last_day: dt.date  # the day it ends: end.last_day

    @property
    def partial(self) -> bool:
        """True when the source gives only a year or a month, so the end is that period's last day."""
        return self.end.day is None


@dataclass(frozen=True)
class ExpiryLists:
    soon: list[Expiry]  # ends from the build date up to 12 months after it, soonest first
    ended: list[Expiry]  # ended in the 12 months before the build date, most recent first
    window_start: dt.date  # first day of the "ended" window
    window_end: dt.date  # last day of the "soon" window

    def __bool__(self) -> bool:
        return bool(self.soon or self.ended)

    @property
    def partial(self) -> bool:
        return any(e.partial for e in self.soon + self.ended)


def expiry_lists(catalog: Catalog, records=None) -> ExpiryLists:
    """The two lists for `records` (every agreement in the catalog when None)."""
    today = catalog.build_date
    window_end = add_months(today, WINDOW_MONTHS)
    window_start = add_months(today, -WINDOW_MONTHS)
    soon, ended = [], []
    pool = catalog.by_type.get("agreement", []) if records is None else records
    for r in {r.id: r for r in pool if r.type == "agreement"}.values():
        _, end = period(r)
        if end is None:
            continue
        last = end.last_day
        if today <= last <= window_end:
            if not catalog.superseded_by.get(r.id):
                soon.append(Expiry(r, end, last))
        elif window_start <= last < today:
            ended.append(Expiry(r, end, last))
    soon.sort(key=lambda e: (e.last_day, e.record.id))
    ended.sort(key=lambda e: (-e.last_day.toordinal(), e.record.id))
    return ExpiryLists(soon, ended, window_start, window_end)


def expiring_for_place(catalog: Catalog, county: str | None = None, municipality: str | None = None) -> ExpiryLists:
    """The lists for a place: a kommun's agreements (those naming it), a län's (those naming it or
    one of its kommuner), or the whole catalog when neither is given."""
    if municipality is not None:
        return expiry_lists(catalog, catalog.by_municipality.get(municipality, []))
    if county is not None:
        return expiry_lists(catalog, catalog.by_county.get(county, []))
    return expiry_lists(catalog)
