"""Open data: the whole catalog as JSON and CSV, one JSON file per record, and the schema.

Pure functions of a Catalog, the site's address and a `url_for(record) -> absolute URL`
callable; nothing here knows MkDocs. `export_files` returns every file as bytes keyed by
its site-relative path, so the site hook only writes them out. The output is byte-stable
for the same input: keys are sorted, records come in catalog order, and the only date in
it is the catalog's build date.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Callable, Iterable

from samverkan.vocabulary import KIND_SHORT, PRINCIPLE_LABELS, TYPE_LABELS, TYPE_LABELS_PLURAL
from samverkan.catalog.catalog import Catalog
from samverkan.read.dates import PartialDate
from samverkan.read.records import Record, plain

UrlFor = Callable[[Record], str]

RECORDS_JSON = "data/records.json"
RECORDS_CSV = "data/records.csv"
SCHEMA_JSON = "data/record.schema.json"
FEED_PATH = "feed.xml"
FORMAT_VERSION = 1

DEFAULT_SCHEMA_PATH = Path(__file__).resolve().parents[3] / "data" / "schema" / "record.schema.json"

DATA_LICENSE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Erkännande 4.0 Internationell (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.sv",
}
CODE_LICENSE = {"id": "MIT", "name": "MIT-licensen", "url": "https://opensource.org/license/mit"}


CSV_COLUMNS = [
    "id", "typ", "slag", "titel", "sammanfattning", "datum", "år", "giltig_från", "giltig_till", "status",
    "län", "länskoder", "kommuner", "kommunkoder", "parter", "teman", "principer", "källor", "url",
    "senast_ändrad",
]
CSV_LIST_SEPARATOR = " | "
# What Excel and LibreOffice read as the start of a formula; such a cell gets a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

def base_url(site_url: str) -> str:
    """The site's address with exactly one trailing slash."""
    return (site_url or "").rstrip("/") + "/"


def absolute(site_url: str, path: str) -> str:
    return base_url(site_url) + path.lstrip("/")


def json_path_for_url(url: str, site_url: str) -> str | None:
    """Where a record's JSON file goes, next to its page: '<page dir>/index.json' or '<page>.json'.

    None when the page is not under site_url (then no per-record file is written).
    """
    base = base_url(site_url)
    if not url.startswith(base):
        return None
    rel = url[len(base):].split("#", 1)[0].split("?", 1)[0]
    if rel == "" or rel.endswith("/"):
        return rel + "index.json"
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")] + "index.json"
    if rel.endswith(".html"):
        return rel[: -len(".html")] + ".json"
    return rel + ".json"


# -- one record ---------------------------------------------------------------
def _date_text(value) -> str | None:
    if value is None:
        return None
    return PartialDate.parse(value).iso()


def organisation_name(catalog: Catalog, oid: str) -> str:
    """The title of an organisation record, or its id when there is no such record."""
    org = catalog.by_id.get(oid)
    return org.title if org is not None else oid


def _changed(catalog: Catalog, record: Record) -> tuple[str | None, str | None]:
    """(ISO date, 'git' or 'added') of the record's last change; (None, None) when unknown."""
    c = catalog.changed.get(record.id)
    return (c.date.isoformat(), c.source) if c is not None and c.date is not None else (None, None)


def record_entry(record: Record, catalog: Catalog, url_for: UrlFor,
                 json_url: str | None = None) -> dict:
    """One record as open data.

    `fields` holds the record as written (valid against record.schema.json); `resolved`
    holds what the catalog derived from it: place codes with names, organisation names,
    year, status and the records that supersede it.
    """
    places = catalog.places

    def org(oid: str) -> dict:
        target = catalog.by_id.get(oid)
        return {"id": oid, "name": organisation_name(catalog, oid),
                "url": url_for(target) if target is not None else None}

    parties = []
    for p in record.get("parties") or []:
        entry = org(p["organisation"])
        entry["role"] = p.get("role")
        parties.append(entry)
    party_ids = set(catalog.party_ids(record))
    resolved = {
        "type_label": TYPE_LABELS.get(record.type, record.type),
        "kind_label": KIND_SHORT.get(record.kind, record.kind),
        "year": catalog.year(record),
        "status": catalog.status(record),
        "counties": [{"code": c, "name": places.counties[c].name} for c in record.county_codes],
        "municipalities": [{"code": m, "name": places.municipalities[m].name, "county_code": m[:2]}
                           for m in record.municipality_codes],
        "parties": parties,
        "organisations": [org(o) for o in record.get("organisations") or [] if o not in party_ids],
        "principles": [{"id": p, "label": PRINCIPLE_LABELS[p]} for p in record.get("principles") or []],
        "superseded_by": [r.id for r in catalog.superseded_by.get(record.id, [])],
        # The date of the newest commit that changed the record's file; `added` outside git.
        "last_changed": _changed(catalog, record)[0],
        "last_changed_source": _changed(catalog, record)[1],
    }
    entry = {
        "id": record.id,
        "url": url_for(record),
        "fields": plain(record.data),
        "body": record.body or "",
        "resolved": resolved,
    }
    if json_url is not None:
        entry["json_url"] = json_url
    return entry


