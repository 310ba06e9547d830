"""The agreement's own text, decision, IOP details and the source of the status in the exports:
records.json, records.csv (Excel conventions) and JSON-LD. Expected values come from the records."""
from __future__ import annotations

import csv
import io
import json

import pytest

from samverkan import vocabulary
from samverkan.catalog.evidence import title_only
from samverkan.publish import opendata
from samverkan.publish.jsonld import ENCODING_FORMATS, jsonld_data

NEW_COLUMNS = ["dokument", "dokument_format", "dokument_kopia", "dokument_sedd", "beslutad_av", "beslutsdatum",
               "tills_vidare", "status_enligt", "iop_verksamhet", "iop_målgrupp", "iop_bidrag", "bara_titel"]


@pytest.fixture(scope="module")
def files(opendata_catalog, example_site, url_for):
    return opendata.export_files(opendata_catalog, example_site, url_for)


def _rows(files) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(files[opendata.RECORDS_CSV].decode("utf-8-sig"), newline=""), delimiter=";")
    return {r["id"]: r for r in rows}


def test_csv_adds_the_new_columns_after_the_old_ones_with_help():
    after_url = opendata.CSV_COLUMNS.index("url") + 1
    assert opendata.CSV_COLUMNS[after_url:after_url + len(NEW_COLUMNS)] == NEW_COLUMNS
    assert set(opendata.CSV_COLUMN_HELP) == set(opendata.CSV_COLUMNS)


def test_csv_document_decision_and_status_source(opendata_catalog, files):
    rows = _rows(files)
    for r in opendata_catalog.records:
        row, doc, decision = rows[r.id], r.get("document") or {}, r.get("decision") or {}
        assert row["dokument"] == doc.get("url", "")
        assert row["dokument_format"] == doc.get("format", "")
        assert row["dokument_kopia"] == ("" if not doc else "ja" if doc.get("copy") else "nej")
        assert row["dokument_sedd"] == doc.get("seen", "")
        assert row["beslutad_av"] == decision.get("body", "")
        assert row["beslutsdatum"] == str(decision.get("date", ""))
        assert row["bara_titel"] == ("ja" if title_only(r) else "")
        status = opendata_catalog.status_with_reason(r)
        if status is not None and status.source is not None:
            source = r.get("sources")[status.source.index]
            assert row["status_enligt"].startswith(source["title"] + " (")
        else:
            assert row["status_enligt"] == ""
    lok = rows["test-lok-vasteras"]
    assert (lok["dokument_kopia"], lok["dokument_format"], lok["beslutad_av"]) == ("ja", "pdf", "kommunfullmäktige")
    assert lok["status_enligt"] == "Testkälla med adress (20 maj 2019)"


def test_csv_guards_new_cells_against_formulas(repo_root, opendata_data, build_date, url_for):
    from samverkan.catalog.catalog import load_catalog
    from samverkan.read.project import Project
    catalog = load_catalog(Project.at(repo_root, opendata_data), build_date)  # its own copy, changed below
    catalog.by_id["test-lok-vasteras"].data["decision"] = {"body": '=HYPERLINK("x")'}
    catalog.by_id["test-lok-vasteras"].data["iop"] = {"activity": "@SUM(1)", "contribution": "+1"}
    rows = _rows({opendata.RECORDS_CSV: opendata.records_csv(catalog, url_for)})
    row = rows["test-lok-vasteras"]
    assert (row["beslutad_av"], row["iop_verksamhet"], row["iop_bidrag"]) == ("'=HYPERLINK(\"x\")", "'@SUM(1)", "'+1")


def test_records_json_keeps_the_fields_and_resolves_the_status_source(opendata_catalog, files):
    entries = {e["id"]: e for e in json.loads(files[opendata.RECORDS_JSON])["records"]}
    lok = entries["test-lok-vasteras"]
    record = opendata_catalog.by_id["test-lok-vasteras"]
    assert lok["fields"]["document"] == dict(record.get("document"))
    assert lok["fields"]["decision"] == dict(record.get("decision"))
    status = opendata_catalog.status_with_reason(record)
    assert lok["resolved"]["status"] == status.value == "gällande"
    assert lok["resolved"]["status_reason"] == status.reason
    assert lok["resolved"]["status_source"] == 0 and lok["fields"]["sources"][0]["states_period"] is True
    assert lok["resolved"]["has_both_sides"] is True
    for e in entries.values():
        assert e["resolved"]["title_only"] is title_only(opendata_catalog.by_id[e["id"]])
        if opendata_catalog.by_id[e["id"]].type != "agreement":
            assert "status_reason" not in e["resolved"]
    # Unknown status: a reason, and no source.
    iop = entries["test-iop-uppsala"]["resolved"]
    assert iop["status"] == "okänd" and iop["status_source"] is None and iop["status_reason"]


def test_jsonld_gives_the_document_as_encoding(opendata_catalog, url_for):
    record = opendata_catalog.by_id["test-lok-vasteras"]
    node = jsonld_data(record, opendata_catalog, url_for)
    doc = record.get("document")
    assert node["encoding"] == {"@type": "MediaObject", "contentUrl": doc["url"],
                                "encodingFormat": "application/pdf", "description": vocabulary.DOCUMENT_COPY}
    assert set(ENCODING_FORMATS) == set(vocabulary.DOCUMENT_FORMATS)
    for r in opendata_catalog.records:
        if not r.get("document"):
            assert "encoding" not in jsonld_data(r, opendata_catalog, url_for), r.id


def test_jsonld_gives_an_iop_target_group_as_audience(repo_root):
    fixture_data = repo_root / "tests" / "fixtures" / "records_data"
    from samverkan.catalog.catalog import load_catalog
    from samverkan.read.project import Project
    import datetime as dt
    catalog = load_catalog(Project.at(repo_root, fixture_data), dt.date(2025, 1, 1))
    record = catalog.by_id["test-iop-tills-vidare"]
    node = jsonld_data(record, catalog, lambda r: f"https://example.org/{r.id}/")
    assert node["audience"] == {"@type": "Audience", "audienceType": record.get("iop")["target_group"]}
    assert node["encoding"]["contentUrl"] == record.get("document")["url"]
    assert node["temporalCoverage"] == "2021-04-01/.."
