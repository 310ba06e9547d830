"""View models: what a page says about a record, as plain values for the templates.

Everything a template prints is computed here, once per record, so templates
stay simple loops and a listing of 5,000 records costs a loop, not 5,000
lookups in the catalog.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from samverkan.catalog.catalog import Catalog, slugify
from samverkan.catalog.status import period
from samverkan.read.dates import PartialDate
from samverkan.read.records import Record
from samverkan.pages import urls
from samverkan.taxonomy import BY_NAME as _TAX
from samverkan.vocabulary import (BACKLINK_LABELS, MISSING, PRINCIPLE_LABELS, SCOPE_LABELS, TYPE_SINGULAR,
                                  kind_label, party_note, sort_key)

# A listing names at most this many places per record; the record page has them all.
_PLACES_IN_ROW = 3


@dataclass(frozen=True)
class Value:
    """One value in a fact cell: text, maybe a link, maybe a note (a party's role)."""

    text: str
    url: str = ""  # site-relative when internal, absolute when external
    external: bool = False
    note: str = ""
    filter: str = ""  # Pagefind filter, "kommun:Västerås"
    datetime: str = ""  # machine-readable date for <time>


@dataclass(frozen=True)
class Fact:
    label: str
    values: tuple[Value, ...]
    missing: str = MISSING  # what the cell says when there is no value


@dataclass(frozen=True)
class Row:
    """A record as one line of a listing."""

    id: str
    url: str
    title: str
    type: str
    type_label: str
    kind_label: str
    place: str
    date_iso: str
    date_text: str
    status: str  # "" for records without a status
    added: str


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    publisher: str
    date_text: str
    date_iso: str
    note: str


@dataclass
class Table:
    """A captioned listing of records; the status column only when some row has one."""

    caption: str
    rows: list[Row]
    show_status: bool = field(init=False)
    show_type: bool = True
    show_added: bool = False
    caption_hidden: bool = False  # when a heading right above already says the same

    def __post_init__(self) -> None:
        self.show_status = any(r.status for r in self.rows)


def date_value(d: PartialDate | None, year_filter: bool = False) -> tuple[Value, ...]:
    if d is None:
        return ()
    return (Value(d.swedish(), datetime=d.iso(), filter=f"{_TAX['year'].filter}:{d.year}" if year_filter else ""),)


def swedish_date(day: dt.date) -> str:
    return PartialDate(day.year, day.month, day.day).swedish()


class Views:
    """Rows and record facts for one catalog, computed once and reused by every page."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.places = catalog.places
        self.status = {r.id: catalog.status(r) or "" for r in catalog.records}
        self._rows = {r.id: self._make_row(r) for r in catalog.records}
        # One global order (newest first, then title) so every listing sorts by an int.
        by_title = sorted(catalog.records, key=lambda r: (sort_key(r.title), r.id))
        newest = sorted(by_title, key=lambda r: self._rows[r.id].date_iso, reverse=True)
        self._rank = {r.id: i for i, r in enumerate(newest)}
        self.build_date_text = swedish_date(catalog.build_date)

    # -- listings --------------------------------------------------------
    def row(self, record: Record) -> Row:
        return self._rows[record.id]

    def rows(self, records) -> list[Row]:
        """Rows for records, newest first; each record once."""
        unique = {r.id: r for r in records}
        return [self._rows[i] for i in sorted(unique, key=self._rank.__getitem__)]

    def _make_row(self, r: Record) -> Row:
        d = self.catalog.date_of(r)
        return Row(
            id=r.id, url=urls.record_url(r), title=r.title, type=r.type,
            type_label=TYPE_SINGULAR.get(r.type, r.type), kind_label=kind_label(r.kind),
            place=self.place_text(r), date_iso=d.iso() if d else "", date_text=d.swedish() if d else "",
            status=self.status[r.id], added=str(r.get("added") or ""),
        )

    def place_text(self, r: Record) -> str:
        if r.municipality_codes:
            names = [self.places.municipalities[c].name for c in r.municipality_codes]
        elif r.county_codes:
            names = [self.places.counties[c].name for c in r.county_codes]
        elif r.get("scope") == "national":
            return "Hela landet"
        else:
            return ""
        more = len(names) - _PLACES_IN_ROW
        return ", ".join(names[:_PLACES_IN_ROW]) + (f" och {more} till" if more > 0 else "")

    # -- one record ------------------------------------------------------
    def status_note(self, r: Record) -> str:
        """Why the status is what it is, in words a reader can check against the dates."""
        status = self.catalog.status_with_reason(r)
        return status.reason if status else ""

    def facts(self, r: Record) -> list[Fact]:
        """The facts table of a record page, in reading order; unknown facts say so."""
        c, p = self.catalog, self.places
        t = r.type
        facts = [
            Fact("Typ", (Value(TYPE_SINGULAR[t], urls.type_url(t), filter=f"{_TAX['type'].filter}:{TYPE_SINGULAR[t]}"),)),
            Fact("Slag", (Value(kind_label(r.kind), urls.kind_url(r.kind), filter=f"{_TAX['kind'].filter}:{kind_label(r.kind)}"),)),
        ]
        if t == "agreement":
            status = self.status[r.id]
            facts.append(Fact("Status", (Value(status, filter=f"status:{status}", note=self.status_note(r)),)))
        if t == "organisation":
            if r.get("short_name"):
                facts.append(Fact("Kortnamn", (Value(r.get("short_name")),)))
            site = r.get("website")
            facts.append(Fact("Webbplats", (Value(site, site, external=True),) if site else ()))
        parties = tuple(Value(c.by_id[pid["organisation"]].title, urls.record_url(c.by_id[pid["organisation"]]),
                              note=party_note(pid.get("role")))
                        for pid in r.get("parties") or [])
        if t == "agreement" or parties:
            facts.append(Fact("Parter", parties))
        others = tuple(Value(c.by_id[o].title, urls.record_url(c.by_id[o])) for o in r.get("organisations") or [])
        if others:
            label = "Deltagande organisationer" if t == "consultation" else "Organisationer som nämns"
            facts.append(Fact(label, others))
        people = tuple(Value(x["name"], note=x["role"]) for x in r.get("people") or [])
        if people:
            facts.append(Fact("Personer (i offentlig roll)", people))
        if t == "document" or r.get("reference"):
            facts.append(Fact("Beteckning", (Value(r.get("reference")),) if r.get("reference") else ()))
        if t != "organisation" and (t != "agreement" or r.get("date") is not None):
            facts.append(Fact("Datum", date_value(PartialDate.parse(r.get("date")) if r.get("date") else None)))
        if t == "agreement":
            facts.append(Fact("Giltighetstid", self._period(r)))
        scope = r.get("scope")
        if t != "organisation" or scope:
            facts.append(Fact("Nivå", (Value(SCOPE_LABELS[scope]),) if scope else ()))
        if scope == "national" and not r.county_codes:
            facts.append(Fact("Område", (Value("Hela landet", urls.NATIONAL),)))
        else:
            counties = tuple(Value(p.counties[code].name, urls.county_url(p.counties[code]),
                                   filter=f"{_TAX['county'].filter}:{p.counties[code].name}") for code in r.county_codes)
            munis = tuple(Value(p.municipalities[code].name, urls.municipality_url(p.municipalities[code]),
                                filter=f"{_TAX['municipality'].filter}:{p.municipalities[code].name}") for code in r.municipality_codes)
            facts.append(Fact("Län", counties))
            regional = bool(r.county_codes) and scope != "local"
            facts.append(Fact("Kommun", munis,
                              missing="ingen enskild kommun (gäller länet)" if regional else MISSING))
        if t == "agreement":
            facts.append(Fact("Principer", tuple(Value(PRINCIPLE_LABELS[x]) for x in r.get("principles") or [])))
        facts.append(Fact("Teman", tuple(Value(name, urls.theme_url(slugify(name)), filter=f"{_TAX['theme'].filter}:{name}")
                                         for name in r.get("themes") or [])))
        for key, label in (("added", "Tillagd i Samverkansbasen"), ("updated", "Senast ändrad i sak")):
            if r.get(key):
                facts.append(Fact(label, date_value(PartialDate.parse(r.get(key)))))
        changed = self.catalog.changed.get(r.id)
        if changed is not None and changed.date is not None:
            day = changed.date
            note = "enligt ändringshistoriken" if changed.from_git else "dagen posten lades till; ändringshistorik saknas"
            facts.append(Fact("Senast ändrad", (Value(swedish_date(day), datetime=day.isoformat(), note=note),)))
        return facts

    def _period(self, r: Record) -> tuple[Value, ...]:
        start, end = period(r)
        if start and end:
            return (Value(f"från {start.swedish()} till och med {end.swedish()}"),)
        if start:
            return (Value(f"från {start.swedish()}", note="slutdatum saknas i källan"),)
        if end:
            return (Value(f"till och med {end.swedish()}", note="startdatum saknas i källan"),)
        return ()

    def sources(self, r: Record) -> list[Source]:
        out = []
        for s in r.get("sources") or []:
            d = PartialDate.parse(s["date"]) if s.get("date") is not None else None
            out.append(Source(s["title"], s.get("url", ""), s.get("publisher", ""),
                              d.swedish() if d else "", d.iso() if d else "", s.get("note", "")))
        return out

    def backlinks(self, r: Record, relations: tuple[str, ...]) -> list[tuple[Row, str]]:
        """Records pointing at r through one of `relations`, newest first, with how they relate."""
        seen: dict[tuple[str, str], tuple[Row, str]] = {}
        for b in self.catalog.backlinks.get(r.id, []):
            if b.relation in relations:
                seen.setdefault((b.source.id, b.relation), (self._rows[b.source.id], BACKLINK_LABELS[b.relation]))
        return sorted(seen.values(), key=lambda pair: (self._rank[pair[0].id], pair[1]))

    def filters(self, r: Record) -> list[str]:
        """Pagefind filters not already on a fact cell (the year)."""
        year = self.catalog.year(r)
        return [f"{_TAX['year'].filter}:{year}"] if year is not None else []