def _dumps(value) -> str:
    """Compact, sorted, UTF-8 JSON (the C encoder: pretty-printing would take 3x as long)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_json(record: Record, catalog: Catalog, url_for: UrlFor, json_url: str | None = None) -> bytes:
    """The bytes of one record's JSON file (UTF-8, final newline)."""
    return (_dumps(record_entry(record, catalog, url_for, json_url)) + "\n").encode("utf-8")


# -- the whole catalog --------------------------------------------------------
def counts_by_type(catalog: Catalog) -> dict[str, int]:
    return {t: len(catalog.by_type.get(t, [])) for t in TYPE_LABELS if catalog.by_type.get(t)}


def _json_paths(catalog: Catalog, site_url: str, url_for: UrlFor,
                json_path: Callable[[Record], str | None] | None) -> dict[str, str | None]:
    """record id -> site-relative path of its JSON file (or None); refuses two records on one path."""
    paths: dict[str, str | None] = {}
    seen: dict[str, str] = {}
    for r in catalog.records:
        path = json_path(r) if json_path else json_path_for_url(url_for(r), site_url)
        if path is not None:
            path = path.lstrip("/")
            if path in seen:
                raise ValueError(f"posterna {seen[path]} och {r.id} skulle få samma JSON-fil {path}")
            seen[path] = r.id
        paths[r.id] = path
    return paths


def _entries(catalog: Catalog, site_url: str, url_for: UrlFor,
             json_paths: dict[str, str | None]) -> list[dict]:
    out = []
    for r in catalog.records:
        path = json_paths.get(r.id)
        out.append(record_entry(r, catalog, url_for, absolute(site_url, path) if path else None))
    return out


def records_json(catalog: Catalog, site_url: str, url_for: UrlFor,
                 json_paths: dict[str, str | None] | None = None, *, encoded: list[str] | None = None) -> bytes:
    """data/records.json: a head (licence, build date, counts), then one record per line."""
    if encoded is None:
        encoded = [_dumps(e) for e in _entries(catalog, site_url, url_for, json_paths or {})]
    head = {
        "name": "Samverkansbasen",
        "description": "Överenskommelser mellan det civila samhället och det offentliga i Sverige, "
                       "och samråd, rapporter och dokument kring dem.",
        "format_version": FORMAT_VERSION,
        "site_url": base_url(site_url),
        "license": DATA_LICENSE,
        "build_date": catalog.build_date.isoformat(),
        "schema": absolute(site_url, SCHEMA_JSON),
        "count": len(encoded),
        "counts_by_type": counts_by_type(catalog),
    }
    lines = ["{"]
    for key in sorted(head):
        lines.append(f"  {_dumps(key)}: {_dumps(head[key])},")
    lines.append('  "records": [')
    if encoded:
        lines.append(",\n".join("    " + e for e in encoded))
    lines.append("  ]")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def _joined(values: Iterable) -> str:
    return CSV_LIST_SEPARATOR.join(str(v) for v in values if v is not None and v != "")


