"""What a record rests on: its sources as what they are, and what an agreement's sources give.

One computation for the record page, the status, the open data and `samverkan stats`: whether a
record is known only by a title, which source states an agreement's period (and when it said so),
and how many agreements have their own document, a period, and parties on both sides.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from samverkan.read.dates import PartialDate
from samverkan.read.records import Record

if TYPE_CHECKING:  # pragma: no cover
    from samverkan.catalog.catalog import Catalog

# The organisation kinds on either side of an agreement between civil society and the public sector.
CIVIL_SOCIETY_KIND = "civilsamhalle"
PUBLIC_KIND = "offentlig"


def _day(value) -> PartialDate | None:
    try:
        return PartialDate.parse(value) if value is not None else None
    except ValueError:
        return None


def title_only(r: Record) -> bool:
    """True when every source shows only the document's title (title_only: true), not its content."""
    sources = r.get("sources") or []
    return bool(sources) and all(s.get("title_only") is True for s in sources)


@dataclass(frozen=True)
class PeriodSource:
    """The source that states an agreement's period (states_period: true), and its date."""

    index: int  # 0-based, in the record's sources
    title: str
    date: PartialDate | None  # the source's own date
    seen: PartialDate | None  # the day it was read

    def when(self) -> str:
        """'15 juni 2021', 'sedd 1 december 2026' or 'odaterad': the source's date, else when it was seen."""
        if self.date is not None:
            return self.date.swedish()
        if self.seen is not None:
            return f"sedd {self.seen.swedish()}"
        return "odaterad"

    def words(self) -> str:
        """'”Titel” (15 juni 2021)': the source named as a reader finds it in the list of sources."""
        return f"”{self.title}” ({self.when()})"


def period_source(r: Record) -> PeriodSource | None:
    """The latest source (by its date, else when it was seen) marked states_period; the first on a tie."""
    best: PeriodSource | None = None
    best_key = None
    for i, s in enumerate(r.get("sources") or []):
        if s.get("states_period") is not True:
            continue
        candidate = PeriodSource(i, s["title"], _day(s.get("date")), _day(s.get("seen")))
        when = candidate.date or candidate.seen
        key = when.last_day if when else None
        if best is None or (key is not None and (best_key is None or key > best_key)):
            best, best_key = candidate, key
    return best


def has_document(r: Record) -> bool:
    return bool((r.get("document") or {}).get("url"))


def has_period(r: Record) -> bool:
    """A start, an end, or 'tills vidare': any period a source gives."""
    return (r.get("valid_from") is not None or r.get("valid_to") is not None
            or r.get("until_further_notice") is True)


def party_kinds(r: Record, catalog: "Catalog") -> set[str]:
    return {catalog.by_id[p["organisation"]].kind for p in r.get("parties") or [] if p["organisation"] in catalog.by_id}


def has_both_sides(r: Record, catalog: "Catalog") -> bool:
    """A civil-society party and a public party, by the kinds of the parties' organisation records."""
    kinds = party_kinds(r, catalog)
    return CIVIL_SOCIETY_KIND in kinds and PUBLIC_KIND in kinds


@dataclass(frozen=True)
class AgreementEvidence:
    agreements: int
    with_document: int
    with_document_copy: int  # of those, the document is a copy
    with_period: int
    with_period_source: int  # a source marked states_period
    with_both_sides: int
    with_decision: int
    title_only: int


def agreement_evidence(catalog: "Catalog") -> AgreementEvidence:
    agreements = catalog.by_type.get("agreement", [])
    return AgreementEvidence(
        agreements=len(agreements),
        with_document=sum(1 for r in agreements if has_document(r)),
        with_document_copy=sum(1 for r in agreements if has_document(r) and r.get("document").get("copy") is True),
        with_period=sum(1 for r in agreements if has_period(r)),
        with_period_source=sum(1 for r in agreements if period_source(r) is not None),
        with_both_sides=sum(1 for r in agreements if has_both_sides(r, catalog)),
        with_decision=sum(1 for r in agreements if r.get("decision")),
        title_only=sum(1 for r in agreements if title_only(r)),
    )
