"""Open data in the built site, read as a re-user would: downloads, feed, JSON-LD, sitemap.

The real data/ is built once per session (conftest's real_site); every count must agree:
record files in data/ = record pages = entries in records.json = rows in records.csv =
per-record index.json files. Record URLs everywhere start with the configured site_url.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from samverkan.publish import jsonld
from samverkan.publish import opendata
from samverkan.publish.feed import FEED_TITLE, feed_records
from samverkan.read.records import folder_type_of, record_files
from samverkan.pages import urls

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def record_pages(site: Path) -> set[str]:
    """'overenskommelser/lok-vasteras/' for every built record page."""
    return {f"{seg}/{p.parent.name}/" for seg in urls.TYPE_SEGMENTS.values()
            for p in (site / seg).glob("*/index.html")}


def head(html: str) -> str:
    return html[:html.index("</head>")]


@pytest.fixture(scope="module")
def records_json(real_site) -> dict:
    return json.loads((real_site / "data" / "records.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def catalog(records_json, repo_root):
    """The catalog the build saw, as of the build date records.json states, with the last-changed
    dates from git as the build's front door (samverkan.build.load) reads them."""
    from samverkan.build import load
    from samverkan.settings import Settings

    return load(Settings.from_env(repo_root, {}, build_date=dt.date.fromisoformat(records_json["build_date"])))


@pytest.fixture(scope="module")
def url_for(site_url):
    return lambda record: site_url + urls.record_url(record)


# -- counts agree everywhere ---------------------------------------------------------------

