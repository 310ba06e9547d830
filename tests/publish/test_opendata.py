"""Open data: records.json, records.csv, per-record JSON, schema copy, Atom feed, JSON-LD.

Built from a small fictional data set (tests/fixtures/opendata_data/) and from the real
data/; everything is compared with the records themselves.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.publish import opendata
from samverkan import vocabulary
from samverkan.catalog.catalog import Catalog, load_catalog
from samverkan.publish.feed import feed_link_tag, feed_records, feed_xml
from samverkan.publish.jsonld import jsonld, jsonld_data, jsonld_script
from samverkan.validate.problems import display_path
from samverkan.read.records import FOLDER_OF_TYPE, Record, record_files
from samverkan.read.project import Project
from samverkan.validate.run import validate



@pytest.fixture(scope="module")
def catalog(opendata_catalog) -> Catalog:
    return opendata_catalog

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def files(catalog, example_site, url_for) -> dict[str, bytes]:
    return opendata.export_files(catalog, example_site, url_for)


@pytest.fixture(scope="module")
def schema(repo_root) -> dict:
    return json.loads((repo_root / "data" / "schema" / "record.schema.json").read_text("utf-8"))


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def split(cell: str) -> list[str]:
    return cell.split(opendata.CSV_LIST_SEPARATOR) if cell else []


# -- the fixture itself ---------------------------------------------------------
def test_fixture_has_every_type_and_the_hostile_title(catalog, hostile):
    assert {r.type for r in catalog.records} == set(FOLDER_OF_TYPE)
    assert catalog.by_id["test-hostile"].title == hostile
    assert len(catalog.records) == 12


# -- records.json ---------------------------------------------------------------
def test_records_json_has_every_record_with_places_and_urls(catalog, files, schema, example_site, url_for):
    doc = json.loads(files[opendata.RECORDS_JSON])
    entries = doc["records"]
    assert doc["count"] == len(entries) == len(catalog.records)
    assert [e["id"] for e in entries] == [r.id for r in catalog.records]
    assert doc["build_date"] == "2025-01-01"
    assert doc["license"]["id"] == "CC-BY-4.0"
    assert doc["schema"] == example_site + "data/record.schema.json"
    assert sum(doc["counts_by_type"].values()) == len(catalog.records)
    validator = jsonschema.Draft202012Validator(schema)
    for e in entries:
        r = catalog.by_id[e["id"]]
        assert e["url"] == url_for(r)
        assert e["fields"]["title"] == r.title
        assert list(validator.iter_errors(e["fields"])) == [], e["id"]
        res = e["resolved"]
        assert [c["code"] for c in res["counties"]] == r.county_codes
        assert [m["code"] for m in res["municipalities"]] == r.municipality_codes
        for c in res["counties"]:
            assert c["name"] == catalog.places.counties[c["code"]].name
        for m in res["municipalities"]:
            assert m["name"] == catalog.places.municipalities[m["code"]].name
        assert res["year"] == catalog.year(r)
        assert res["status"] == catalog.status(r)


def test_records_json_resolves_parties_status_and_lineage(files, example_site):
    entries = {e["id"]: e for e in json.loads(files[opendata.RECORDS_JSON])["records"]}
    lok = entries["test-lok-vasteras"]["resolved"]
    assert lok["counties"] == [{"code": "19", "name": "Västmanlands län"}]
    assert lok["municipalities"] == [{"code": "1980", "name": "Västerås", "county_code": "19"}]
    assert [(p["id"], p["name"], p["role"]) for p in lok["parties"]] == [
        ("test-kommunen", "Testkommunens förvaltning", "part"),
        ("test-foreningen", "Testföreningen i Uppsala", "part")]
    assert lok["parties"][0]["url"] == example_site + "organisations/test-kommunen/"
    assert lok["status"] == "gällande"
    assert [p["label"] for p in lok["principles"]] == ["Dialog", "Kvalitet", "Öppenhet och insyn"]
    assert entries["test-lok-vasteras-2012"]["resolved"]["status"] == "upphört"
    assert entries["test-lok-vasteras-2012"]["resolved"]["superseded_by"] == ["test-lok-vasteras"]
    assert entries["test-iop-uppsala"]["resolved"]["status"] == "okänd"
    assert entries["test-rapport"]["resolved"]["status"] is None
    assert "Påhittad brödtext" in entries["test-lok-vasteras"]["body"]
    # A record with no date has no year: nothing is filled in.
    assert entries["test-samrad-utan-datum"]["resolved"]["year"] is None
    assert "date" not in entries["test-samrad-utan-datum"]["fields"]


def test_per_record_json_next_to_each_page(catalog, files, example_site, url_for):
    doc = json.loads(files[opendata.RECORDS_JSON])
    by_id = {e["id"]: e for e in doc["records"]}
    per_record = {p: b for p, b in files.items()
                  if p.endswith("/index.json")}
    assert len(per_record) == len(catalog.records)
    for r in catalog.records:
        path = f"{FOLDER_OF_TYPE[r.type]}/{r.id}/index.json"
        one = json.loads(per_record[path])
        assert one == by_id[r.id]
        assert one["json_url"] == example_site + path
        assert per_record[path] == opendata.record_json(r, catalog, url_for, example_site + path)


def test_json_path_for_url(example_site):
    assert opendata.json_path_for_url(example_site + "a/b/", example_site) == "a/b/index.json"
    assert opendata.json_path_for_url(example_site + "a/b.html", example_site) == "a/b.json"
    assert opendata.json_path_for_url(example_site + "a/index.html", example_site) == "a/index.json"
    assert opendata.json_path_for_url("https://elsewhere.example/a/", example_site) is None


def test_explicit_json_paths_and_collisions(catalog, example_site, url_for):
    files = opendata.export_files(catalog, example_site, url_for, json_path=lambda r: f"data/records/{r.id}.json")
    assert sum(1 for p in files if p.startswith("data/records/")) == len(catalog.records)
    with pytest.raises(ValueError):
        opendata.export_files(catalog, example_site, url_for, json_path=lambda r: "data/same.json")
    only_main = opendata.export_files(catalog, example_site, url_for, per_record=False)
    assert set(only_main) == {opendata.RECORDS_JSON, opendata.RECORDS_CSV, opendata.SCHEMA_JSON}


def test_schema_is_a_copy(files, repo_root):
    assert files[opendata.SCHEMA_JSON] == (repo_root / "data" / "schema" / "record.schema.json").read_bytes()


# -- records.csv ----------------------------------------------------------------
def test_csv_is_excel_friendly(files):
    data = files[opendata.RECORDS_CSV]
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.split("\r\n", 1)[0] == ";".join(opendata.CSV_COLUMNS)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # no bare newlines in the fixture's fields


def test_csv_rows_match_records(catalog, files, url_for):
    rows = read_csv(files[opendata.RECORDS_CSV])
    assert len(rows) == len(catalog.records)
    assert [row["id"] for row in rows] == [r.id for r in catalog.records]
    assert list(rows[0]) == opendata.CSV_COLUMNS
    for row in rows:
        r = catalog.by_id[row["id"]]
        assert split(row["länskoder"]) == r.county_codes
        assert split(row["kommunkoder"]) == r.municipality_codes
        assert split(row["län"]) == [catalog.places.counties[c].name for c in r.county_codes]
        assert split(row["kommuner"]) == [catalog.places.municipalities[m].name for m in r.municipality_codes]
        assert split(row["principer"]) == [vocabulary.PRINCIPLE_LABELS[p] for p in r.get("principles") or []]
        assert split(row["teman"]) == list(r.get("themes") or [])
        assert row["url"] == url_for(r)
        assert row["status"] == (catalog.status(r) or "")
        assert row["år"] == ("" if catalog.year(r) is None else str(catalog.year(r)))
        assert len(split(row["källor"])) == len(r.get("sources"))


def test_csv_values(files, hostile):
    rows = {row["id"]: row for row in read_csv(files[opendata.RECORDS_CSV])}
    lok = rows["test-lok-vasteras"]
    assert lok["typ"] == "överenskommelse"
    assert lok["slag"] == "LÖK"
    assert lok["giltig_från"] == "2019-05"
    assert lok["giltig_till"] == "2030"
    assert lok["parter"] == "Testkommunens förvaltning (part) | Testföreningen i Uppsala (part)"
    assert lok["källor"] == "https://example.org/lok-2019 | Testkälla utan adress"
    assert lok["sammanfattning"] == 'En påhittad lokal överenskommelse för tester; "citat" & annat.'
    assert rows["test-regional-skane"]["giltig_från"] == "2010"
    assert rows["test-motion"]["datum"] == "2019-11-04"
    # Text is kept as written, but a cell that a spreadsheet would run as a formula is defused.
    assert rows["test-hostile"]["titel"] == hostile
    assert rows["test-hostile"]["sammanfattning"].startswith("'=HYPERLINK(")


# -- stability -------------------------------------------------------------------
def test_output_is_byte_stable(catalog, example_site, url_for, build_date, repo_root, opendata_data):
    a = opendata.export_files(catalog, example_site, url_for)
    b = opendata.export_files(catalog, example_site, url_for)
    assert a == b
    assert list(a) == sorted(a)
    again = load_catalog(Project.at(repo_root, opendata_data), build_date)
    assert opendata.export_files(again, example_site, url_for) == a
    assert feed_xml(catalog, example_site, url_for) == feed_xml(again, example_site, url_for)
    assert jsonld(catalog.by_id["test-lok-vasteras"], catalog, url_for) == \
        jsonld(again.by_id["test-lok-vasteras"], again, url_for)


def test_only_the_build_date_changes_with_the_build_date(catalog, example_site, url_for):
    later = Catalog(list(catalog.records), catalog.places, dt.date(2031, 1, 1))
    a = opendata.records_json(catalog, example_site, url_for)
    b = opendata.records_json(later, example_site, url_for)
    assert a != b
    assert b"2025-01-01" in a and b"2025-01-01" not in b
    # The feed does not depend on the build date at all.
    assert feed_xml(catalog, example_site, url_for) == feed_xml(later, example_site, url_for)


# -- the download page ------------------------------------------------------------
def test_downloads_markdown(catalog, files, example_site, hostile):
    md = opendata.downloads_markdown(catalog, example_site, files)
    assert md.startswith("# Ladda ner data")
    for path in (opendata.RECORDS_JSON, opendata.RECORDS_CSV, opendata.SCHEMA_JSON, opendata.FEED_PATH):
        assert f"]({example_site}{path})" in md
    assert "CC BY 4.0" in md and "MIT" in md
    assert "1 januari 2025" in md and "2025-01-01" in md
    assert "12 poster" in md
    for column in opendata.CSV_COLUMNS:
        assert f"| `{column}` |" in md
    assert hostile not in md
    relative = opendata.downloads_markdown(catalog, example_site, files, link_base="../", title=False)
    assert "](../data/records.csv)" in relative and not relative.startswith("#")


# -- Atom feed -------------------------------------------------------------------
EXPECTED_FEED = [
    ("test-lok-vasteras", "2024-03-01"),
    ("test-sakrad", "2024-03-01"),
    ("test-hostile", "2024-02-01"),
    ("test-iop-uppsala", "2024-02-01"),
    ("test-regional-skane", "2023-12-01"),
    ("test-motion", "2023-06-02"),
    ("test-rapport", "2023-06-01"),
    ("test-lok-vasteras-2012", "2023-05-01"),
    ("test-nationell", "2023-01-01"),
]


def test_feed_entries_order_and_dates(catalog, example_site, url_for):
    root = ET.fromstring(feed_xml(catalog, example_site, url_for))
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    got = [(e.find(f"{ATOM}id").text, e.find(f"{ATOM}updated").text) for e in entries]
    expected = [(url_for(catalog.by_id[i]), f"{d}T00:00:00+00:00") for i, d in EXPECTED_FEED]
    assert got == expected
    assert root.find(f"{ATOM}updated").text == "2024-03-01T00:00:00+00:00"
    assert root.find(f"{ATOM}id").text == example_site + "feed.xml"
    links = {link.get("rel", "alternate"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"alternate": example_site, "self": example_site + "feed.xml"}
    for e, (rid, _) in zip(entries, EXPECTED_FEED):
        r = catalog.by_id[rid]
        assert e.find(f"{ATOM}title").text == r.title
        assert e.find(f"{ATOM}link").get("href") == url_for(r)
        assert e.find(f"{ATOM}summary").text
    lok = entries[0]
    assert lok.find(f"{ATOM}published").text == "2024-01-10T00:00:00+00:00"
    assert "En påhittad lokal överenskommelse" in lok.find(f"{ATOM}summary").text


def test_feed_leaves_out_undated_and_organisations_and_honours_limit(catalog, example_site, url_for):
    ids = [r.id for _, r in feed_records(catalog, limit=0)]
    assert "test-samrad-utan-datum" not in ids
    assert not any(catalog.by_id[i].type == "organisation" for i in ids)
    root = ET.fromstring(feed_xml(catalog, example_site, url_for, limit=3))
    assert len(root.findall(f"{ATOM}entry")) == 3
    with_orgs = [r.id for _, r in feed_records(catalog, limit=0, include_organisations=True)]
    assert "test-kommunen" in with_orgs


def test_feed_of_an_empty_catalog_uses_the_build_date(catalog, build_date, example_site, url_for):
    empty = Catalog([], catalog.places, build_date)
    root = ET.fromstring(feed_xml(empty, example_site, url_for))
    assert root.find(f"{ATOM}updated").text == "2025-01-01T00:00:00+00:00"
    assert root.findall(f"{ATOM}entry") == []


def test_feed_link_tag(example_site):
    tag = feed_link_tag(example_site.rstrip("/"))
    assert tag.startswith('<link rel="alternate" type="application/atom+xml"')
    assert f'href="{example_site}feed.xml"' in tag
    assert 'title="Samverkansbasen: nya och ändrade poster"' in tag and tag.endswith(">")


# -- JSON-LD ----------------------------------------------------------------------
def test_jsonld_types(catalog, url_for):
    types = {rid: jsonld_data(catalog.by_id[rid], catalog, url_for)["@type"] for rid in catalog.by_id}
    assert types["test-lok-vasteras"] == "CreativeWork"
    assert types["test-sakrad"] == "Event"
    assert types["test-rapport"] == "Report"
    assert types["test-motion"] == "CreativeWork"
    assert types["test-kommunen"] == "GovernmentOrganization"
    assert types["test-foreningen"] == "NGO"
    for rid in catalog.by_id:
        data = json.loads(jsonld(catalog.by_id[rid], catalog, url_for))
        assert data["@context"] == "https://schema.org"
        assert data["url"] == url_for(catalog.by_id[rid])
        assert data["name"] == catalog.by_id[rid].title


def test_jsonld_agreement(catalog, url_for, example_site):
    d = jsonld_data(catalog.by_id["test-lok-vasteras"], catalog, url_for, example_site)
    assert d["temporalCoverage"] == "2019-05/2030"
    assert d["description"].startswith("En påhittad")
    assert [p["name"] for p in d["spatialCoverage"]] == ["Västerås kommun"]
    assert d["spatialCoverage"][0]["containedInPlace"]["name"] == "Västmanlands län"
    assert [t["name"] for t in d["about"]] == ["integration", "social välfärd", "Dialog", "Kvalitet",
                                                 "Öppenhet och insyn"]
    assert [c.get("url") for c in d["citation"]] == ["https://example.org/lok-2019", None]
    assert [c["name"] for c in d["contributor"]] == ["Testkommunens förvaltning", "Testföreningen i Uppsala"]
    assert d["isBasedOn"] == [url_for(catalog.by_id["test-lok-vasteras-2012"])]
    assert d["isPartOf"]["url"] == example_site
    assert "dateCreated" not in d  # the record has no date; validity is not a creation date
    assert jsonld_data(catalog.by_id["test-iop-uppsala"], catalog, url_for)["temporalCoverage"] == "2021-03-01/.."
    nat = jsonld_data(catalog.by_id["test-nationell"], catalog, url_for)
    assert nat["spatialCoverage"] == [{"@type": "Country", "name": "Sverige"}]
    assert "description" not in nat and "contributor" not in nat and "about" not in nat


def test_jsonld_event_only_states_what_the_record_says(catalog, url_for):
    d = jsonld_data(catalog.by_id["test-sakrad"], catalog, url_for)
    assert d["startDate"] == "2022-10-05"
    assert [o["name"] for o in d["organizer"]] == ["Testkommunens förvaltning"]
    assert [o["name"] for o in d["attendee"]] == ["Testföreningen i Uppsala"]
    undated = jsonld_data(catalog.by_id["test-samrad-utan-datum"], catalog, url_for)
    for key in ("startDate", "organizer", "attendee", "description", "location"):
        assert key not in undated
    report = jsonld_data(catalog.by_id["test-rapport"], catalog, url_for)
    assert report["datePublished"] == "2020"
    assert [m["name"] for m in report["mentions"]] == ["Testföreningen i Uppsala"]
    motion = jsonld_data(catalog.by_id["test-motion"], catalog, url_for)
    assert motion["identifier"] == "2019/20:999"
    org = jsonld_data(catalog.by_id["test-kommunen"], catalog, url_for)
    assert org["alternateName"] == "TKF" and org["sameAs"] == "https://example.org/kommunen"
    assert "citation" not in org and "inLanguage" not in org


def test_jsonld_is_safe_inside_a_script_element(catalog, url_for, hostile):
    r = catalog.by_id["test-hostile"]
    text = jsonld(r, catalog, url_for)
    for ch in "<>&":
        assert ch not in text
    data = json.loads(text)
    assert data["name"] == hostile
    assert data["citation"][0]["url"] == 'https://example.org/a?b=1&c=<2>"'
    script = jsonld_script(r, catalog, url_for)
    assert script.count("</script>") == 1 and script.endswith("</script>")
    # The template prints the script-safe text as it is: neither escaped again nor changed.
    assert script == f'<script type="application/ld+json">{text}</script>'


# -- the real data -------------------------------------------------------------------
def test_real_data_counts_agree(real_catalog, schema, repo_root, example_site, url_for):
    # Every file in data/ is a record here, except any that does not validate yet.
    project = Project.at(repo_root)
    broken = {p.path for p in validate(project).problems}
    on_disk = [f for f in record_files(project.data_dir) if display_path(f, repo_root) not in broken]
    assert len(on_disk) == len(real_catalog.records)
    files = opendata.export_files(real_catalog, example_site, url_for)
    doc = json.loads(files[opendata.RECORDS_JSON])
    rows = read_csv(files[opendata.RECORDS_CSV])
    n = len(real_catalog.records)
    assert doc["count"] == len(doc["records"]) == len(rows) == n
    assert sum(1 for p in files if p.endswith("/index.json")) == n
    assert [e["id"] for e in doc["records"]] == [row["id"] for row in rows] == [r.id for r in real_catalog.records]
    validator = jsonschema.Draft202012Validator(schema)
    for e, row in zip(doc["records"], rows):
        r = real_catalog.by_id[e["id"]]
        assert [c["code"] for c in e["resolved"]["counties"]] == split(row["länskoder"]) == r.county_codes
        assert [m["code"] for m in e["resolved"]["municipalities"]] == split(row["kommunkoder"]) \
            == r.municipality_codes
        assert not list(validator.iter_errors(e["fields"])), e["id"]
    root = ET.fromstring(feed_xml(real_catalog, example_site, url_for))
    assert len(root.findall(f"{ATOM}entry")) == min(50, len(feed_records(real_catalog, limit=0)))
    for r in real_catalog.records:
        json.loads(jsonld(r, real_catalog, url_for, example_site))
    assert opendata.export_files(real_catalog, example_site, url_for) == files


# -- any text survives the round trip ---------------------------------------------------
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")), min_size=1, max_size=40).filter(str.strip)


@given(title=TEXT, summary=TEXT)
@settings(max_examples=60, deadline=None)
def test_any_text_round_trips_through_json_csv_and_jsonld(catalog, title, summary, build_date, url_for, example_site):
    data = {"type": "report", "kind": "rapport", "title": title, "summary": summary,
            "sources": [{"title": "x"}], "added": "2024-01-01"}
    r = Record("egen-rapport", "report", Path("egen-rapport.yaml"), data)
    cat = Catalog([r], catalog.places, build_date)
    doc = json.loads(opendata.records_json(cat, example_site, url_for))
    assert doc["records"][0]["fields"]["title"] == title
    row = read_csv(opendata.records_csv(cat, url_for))[0]
    for column, value in (("titel", title), ("sammanfattning", summary)):
        expected = "'" + value if value.startswith(("=", "+", "-", "@")) else value
        assert row[column] == expected
    ld = jsonld(r, cat, url_for)
    assert "<" not in ld and ">" not in ld and "&" not in ld
    assert json.loads(ld)["name"] == title
    entry = ET.fromstring(feed_xml(cat, example_site, url_for)).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == title
