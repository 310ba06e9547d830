"""The facts of an agreement as the compare view shows them: one function, one row per fact.

`compare_facts(catalog, record)` is the only place the compare page (/jamfor/), its per-agreement
JSON (samverkan.publish.compare) and the pre-rendered version chains read an agreement's facts
from. Status comes from the one status computation (Catalog.status_with_reason, catalog.status);
nothing here guesses: a fact no source gives is an empty tuple, which the page shows as
"uppgift saknas". `changed(a, b)` says which facts differ between two versions.
"""
from __future__ import annotations

from dataclasses import dataclass

from samverkan.catalog.catalog import Catalog, slugify
from samverkan.catalog.status import period
from samverkan.read.dates import PartialDate
from samverkan.read.records import Record
from samverkan.vocabulary import KIND_LABELS, MISSING, PRINCIPLE_LABELS, SCOPE_LABELS, kind_label

# The fact rows, in reading order: (key, label). Keys are stable: the JSON and the tests use them.
FACT_ROWS = (
    ("kind", "Slag"),
    ("scope", "Nivå"),
    ("place", "Plats"),
    ("civil", "Parter: civilsamhället"),
    ("public", "Parter: offentlig sektor"),
    ("other", "Parter: nätverk och övriga"),
    ("period", "Giltighetstid"),
    ("status", "Status"),
    ("decision", "Beslutad av"),
    ("principles", "Principer"),
    ("themes", "Teman"),
    ("document", "Dokumentet"),
    ("referred", "Poster som hänvisar hit"),
)
FACT_LABELS = dict(FACT_ROWS)
# Rows shown only when some compared agreement has a value (most parties are one or the other).
OPTIONAL_ROWS = frozenset({"other"})
# Which side of an agreement an organisation stands on, by the organisation's kind.
SIDE_OF_KIND = {"civilsamhalle": "civil", "offentlig": "public", "natverk": "other"}
MAX_COMPARED = 4
MIN_COMPARED = 2


@dataclass(frozen=True)
class CompareValue:
    text: str
    url: str = ""  # site-relative for a page here ("organisationer/x/"), absolute for a document
    note: str = ""  # a party's role, the status's reason, "kopia", ...
    external: bool = False


@dataclass(frozen=True)
class CompareFact:
    key: str
    label: str
    values: tuple[CompareValue, ...]  # () when no source gives it

    def text(self) -> str:
        """The cell as plain text (what the browser test reads): values and notes, or MISSING."""
        if not self.values:
            return MISSING
        return "; ".join(v.text + (f" ({v.note})" if v.note else "") for v in self.values)


def _record_url(r: Record) -> str:
    from samverkan.pages.urls import record_url  # the URL scheme lives with the pages
    return record_url(r)


def period_sources(r: Record) -> list[dict]:
    """The sources that state the agreement's period (states_period), as written."""
    return [s for s in r.get("sources") or [] if s.get("states_period")]


def _source_name(s: dict) -> str:
    return str(s.get("publisher") or s.get("title"))


def _period(r: Record) -> tuple[CompareValue, ...]:
    start, end = period(r)
    note = ", ".join(f"enligt {_source_name(s)}" for s in period_sources(r))
    if start and end:
        text = f"från {start.swedish()} till och med {end.swedish()}"
    elif start:
        text = f"från {start.swedish()}"
    elif end:
        text = f"till och med {end.swedish()}"
    else:
        text = ""
    if r.get("until_further_notice"):
        text = f"{text}, tills vidare" if text else "tills vidare"
    return (CompareValue(text, note=note),) if text else ()


def _parties(catalog: Catalog, r: Record) -> dict[str, tuple[CompareValue, ...]]:
    sides: dict[str, list[CompareValue]] = {"civil": [], "public": [], "other": []}
    for p in r.get("parties") or []:
        org = catalog.by_id.get(p["organisation"])
        if org is None:
            continue
        side = SIDE_OF_KIND.get(org.kind, "other")
        sides[side].append(CompareValue(org.title, _record_url(org), note=str(p.get("role") or "")))
    return {k: tuple(v) for k, v in sides.items()}


