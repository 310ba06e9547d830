"""Relations between validated records: the taxonomies and links of the site.

A Catalog is built once per build from a clean validation report. It answers
"what is in this län / kommun / year / theme", "who points at this record" and
"is this agreement in force", and knows nothing of how pages look.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from samverkan.read.dates import PartialDate
from samverkan.catalog.places import Places, place_codes
from samverkan.read.records import Record
from samverkan.read.project import Project
from samverkan.validate.run import Report, validate

from samverkan.catalog.status import Status, agreement_status, record_date


class ValidationFailed(Exception):
    """The data has problems; carries the report so a caller can print each one."""

    def __init__(self, report: Report):
        super().__init__(f"{len(report.problems)} fel i posterna")
        self.report = report


def slugify(text: str) -> str:
    """'Social välfärd' -> 'social-valfard': stable, readable URL segments."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


if TYPE_CHECKING:
    from samverkan.catalog.changes import Changed


@dataclass
class Backlink:
    source: Record
    relation: str  # parties, organisations, related or supersedes (vocabulary.BACKLINK_LABELS)


@dataclass
class Catalog:
    records: list[Record]
    places: Places
    build_date: dt.date
    by_id: dict[str, Record] = field(default_factory=dict)
    backlinks: dict[str, list[Backlink]] = field(default_factory=lambda: defaultdict(list))
    superseded_by: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    by_county: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    by_municipality: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    by_year: dict[int, list[Record]] = field(default_factory=lambda: defaultdict(list))
    by_theme: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    theme_names: dict[str, str] = field(default_factory=dict)  # slug -> name as written
    by_type: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    by_kind: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    by_organisation: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    # record id -> when it last changed (samverkan.catalog.changes); set by samverkan.build.load
    changed: dict[str, "Changed"] = field(default_factory=dict)
    _national: list[Record] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.records = sorted(self.records, key=lambda r: (r.type, r.id))
        for r in self.records:
            self.by_id[r.id] = r
            # Place resolution is the catalog's: validation only reports unknown places.
            r.county_codes, r.municipality_codes, _ = place_codes(r.data, self.places)
        for r in self.records:
            self.by_type[r.type].append(r)
            self.by_kind[r.kind].append(r)
            for code in r.county_codes:
                self.by_county[code].append(r)
            for code in r.municipality_codes:
                self.by_municipality[code].append(r)
            year = self.year(r)
            if year is not None:
                self.by_year[year].append(r)
            for theme in r.get("themes") or []:
                slug = slugify(theme)
                self.theme_names.setdefault(slug, theme)
                self.by_theme[slug].append(r)
            for oid in self.organisation_ids(r):
                self.by_organisation[oid].append(r)
            for relation in ("related", "supersedes"):
                for target in r.get(relation) or []:
                    self.backlinks[target].append(Backlink(r, relation))
            for target in self.organisation_ids(r):
                relation = "parties" if target in self.party_ids(r) else "organisations"
                self.backlinks[target].append(Backlink(r, relation))
            for old in r.get("supersedes") or []:
                self.superseded_by[old].append(r)

    # -- single-record facts ---------------------------------------------
    @staticmethod
    def party_ids(r: Record) -> list[str]:
        return [p["organisation"] for p in r.get("parties") or []]

    def organisation_ids(self, r: Record) -> list[str]:
        ids = self.party_ids(r) + list(r.get("organisations") or [])
        return list(dict.fromkeys(ids))

    @staticmethod
    def date_of(r: Record) -> PartialDate | None:
        return record_date(r)

    def year(self, r: Record) -> int | None:
        d = self.date_of(r)
        return d.year if d else None

    def status_with_reason(self, r: Record) -> Status | None:
        """For agreements: gällande / upphört / okänd and why (catalog.status); None otherwise."""
        if r.type != "agreement":
            return None
        return agreement_status(r, bool(self.superseded_by.get(r.id)), self.build_date)

    def status(self, r: Record) -> str | None:
        """gällande / upphört / okänd for agreements, from the dates and lineage; None otherwise."""
        s = self.status_with_reason(r)
        return s.value if s else None

    def lineage(self, r: Record) -> list[Record]:
        """The chain of versions this record belongs to, oldest first (following single links)."""
        chain = [r]
        seen = {r.id}
        cur = r
        while True:
            olds = [self.by_id[i] for i in cur.get("supersedes") or [] if i in self.by_id]
            if len(olds) != 1 or olds[0].id in seen:
                break
            cur = olds[0]
            seen.add(cur.id)
            chain.insert(0, cur)
        cur = r
        while True:
            news = self.superseded_by.get(cur.id, [])
            if len(news) != 1 or news[0].id in seen:
                break
            cur = news[0]
            seen.add(cur.id)
            chain.append(cur)
        return chain

    # -- place views -----------------------------------------------------
    def local_records(self, municipality_code: str) -> list[Record]:
        return self.by_municipality.get(municipality_code, [])

    def also_applies(self, municipality_code: str) -> list[Record]:
        """Regional records of the kommun's län (not naming any kommun) and national records."""
        county = municipality_code[:2]
        regional = [r for r in self.by_county.get(county, []) if not r.municipality_codes
                    and r.type != "organisation"]
        seen = {r.id for r in regional}
        return regional + [r for r in self.national_records() if r.id not in seen]

    def national_records(self) -> list[Record]:
        """Records with scope national (organisations aside); computed once, asked for by 290 kommun pages."""
        if self._national is None:
            self._national = [r for r in self.records if r.get("scope") == "national" and r.type != "organisation"]
        return self._national

    def regional_records(self, county_code: str) -> list[Record]:
        return [r for r in self.by_county.get(county_code, []) if not r.municipality_codes]

    def latest_added(self, n: int = 10) -> list[Record]:
        dated = [r for r in self.records if r.type != "organisation"]
        return sorted(dated, key=lambda r: (str(r.get("added") or ""), r.id), reverse=True)[:n]


def load_catalog(project: Project, build_date: dt.date) -> Catalog:
    """Validate everything and relate it; raise ValidationFailed when anything is wrong."""
    from samverkan.catalog.places import load_places

    report = validate(project)
    if not report.ok:
        raise ValidationFailed(report)
    return Catalog(report.records, load_places(project.meta_dir / "places"), build_date)
