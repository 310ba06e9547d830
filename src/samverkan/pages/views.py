"""View models: what a page says about a record, as plain values for the templates.

Everything a template prints is computed here, once per record, so templates
stay simple loops and a listing of 5,000 records costs a loop, not 5,000
lookups in the catalog.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from urllib.parse import urlsplit

from samverkan.catalog.catalog import Catalog, slugify
from samverkan.catalog.evidence import has_document, title_only
from samverkan.catalog.status import period
from samverkan.read.dates import PartialDate
from samverkan.read.records import Record
from samverkan.pages import urls
from samverkan.taxonomy import BY_NAME as _TAX
from samverkan.vocabulary import (BACKLINK_LABELS, DOCUMENT_COPY, DOCUMENT_FILTER, DOCUMENT_FILTER_VALUE,
                                  DOCUMENT_FORMATS, DOCUMENT_ORIGINAL, FACT_LABELS, MISSING, PRINCIPLE_LABELS,
                                  SCOPE_LABELS, SOURCE_SEEN, TYPE_SINGULAR, UNTIL_FURTHER_NOTICE, kind_label,
                                  party_note, sort_key)

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
    copy: bool = False  # on a document-sharing site: the page says "(kopia)"
    title_only: bool = False  # shows the document's title, not its content
    states_period: bool = False  # the source of the agreement's period (and of its status)
    seen_text: str = ""  # "1 december 2026": the day it was read
    seen_iso: str = ""

    @property
    def copy_mark(self) -> bool:
        """Say "(kopia)" after the title, unless the title already says so."""
        return self.copy and "(kopia)" not in self.title.casefold()


@dataclass(frozen=True)
class Document:
    """The agreement's own text, for the "Läs överenskommelsen" link at the top of its page."""

    url: str
    title: str  # "" when it is the record's title, or not given
    details: str  # "pdf, kopia på en dokumentdelningssajt (docplayer.se), sedd 1 december 2026"
    copy: bool
    seen_iso: str


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