def _place(catalog: Catalog, r: Record) -> tuple[CompareValue, ...]:
    from samverkan.pages import urls
    p = catalog.places
    if r.municipality_codes:
        return tuple(CompareValue(p.municipalities[c].name, urls.municipality_url(p.municipalities[c]))
                     for c in r.municipality_codes)
    if r.county_codes:
        return tuple(CompareValue(p.counties[c].name, urls.county_url(p.counties[c])) for c in r.county_codes)
    if r.get("scope") == "national":
        return (CompareValue("Hela landet", urls.NATIONAL),)
    return ()


def _decision(r: Record) -> tuple[CompareValue, ...]:
    d = r.get("decision")
    if not d:
        return ()
    when = PartialDate.parse(d["date"]).swedish() if d.get("date") is not None else ""
    return (CompareValue(str(d["body"]), note=when),)


def _document(r: Record) -> tuple[CompareValue, ...]:
    d = r.get("document")
    if not d:
        return ()
    notes = [str(d["format"]).upper()] if d.get("format") else []
    if d.get("copy"):
        notes.append("kopia på en dokumentdelningssajt")
    return (CompareValue(str(d.get("title") or "Överenskommelsens text"), str(d["url"]),
                         note=", ".join(notes), external=True),)


def referring_count(catalog: Catalog, r: Record) -> int:
    """How many other records point at this one (related, supersedes, ...), each counted once."""
    return len({b.source.id for b in catalog.backlinks.get(r.id, []) if b.source.id != r.id})


def compare_facts(catalog: Catalog, r: Record) -> list[CompareFact]:
    """Every fact row of the compare view for one agreement, in FACT_ROWS order."""
    from samverkan.pages import urls
    status = catalog.status_with_reason(r)
    parties = _parties(catalog, r)
    scope = r.get("scope")
    n = referring_count(catalog, r)
    values = {
        "kind": (CompareValue(KIND_LABELS.get(r.kind, kind_label(r.kind)), urls.kind_url(r.kind)),),
        "scope": (CompareValue(SCOPE_LABELS[scope]),) if scope else (),
        "place": _place(catalog, r),
        **parties,
        "period": _period(r),
        "status": (CompareValue(status.value, note=status.reason),) if status else (),
        "decision": _decision(r),
        "principles": tuple(CompareValue(PRINCIPLE_LABELS[p]) for p in r.get("principles") or []),
        "themes": tuple(CompareValue(t, urls.theme_url(slugify(t))) for t in r.get("themes") or []),
        "document": _document(r),
        "referred": (CompareValue(f"{n} {'post' if n == 1 else 'poster'}", urls.record_url(r) + "#hanvisas-fran"),),
    }
    return [CompareFact(key, label, values[key]) for key, label in FACT_ROWS]


def changed(before: list[CompareFact], after: list[CompareFact]) -> set[str]:
    """The keys of the facts that differ between two agreements' facts (e.g. two versions)."""
    old = {f.key: f.text() for f in before}
    # The count of referring records is not a fact of the agreement's text: a later version
    # always points at the earlier one. Leave it out of "what changed".
    return {f.key for f in after if f.key != "referred" and old.get(f.key) != f.text()}


def shown_rows(columns: list[list[CompareFact]]) -> list[tuple[str, str]]:
    """The rows a table of these columns shows: every row, the optional ones only when some cell has a value."""
    return [(key, label) for key, label in FACT_ROWS
            if key not in OPTIONAL_ROWS or any(f.values for col in columns for f in col if f.key == key)]


def version_chains(catalog: Catalog) -> list[list[Record]]:
    """Each chain of agreement versions (supersedes) of two or more, oldest first, once each."""
    chains, seen = [], set()
    for r in catalog.by_type.get("agreement", []):
        if r.id in seen:
            continue
        chain = [x for x in catalog.lineage(r) if x.type == "agreement"]
        seen.update(x.id for x in chain)
        if len(chain) > 1:
            chains.append(chain)
    return chains


def chain_of(catalog: Catalog, r: Record) -> list[Record]:
    """The version chain r belongs to (oldest first), or [] when it has no other version."""
    chain = [x for x in catalog.lineage(r) if x.type == "agreement"]
    return chain if len(chain) > 1 else []
