"""What validation passes renders everywhere (issue 11, point 4), and is published as written.

A Hypothesis property builds the pages and every export (HTML, records.json, per-record JSON,
CSV, the Atom feed, JSON-LD, and the HTML Pagefind indexes) from generated records: whatever
the validator lets through must give no exception, well-formed XML and JSON, and no character
that XML or a browser would choke on.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from samverkan.catalog.catalog import Catalog
from samverkan.catalog.places import load_places
from samverkan.pages import Site
from samverkan.taxonomy import PageKind
from samverkan.publish.publication import Publication
from samverkan.read.project import Project
from samverkan.read.records import plain
from samverkan.validate.run import validate

ROOT = Path(__file__).resolve().parents[2]
PLACES = load_places(ROOT / "data" / "places")
KOMMUNER = sorted(m.name for m in PLACES.municipalities.values())
LAN = sorted(c.name for c in PLACES.counties.values())
# Characters that XML 1.0 does not allow, or that a page must never carry raw.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

ORG = {"type": "organisation", "kind": "offentlig", "title": "Exempelkommunen", "sources": [{"title": "K"}]}

# Text as contributors paste it: any letter, mark, number, punctuation, symbol or space of
# Unicode, markup and template syntax, quotes and backslashes; plus, now and then, a character
# validation refuses (so that the test also sees what happens at the edge of what passes).
_HOSTILE = ["<script>alert(1)</script>", "]]>", "&amp;", "&#0;", "{{ title }}", "{% raw %}", "\\", '"', "'",
            "%", "\u200d", "\u0301", "e\u0301", "\U0001F600", "\u00a0", " ", "---", "# rubrik", "*",
            "<!--", "\r\n", "\t", "\u0085", "\u2028", "\x1b[31m", "\x00", "\x0b", "\ufeff"]
TEXT = st.lists(st.one_of(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Co", "Cn")),
                                  min_size=1, max_size=12),
                          st.sampled_from(_HOSTILE)), min_size=1, max_size=5).map("".join)
DATE = st.one_of(st.integers(1800, 2200),
                 st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1800, 2200), st.integers(1, 12)),
                 st.dates(dt.date(1800, 1, 1), dt.date(2200, 12, 31)).map(dt.date.isoformat))
URL = st.builds(lambda host, path: f"https://{host}.se/{path}",
                st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
                st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zs", "Zl",
                                                                          "Zp")), max_size=10))
KOMMUN = st.sampled_from(KOMMUNER).flatmap(lambda n: st.sampled_from([n, unicodedata.normalize("NFD", n),
                                                                      f"{n} ", n.upper()]))


@st.composite
def agreement(draw, n: int) -> dict:
    record = {"type": "agreement", "kind": draw(st.sampled_from(["iop", "lok", "regional", "national"])),
              "title": draw(TEXT)}
    if draw(st.booleans()):
        record["summary"] = draw(TEXT)
    for key in ("date", "valid_from"):
        if draw(st.booleans()):
            record[key] = draw(DATE)
    if draw(st.booleans()):
        record["municipalities"] = draw(st.lists(KOMMUN, min_size=1, max_size=2,
                                                 unique_by=lambda s: unicodedata.normalize("NFC", s).strip().casefold()))
    if draw(st.booleans()):
        record["counties"] = [draw(st.sampled_from(LAN))]
    if draw(st.booleans()):
        record["parties"] = [{"organisation": "exempelkommunen", "role": draw(TEXT)}]
    if draw(st.booleans()):
        record["themes"] = draw(st.lists(st.from_regex(r"[a-zåäö][a-zåäö -]{0,12}", fullmatch=True),
                                         min_size=1, max_size=2, unique=True))
    if draw(st.booleans()):
        record["reference"] = draw(TEXT)
    record["sources"] = [{"title": draw(TEXT), **({"url": draw(URL)} if draw(st.booleans()) else {})}]
    if draw(st.booleans()):
        record["added"] = draw(st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)).map(dt.date.isoformat))
    return record


def _yaml(record: dict, style) -> str:
    return yaml.dump(record, allow_unicode=True, sort_keys=False, default_style=style, width=10_000)


class _Html(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pagefind: list[str] = []
        self.scripts: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("data-pagefind") and value:
                self.pagefind.append(value)
        self._in_jsonld = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data):
        if self._in_jsonld:
            self.scripts.append(data)

    def handle_endtag(self, tag):
        self._in_jsonld = False


def _check_outputs(data: Path, generated: bool = True) -> tuple[Catalog, dict[str, bytes]]:
    project = Project.at(ROOT, data)
    report = validate(project)
    if generated:
        assume(report.ok)  # what validation refuses is the corpus's business, not this test's
    assert report.ok, report.problems
    catalog = Catalog(report.records, PLACES, dt.date(2025, 1, 1))
    site = Site(catalog, project, "https://github.com/x/y", "edit/main/")
    publication = Publication(catalog, project, "https://example.org/samverkansbasen/")
    wanted = {r.id for r in catalog.records}
    for spec in site.pages():
        # Every record page, and every listing a generated record stands on (not the 290 empty kommuner).
        if spec.key in wanted or spec.kind not in (PageKind.MUNICIPALITY, PageKind.COUNTY) or spec.key in {
                c for r in catalog.records for c in r.county_codes + r.municipality_codes}:
            html = site.render(spec).html
            assert not _NOT_XML.search(html), spec.url
            parser = _Html()
            parser.feed(html)
            parser.close()
            for value in parser.pagefind:  # what Pagefind indexes and filters by
                assert not _NOT_XML.search(value)
    files = publication.files()
    for path, content in files.items():
        text = content.decode("utf-8-sig")
        assert not _NOT_XML.search(text), path
        if path.endswith(".json"):
            json.loads(text)
        elif path.endswith((".xml", ".svg")):
            ET.fromstring(content)
        elif path.endswith(".csv"):
            rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
            assert len(rows) == len(catalog.records)
    for record in catalog.records:
        head = str(publication.head_html(record))
        parser = _Html()
        parser.feed(head)
        for script in parser.scripts:
            json.loads(script)
    return catalog, files


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(records=st.lists(agreement(0), min_size=1, max_size=3),
       style=st.sampled_from([None, '"', "'"]), body=st.one_of(st.none(), TEXT))
def test_every_valid_record_renders_in_every_output(tmp_path_factory, records, style, body):
    data = tmp_path_factory.mktemp("data")
    (data / "organisations").mkdir()
    (data / "organisations" / "exempelkommunen.yaml").write_text(_yaml(ORG, None), "utf-8")
    (data / "agreements").mkdir()
    written = {}
    for i, record in enumerate(records):
        rid = f"lok-{i}"
        if body is not None and i == 0:
            text = "---\n" + _yaml(record, style) + "---\n\n" + body + "\n"
            (data / "agreements" / f"{rid}.md").write_text(text, "utf-8")
        else:
            (data / "agreements" / f"{rid}.yaml").write_text(_yaml(record, style), "utf-8")
        written[rid] = record
    catalog, files = _check_outputs(data)
    # As written: records.json holds each file's fields exactly as the file says them.
    entries = {e["id"]: e for e in json.loads(files["data/records.json"])["records"]}
    for rid, record in written.items():
        assert entries[rid]["fields"] == json.loads(json.dumps(record))


def test_exports_hold_the_values_as_the_file_writes_them(tmp_path):
    """Unquoted codes and years: 0162 is Danderyd's code, 2019 the year, 0x7E3 text (refused as a date)."""
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "lok-a.yaml").write_text(
        "type: agreement\nkind: lok\ntitle: A\ndate: 2019\ncounties: [01]\nmunicipalities: [0162, 0114]\n"
        "reference: 0x7E3\nsources: [{title: K, note: 33:39}]\n", "utf-8")
    catalog, files = _check_outputs(tmp_path, generated=False)
    record = catalog.by_id["lok-a"]
    assert record.municipality_codes == ["0162", "0114"]
    assert [PLACES.municipalities[c].name for c in record.municipality_codes] == ["Danderyd", "Upplands Väsby"]
    entry = json.loads(files["data/records.json"])["records"][0]
    assert entry["fields"]["municipalities"] == ["0162", "0114"]
    assert entry["fields"]["counties"] == ["01"]
    assert entry["fields"]["date"] == 2019
    assert entry["fields"]["reference"] == "0x7E3"
    assert entry["fields"]["sources"][0]["note"] == "33:39"
    assert plain(record.data)["municipalities"] == ["0162", "0114"]
