"""Löper ut snart: with a fixed build date (SOURCE_DATE_EPOCH) the lists hold exactly the fixture
agreements whose own valid_to falls in the window; the start, län and kommun pages and the place
feeds show them. Expected values are computed here from the YAML, independently of catalog.expiry."""
from __future__ import annotations

import calendar
import datetime as dt
import xml.etree.ElementTree as ET

import pytest
import yaml

from samverkan.build import build
from samverkan.catalog.expiry import expiring_for_place, expiry_lists
from samverkan.settings import Settings
from samverkan.taxonomy import PageKind

ATOM = "{http://www.w3.org/2005/Atom}"


def _epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


def _built(repo_root, fixture_data, day: dt.date):
    env = {"SOURCE_DATE_EPOCH": _epoch(day), "SAMVERKAN_DATA_DIR": str(fixture_data)}
    return build(Settings.from_env(repo_root, env, search=False), "", "")


def _end_day(text: str) -> dt.date:
    """valid_to as a reader takes it: a year means 31 December, a month its last day."""
    parts = [int(x) for x in str(text).split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(*parts)


def _shift(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def _expected(fixture_data, day: dt.date):
    records = {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in (fixture_data / "agreements").glob("*.yaml")}
    superseded = {old for r in records.values() for old in r.get("supersedes") or []}
    soon, ended = set(), set()
    for rid, r in records.items():
        if r.get("valid_to") is None:
            continue
        end = _end_day(r["valid_to"])
        if day <= end <= _shift(day, 12) and rid not in superseded:
            soon.add(rid)
        elif _shift(day, -12) <= end < day:
            ended.add(rid)
    return soon, ended


# 15 March 2030: Västerås version 3.0 (valid_to 2030-12) runs out within a year.
# 1 December 2020: the Örebro IOP ended 30 June 2020, Västerås 2.0 (valid_to 2019) on 31 December 2019.
# 1 January 2025: the fixture site's own date: nothing in either window.
DAYS = [dt.date(2030, 3, 15), dt.date(2020, 12, 1), dt.date(2025, 1, 1), dt.date(2031, 1, 1)]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_lists_hold_the_agreements_whose_sourced_end_falls_in_the_window(repo_root, fixture_data, day):
    built = _built(repo_root, fixture_data, day)
    assert built.catalog.build_date == day
    lists = expiry_lists(built.catalog)
    soon, ended = _expected(fixture_data, day)
    assert {e.record.id for e in lists.soon} == soon
    assert {e.record.id for e in lists.ended} == ended
    assert [e.last_day for e in lists.soon] == sorted(e.last_day for e in lists.soon)
    assert [e.last_day for e in lists.ended] == sorted((e.last_day for e in lists.ended), reverse=True)


def test_the_expected_cases_are_there(repo_root, fixture_data):
    """The parametrised days do test something: each list is non-empty on some day."""
    assert _expected(fixture_data, dt.date(2030, 3, 15))[0] == {"test-lok-vasteras-3"}
    assert _expected(fixture_data, dt.date(2020, 12, 1))[1] == {"test-iop-upphord", "test-lok-vasteras-2"}
    assert _expected(fixture_data, dt.date(2025, 1, 1)) == (set(), set())


def test_a_year_only_end_is_the_last_day_of_that_year_and_the_page_says_so(repo_root, fixture_data):
    # valid_to "2030-12" ends 31 December 2030: still "soon" on that day, gone the day after.
    on_last_day = expiry_lists(_built(repo_root, fixture_data, dt.date(2030, 12, 31)).catalog)
    assert [e.record.id for e in on_last_day.soon] == ["test-lok-vasteras-3"]
    assert on_last_day.soon[0].last_day == dt.date(2030, 12, 31) and on_last_day.soon[0].partial
    after = expiry_lists(_built(repo_root, fixture_data, dt.date(2031, 1, 1)).catalog)
    assert not after.soon and [e.record.id for e in after.ended] == ["test-lok-vasteras-3"]
    built = _built(repo_root, fixture_data, dt.date(2030, 3, 15))
    home = built.site.render_home()
    section = home.split('id="loper-ut-snart"', 1)[1].split("<h2", 1)[0]
    assert "Testöverenskommelse i Västerås, version 3.0" in section
    assert "31 december 2030" in section and "bara år eller månad" in section


def test_place_pages_list_their_own_agreements(repo_root, fixture_data):
    built = _built(repo_root, fixture_data, dt.date(2020, 12, 1))
    c, site = built.catalog, built.site
    for spec in site.pages():
        if spec.kind not in (PageKind.COUNTY, PageKind.MUNICIPALITY):
            continue
        lists = (expiring_for_place(c, county=spec.key) if spec.kind == PageKind.COUNTY
                 else expiring_for_place(c, municipality=spec.key))
        html = site.render(spec).html
        assert ('id="loper-ut-snart"' in html) == bool(lists), spec.url
        for e in lists.soon + lists.ended:
            assert e.record.title in html.split('id="loper-ut-snart"', 1)[1], spec.url
    orebro = site.render(next(s for s in site.pages() if s.url.startswith("kommun/1880-"))).html
    ended = orebro.split('id="har-lopt-ut"', 1)[1].split("<h2", 1)[0]
    assert "Test-IOP i Örebro som har upphört" in ended and "30 juni 2020" in ended
    vasteras = site.render(next(s for s in site.pages() if s.url.startswith("kommun/1980-"))).html
    assert "Testöverenskommelse i Västerås, version 2.0" in vasteras.split('id="har-lopt-ut"', 1)[1]


def test_the_place_feed_has_an_entry_per_expiring_and_ended_agreement(repo_root, fixture_data):
    built = _built(repo_root, fixture_data, dt.date(2020, 12, 1))
    files = built.publication.files()
    c = built.catalog
    for path, body in files.items():
        if not path.endswith("/flode.xml"):
            continue
        code = path.split("/")[1].split("-")[0]
        lists = (expiring_for_place(c, municipality=code) if path.startswith("kommun/")
                 else expiring_for_place(c, county=code))
        root = ET.fromstring(body)
        titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
        assert sorted(t for t in titles if t.startswith(("Löper ut snart: ", "Har löpt ut: "))) == sorted(
            [f"Löper ut snart: {e.record.title}" for e in lists.soon]
            + [f"Har löpt ut: {e.record.title}" for e in lists.ended]), path
    feed = ET.fromstring(files[next(p for p in files if p.startswith("kommun/1880-") and p.endswith("flode.xml"))])
    entry = next(e for e in feed.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title").startswith("Har löpt ut"))
    # The day after the end date: reproducible, from the record alone.
    assert entry.findtext(f"{ATOM}updated").startswith("2020-07-01")


def test_the_same_data_and_date_give_the_same_feeds(repo_root, fixture_data):
    one = _built(repo_root, fixture_data, dt.date(2020, 12, 1)).publication.files()
    two = _built(repo_root, fixture_data, dt.date(2020, 12, 1)).publication.files()
    assert {k: v for k, v in one.items() if k.endswith("flode.xml")} == {k: v for k, v in two.items() if k.endswith("flode.xml")}
