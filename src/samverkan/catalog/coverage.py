"""Which kommuner have a known LÖK or IOP: computed once, for the coverage page, the län pages
and their tables. Absence means only that Samverkansbasen knows of none."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from samverkan.catalog.catalog import Catalog
from samverkan.read.records import Record

COVERAGE_KINDS = ("lok", "iop")


def municipality_coverage(catalog: Catalog) -> dict[str, dict[str, list[Record]]]:
    """kommun code -> {"lok": [...], "iop": [...]} of the agreements that name that kommun."""
    out = {}
    for code in sorted(catalog.places.municipalities):
        local = catalog.by_municipality.get(code, [])
        out[code] = {kind: sorted((r for r in local if r.type == "agreement" and r.kind == kind),
                                  key=lambda r: r.id)
                     for kind in COVERAGE_KINDS}
    return out


@dataclass(frozen=True)
class CoverageCounts:
    municipalities: int
    lok: int  # with a known LÖK
    iop: int  # with a known IOP
    none: int  # with neither known


def coverage_counts(cover: dict[str, dict[str, list[Record]]], codes: Iterable[str]) -> CoverageCounts:
    """The counts over some kommuner (a län's, or all) of a municipality_coverage() result."""
    cells = [cover[c] for c in codes]
    return CoverageCounts(len(cells), sum(1 for x in cells if x["lok"]), sum(1 for x in cells if x["iop"]),
                          sum(1 for x in cells if not x["lok"] and not x["iop"]))