# The Pagefind filter of records without a date (sok.js puts them last when ordering oldest first);
# not a filter group of the panel.
UNDATED = "odaterad:ja"


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
            facts.extend(self._decision_and_iop(r))
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
        # The Pagefind value of a theme is its name as first written, so "Integration" and
        # "integration" are one filter value, as they are one theme page.
        facts.append(Fact("Teman", tuple(Value(name, urls.theme_url(slugify(name)),
                                               filter=f"{_TAX['theme'].filter}:{c.theme_names.get(slugify(name), name)}")
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

    @staticmethod
    def _decision_and_iop(r: Record) -> list[Fact]:
        """Who decided it and when; for an IOP its activity, target group and the public party's
        contribution. Only what the record has: no row says more than a source."""
        out = []
        decision = r.get("decision")
        if decision:
            d = PartialDate.parse(decision["date"]) if decision.get("date") is not None else None
            out.append(Fact(FACT_LABELS["decision"], (Value(decision["body"], note=d.swedish() if d else ""),)))
        for key in ("activity", "target_group", "contribution"):
            text = (r.get("iop") or {}).get(key)
            if text:
                out.append(Fact(FACT_LABELS[key], (Value(text),)))
        return out

    def document(self, r: Record) -> Document | None:
        """The agreement's own text: where it is, its format, original or copy, the day it was seen."""
        if not has_document(r):
            return None
        doc = r.get("document")
        details = []
        if doc.get("format"):
            details.append(DOCUMENT_FORMATS[doc["format"]])
        host = (urlsplit(doc["url"]).hostname or "").removeprefix("www.")
        details.append(f"{DOCUMENT_COPY} ({host})" if doc.get("copy") is True else DOCUMENT_ORIGINAL)
        seen = PartialDate.parse(doc["seen"]) if doc.get("seen") else None
        if seen:
            details.append(f"{SOURCE_SEEN} {seen.swedish()}")
        title = doc.get("title") or ""
        return Document(doc["url"], "" if title == r.title else title, ", ".join(details),
                        doc.get("copy") is True, seen.iso() if seen else "")

    @staticmethod
    def title_only(r: Record) -> bool:
        return title_only(r)

    def _period(self, r: Record) -> tuple[Value, ...]:
        start, end = period(r)
        if r.get("until_further_notice") is True and end is None:
            if start:
                return (Value(f"från {start.swedish()}, {UNTIL_FURTHER_NOTICE}"),)
            return (Value(UNTIL_FURTHER_NOTICE, note="startdatum saknas i källan"),)
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
            seen = PartialDate.parse(s["seen"]) if s.get("seen") else None
            out.append(Source(s["title"], s.get("url", ""), s.get("publisher", ""),
                              d.swedish() if d else "", d.iso() if d else "", s.get("note", ""),
                              copy=s.get("copy") is True, title_only=s.get("title_only") is True,
                              states_period=s.get("states_period") is True,
                              seen_text=seen.swedish() if seen else "", seen_iso=seen.iso() if seen else ""))
        return out

    def backlinks(self, r: Record, relations: tuple[str, ...]) -> list[tuple[Row, str]]:
        """Records pointing at r through one of `relations`, newest first, with how they relate."""
        seen: dict[tuple[str, str], tuple[Row, str]] = {}
        for b in self.catalog.backlinks.get(r.id, []):
            if b.relation in relations:
                seen.setdefault((b.source.id, b.relation), (self._rows[b.source.id], BACKLINK_LABELS[b.relation]))
        return sorted(seen.values(), key=lambda pair: (self._rank[pair[0].id], pair[1]))

    def filters(self, r: Record) -> list[str]:
        """Pagefind filters not already on a fact cell: the year (or UNDATED for a record without a
        date), and whether the agreement's text is linked."""
        year = self.catalog.year(r)
        out = [f"{_TAX['year'].filter}:{year}"] if year is not None else []
        if self.catalog.date_of(r) is None:
            out.append(UNDATED)
        if has_document(r):
            out.append(f"{DOCUMENT_FILTER}:{DOCUMENT_FILTER_VALUE}")
        return out

    def sort_keys(self, r: Record) -> dict[str, int]:
        """The Pagefind sort key every record has, so no order drops one: its place in the newest-first
        order (a date, then a month, then a year alone, newest first; undated records last, in
        Swedish alphabetical order of title). "Äldst först" is this key descending with the undated
        records (the filter UNDATED) moved back to the end by sok.js: one sort key, not two, since
        each costs a visitor 22 KB of Pagefind metadata at 10,000 records."""
        return {"nyast": self._rank[r.id]}

    def index_terms(self, r: Record) -> list[str]:
        """What the record says beyond its title, summary and body, for the search index: the
        names of its parties and of the organisations it names, its places and its themes."""
        c, p = self.catalog, self.places
        names = [c.by_id[x["organisation"]].title for x in r.get("parties") or [] if x["organisation"] in c.by_id]
        names += [c.by_id[o].title for o in r.get("organisations") or [] if o in c.by_id]
        if r.type == "organisation" and r.get("short_name"):
            names.append(r.get("short_name"))
        names += [p.counties[code].name for code in r.county_codes]
        names += [p.municipalities[code].name for code in r.municipality_codes]
        names += list(r.get("themes") or [])
        return list(dict.fromkeys(names))


@dataclass(frozen=True)
class ExpiryRow:
    """An agreement in "Löper ut snart" or "Har löpt ut": its row and the end as the source gives it."""

    row: Row
    end_text: str  # "2025", "juni 2025", "30 juni 2025"
    last_day_iso: str  # the day it ends, 2025-12-31
    last_day_text: str  # "31 december 2025"
    partial: bool  # the source gives a year or month only


@dataclass(frozen=True)
class ExpiryView:
    soon: list[ExpiryRow]
    ended: list[ExpiryRow]
    window_end_text: str
    window_start_text: str
    partial: bool

    def __bool__(self) -> bool:
        return bool(self.soon or self.ended)


def expiry_view(views: "Views", lists) -> ExpiryView:
    """catalog.expiry.ExpiryLists as rows for a page."""
    def rows(items):
        return [ExpiryRow(views.row(e.record), e.end.swedish(), e.last_day.isoformat(), swedish_date(e.last_day),
                          e.partial) for e in items]
    return ExpiryView(rows(lists.soon), rows(lists.ended), swedish_date(lists.window_end),
                      swedish_date(lists.window_start), lists.partial)