def test_counts_agree_files_pages_json_csv(real_site, records_json, site_url, real_data):
    files = record_files(real_data)
    expected = {f"{urls.TYPE_SEGMENTS[folder_type_of(p)]}/{p.stem}/" for p in files}
    assert len(files) == len(expected) > 100  # one record per file, ids unique
    pages = record_pages(real_site)
    assert pages == expected

    entries = records_json["records"]
    assert records_json["count"] == len(entries) == len(files)
    assert {e["url"] for e in entries} == {site_url + u for u in expected}

    raw = (real_site / "data" / "records.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == len(files)
    assert [r["id"] for r in rows] == [e["id"] for e in entries]
    assert {r["url"] for r in rows} == {e["url"] for e in entries}

    per_record = {f"{p.parent.parent.name}/{p.parent.name}/" for seg in urls.TYPE_SEGMENTS.values()
                  for p in (real_site / seg).glob("*/index.json")}
    assert per_record == expected


def test_records_json_entries(real_site, records_json, catalog, site_url, url_for):
    assert records_json["site_url"] == site_url
    assert records_json["license"]["id"] == "CC-BY-4.0"
    assert records_json["schema"] == site_url + "data/record.schema.json"
    for e in records_json["records"]:
        r = catalog.by_id[e["id"]]
        assert e["url"] == url_for(r)
        assert e["fields"]["title"] == r.title
        assert [c["code"] for c in e["resolved"]["counties"]] == r.county_codes
        assert [m["code"] for m in e["resolved"]["municipalities"]] == r.municipality_codes
        for m in e["resolved"]["municipalities"]:
            assert m["name"] == catalog.places.municipalities[m["code"]].name
        # The record's own file sits next to its page and says the same.
        assert e["json_url"] == e["url"] + "index.json"
        own = real_site / e["json_url"][len(site_url):]
        assert json.loads(own.read_text("utf-8")) == e


def test_csv_is_for_swedish_excel(real_site):
    raw = (real_site / "data" / "records.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").split("\r\n", 1)[0]
    assert header.split(";") == opendata.CSV_COLUMNS


def test_built_files_are_what_the_domain_exports(real_site, catalog, site_url, url_for, real_data):
    schema = real_data / "schema" / "record.schema.json"
    expected = opendata.export_files(catalog, site_url, url_for, schema_path=schema)
    for path, content in expected.items():
        assert (real_site / path).read_bytes() == content, path
    assert (real_site / "data" / "record.schema.json").read_bytes() == schema.read_bytes()


def test_downloads_page(real_site, records_json):
    html = (real_site / "ladda-ner" / "index.html").read_text("utf-8")
    main = html[html.index('<article class="md-content__inner'):html.index("</article>")]
    for href in ["../data/records.json", "../data/records.csv", "../data/record.schema.json", "../feed.xml",
                 "https://creativecommons.org/licenses/by/4.0/deed.sv"]:
        assert f'href="{href}"' in main, href
    assert f"{records_json['count']} poster" in main
    assert records_json["build_date"] in main  # how fresh the files are
    assert "CC BY 4.0" in main
    # Reached from the nav of every page and from the start page.
    assert 'href="../ladda-ner/"' in (real_site / "om" / "index.html").read_text("utf-8")
    assert 'href="./ladda-ner/"' in (real_site / "index.html").read_text("utf-8")


# -- the feed --------------------------------------------------------------------------------

def test_feed_is_atom_with_the_latest_records(real_site, catalog, site_url, url_for):
    root = ET.fromstring((real_site / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == FEED_TITLE
    assert root.find(f"{ATOM}id").text == site_url + "feed.xml"
    entries = root.findall(f"{ATOM}entry")
    expected = feed_records(catalog)
    assert entries and len(entries) == len(expected)
    assert [e.find(f"{ATOM}id").text for e in entries] == [url_for(r) for _, r in expected]
    for e, (day, r) in zip(entries, expected):
        assert e.find(f"{ATOM}title").text == r.title
        assert e.find(f"{ATOM}updated").text.startswith(day.isoformat())
        link = e.find(f"{ATOM}link").get("href")
        assert (real_site / link[len(site_url):] / "index.html").is_file(), link


def test_every_page_names_the_feed_in_its_head(real_site, site_url):
    # "alternate feed", not "alternate" alone: see samverkan.publish.publication (Material and the sitemap).
    tag = (f'<link rel="alternate feed" type="application/atom+xml" title="{FEED_TITLE}" '
           f'href="{site_url}feed.xml">')
    pages = list(real_site.rglob("*.html"))
    assert len(pages) > 500
    missing = [str(p.relative_to(real_site)) for p in pages if tag not in head(p.read_text("utf-8"))]
    assert not missing, missing[:10]


# -- JSON-LD ----------------------------------------------------------------------------------

def test_record_pages_have_jsonld_of_the_right_type(real_site, catalog, url_for):
    for r in catalog.records:
        html = (real_site / urls.record_url(r) / "index.html").read_text("utf-8")
        scripts = _JSONLD.findall(head(html))
        assert len(scripts) == 1, r.id
        data = json.loads(scripts[0])
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == jsonld.schema_type(r), r.id
        assert data["url"] == url_for(r) and data["name"] == r.title
    assert data["@type"] in {"CreativeWork", "Event", "Report", "GovernmentOrganization", "NGO", "Organization"}
    # Listing pages carry none.
    for listing in ["", "lan/", "ar/", "overenskommelser/", "tackning/"]:
        assert "application/ld+json" not in (real_site / listing / "index.html").read_text("utf-8"), listing


# -- sitemap ----------------------------------------------------------------------------------

def test_sitemap_lists_every_page_at_site_url(real_site, site_url):
    root = ET.fromstring((real_site / "sitemap.xml").read_bytes())
    locs = [u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")]
    assert all(loc.startswith(site_url) for loc in locs)
    dirs = [p.parent.relative_to(real_site).as_posix() for p in real_site.rglob("index.html")]
    built = {site_url + ("" if d == "." else d + "/") for d in dirs if not d.startswith("pagefind")}
    assert set(locs) == built
    for page in record_pages(real_site) | {urls.COVERAGE, urls.PRINCIPLES, urls.DOWNLOADS, "kommun/1980-vasteras/"}:
        assert site_url + page in locs, page


def test_site_url_from_the_environment_reaches_every_address(tmp_path, monkeypatch, mkdocs_build, fixture_data, fixture_epoch):
    """SITE_URL (what the Pages workflow passes) overrides mkdocs.yml's site_url everywhere."""
    other = "https://example.org/annan/plats/"
    monkeypatch.setenv("SITE_URL", other)
    monkeypatch.setenv("SAMVERKAN_SEARCH_INDEX", "0")
    site = tmp_path / "site"
    result = mkdocs_build(fixture_data, site, fixture_epoch)
    assert result.returncode == 0, result.stderr
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{other}overenskommelser/test-lok-vasteras-3/</loc>" in sitemap
    assert "samverkansbasen.github.io" not in sitemap
    data = json.loads((site / "data" / "records.json").read_text("utf-8"))
    assert data["site_url"] == other and all(e["url"].startswith(other) for e in data["records"])
    assert ET.fromstring((site / "feed.xml").read_bytes()).find(f"{ATOM}id").text == other + "feed.xml"
    page = (site / "overenskommelser" / "test-lok-vasteras-3" / "index.html").read_text("utf-8")
    assert f'href="{other}feed.xml"' in head(page)
    assert json.loads(_JSONLD.findall(page)[0])["url"] == other + "overenskommelser/test-lok-vasteras-3/"
    csv_text = (site / "data" / "records.csv").read_bytes().decode("utf-8-sig")
    assert other + "overenskommelser/test-lok-vasteras-3/" in csv_text