def csv_row(record: Record, catalog: Catalog, url_for: UrlFor) -> dict[str, str]:
    """One CSV row (before formula guarding), keyed by CSV_COLUMNS."""
    places = catalog.places
    parties = []
    for p in record.get("parties") or []:
        name = organisation_name(catalog, p["organisation"])
        parties.append(f"{name} ({p['role']})" if p.get("role") else name)
    sources = [s.get("url") or s.get("title") for s in record.get("sources") or []]
    year = catalog.year(record)
    return {
        "id": record.id,
        "typ": TYPE_LABELS.get(record.type, record.type),
        "slag": KIND_SHORT.get(record.kind, record.kind),
        "titel": record.title,
        "sammanfattning": record.get("summary") or "",
        "datum": _date_text(record.get("date")) or "",
        "år": "" if year is None else str(year),
        "giltig_från": _date_text(record.get("valid_from")) or "",
        "giltig_till": _date_text(record.get("valid_to")) or "",
        "status": catalog.status(record) or "",
        "län": _joined(places.counties[c].name for c in record.county_codes),
        "länskoder": _joined(record.county_codes),
        "kommuner": _joined(places.municipalities[m].name for m in record.municipality_codes),
        "kommunkoder": _joined(record.municipality_codes),
        "parter": _joined(parties),
        "teman": _joined(record.get("themes") or []),
        "principer": _joined(PRINCIPLE_LABELS[p] for p in record.get("principles") or []),
        "källor": _joined(sources),
        "url": url_for(record),
        "senast_ändrad": _changed(catalog, record)[0] or "",
    }


def records_csv(catalog: Catalog, url_for: UrlFor) -> bytes:
    """data/records.csv: UTF-8 with BOM, ';' between fields, CRLF: Swedish Excel opens it as is."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for r in catalog.records:
        row = csv_row(r, catalog, url_for)
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    return buf.getvalue().encode("utf-8-sig")


def export_files(catalog: Catalog, site_url: str, url_for: UrlFor, *,
                 schema_path: Path | None = None,
                 per_record: bool = True,
                 json_path: Callable[[Record], str | None] | None = None) -> dict[str, bytes]:
    """Every open-data file, as site-relative path -> bytes, sorted by path.

    data/records.json, data/records.csv, data/record.schema.json and (with per_record)
    one JSON file per record next to its page (json_path(record), by default derived from
    url_for: '<page dir>/index.json'). The feed is separate: feed.feed_xml().
    """
    json_paths = _json_paths(catalog, site_url, url_for, json_path) if per_record else {}
    encoded = [_dumps(e) for e in _entries(catalog, site_url, url_for, json_paths)]
    files = {
        RECORDS_JSON: records_json(catalog, site_url, url_for, encoded=encoded),
        RECORDS_CSV: records_csv(catalog, url_for),
        SCHEMA_JSON: Path(schema_path or DEFAULT_SCHEMA_PATH).read_bytes(),
    }
    for r, text in zip(catalog.records, encoded):
        path = json_paths.get(r.id)
        if path is None:
            continue
        if path in files:
            raise ValueError(f"JSON-filen för {r.id} skulle skriva över {path}")
        files[path] = (text + "\n").encode("utf-8")
    return dict(sorted(files.items()))


# -- the "Ladda ner data" page ------------------------------------------------
def _size(n: int) -> str:
    if n < 1024:
        return f"{n} byte"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} kB".replace(".", ",")
    return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")


CSV_COLUMN_HELP = {
    "id": "postens id (filnamnet i data/)",
    "typ": "överenskommelse, samråd eller möte, rapport, dokument eller organisation",
    "slag": "t.ex. LÖK, IOP, regional överenskommelse, sakråd, motion",
    "titel": "titeln som den står i källan",
    "sammanfattning": "kort sammanfattning med egna ord",
    "datum": "datum så exakt som källan anger det (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)",
    "år": "året posten räknas till (datum, annars giltig från)",
    "giltig_från": "överenskommelsen gäller från",
    "giltig_till": "överenskommelsen gäller till och med",
    "status": "för överenskommelser: gällande, upphört eller okänd, räknat på byggdagen",
    "län": "länens namn",
    "länskoder": "SCB:s länskoder (två siffror)",
    "kommuner": "kommunernas namn",
    "kommunkoder": "SCB:s kommunkoder (fyra siffror)",
    "parter": "parterna, med roll inom parentes",
    "teman": "teman",
    "principer": "vilka av de sex principerna överenskommelsen antar",
    "källor": "källornas adresser (titeln när adress saknas)",
    "url": "postens sida i Samverkansbasen",
    "senast_ändrad": "dagen postens fil senast ändrades enligt ändringshistoriken i git (ÅÅÅÅ-MM-DD)",
}


def downloads_markdown(catalog: Catalog, site_url: str, files: dict[str, bytes] | None = None, *,
                       link_base: str | None = None, title: bool = True,
                       feed_path: str | None = FEED_PATH) -> str:
    """Swedish Markdown for the "Ladda ner data" page: what each file holds, licence, freshness.

    `files` (from export_files) gives the sizes; `link_base` is the prefix for the file links
    (default site_url; pass a relative prefix such as '../' for a page one level down).
    """
    base = base_url(site_url) if link_base is None else link_base
    files = files or {}
    built = PartialDate(catalog.build_date.year, catalog.build_date.month, catalog.build_date.day)
    counts = counts_by_type(catalog)
    count_text = ", ".join(f"{n} {TYPE_LABELS_PLURAL[t] if n != 1 else TYPE_LABELS[t]}" for t, n in counts.items())

    def size(path: str) -> str:
        return f" ({_size(len(files[path]))})" if path in files else ""

    out = []
    if title:
        out += ["# Ladda ner data", ""]
    out += [
        f"Allt i Samverkansbasen finns att ladda ner som öppna data: {len(catalog.records)} poster"
        + (f" ({count_text})" if count_text else "") + ".",
        "",
        f"**Aktualitet:** filerna skapas på nytt varje gång webbplatsen byggs, senast "
        f"{built.swedish()} ({catalog.build_date.isoformat()}). Varje post har också fälten `added` "
        "(dagen den lades till) och `updated` (dagen den senast ändrades i sak), och under `resolved` "
        "`last_changed`: dagen postens fil senast ändrades enligt ändringshistoriken i git "
        "(`last_changed_source` är då `git`; `added` när historik saknas).",
        "",
        "## Filer",
        "",
        "| Fil | Innehåll |",
        "|---|---|",
        f"| [records.json]({base}{RECORDS_JSON}){size(RECORDS_JSON)} | Alla poster i JSON (UTF-8). "
        "Under `fields` står posten som den är skriven (enligt JSON-schemat nedan), under `resolved` "
        "län- och kommunkoder med namn, parternas namn, år och status. `url` är postens sida. |",
        f"| [records.csv]({base}{RECORDS_CSV}){size(RECORDS_CSV)} | En rad per post, för kalkylprogram: "
        "semikolon mellan fälten och UTF-8 med BOM, så att svenska Excel öppnar filen direkt. "
        "Listor (flera län, parter, källor) står i samma cell, åtskilda med lodstreck (\\|). |",
        f"| [record.schema.json]({base}{SCHEMA_JSON}){size(SCHEMA_JSON)} | JSON Schema (draft 2020-12) "
        "för en post: vilka fält som finns, vad de betyder och vilka värden de får ha. |",
    ]
    record_files = [p for p in files if p.endswith(".json") and p not in (RECORDS_JSON, SCHEMA_JSON)]
    if record_files or not files:
        where = ("Lägg till `index.json` efter adressen till postens sida; "
                 if all(p.endswith("/index.json") for p in record_files) else "")
        out.append("| En JSON-fil per post | Samma uppgifter som i records.json för en enda post. "
                   f"{where}adressen står också i fältet `json_url`. |")
    if feed_path:
        out.append(f"| [{feed_path}]({base}{feed_path}) | Atom-flöde med de senast tillagda eller ändrade "
                   "posterna, för en flödesläsare. |")
    out += [
        "",
        "## Licens",
        "",
        f"Uppgifterna i Samverkansbasen får användas fritt under licensen [{DATA_LICENSE['name']}]"
        f"({DATA_LICENSE['url']}): ange Samverkansbasen som källa och länka till webbplatsen. "
        f"Programkoden är fri under [{CODE_LICENSE['name']}]({CODE_LICENSE['url']}).",
        "",
        "Licensen gäller Samverkansbasens beskrivningar av dokumenten. Originaldokumenten som posterna "
        "länkar till omfattas inte: de tillhör sina utgivare.",
        "",
        "## Kolumnerna i CSV-filen",
        "",
        "| Kolumn | Innehåll |",
        "|---|---|",
    ]
    out += [f"| `{c}` | {CSV_COLUMN_HELP[c]} |" for c in CSV_COLUMNS]
    out += [
        "",
        "En cell som börjar med `=`, `+`, `-` eller `@` får en apostrof först, så att ett "
        "kalkylprogram inte läser den som en formel. Ett tomt fält betyder att uppgift saknas, "
        "inte att värdet är noll eller nej.",
        "",
    ]
    return "\n".join(out)

