"""catalog.status and catalog.evidence: a status that claims no more than the sources."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samverkan.catalog.catalog import Catalog
from samverkan.catalog.evidence import agreement_evidence, has_both_sides, period_source, title_only
from samverkan.catalog.places import load_places
from samverkan.catalog.status import STATUS_ENDED, STATUS_IN_FORCE, STATUS_UNKNOWN, agreement_status
from samverkan.read.records import Record

TODAY = dt.date(2026, 12, 1)
PLACES_DIR = Path(__file__).resolve().parents[2] / "data" / "places"


def agreement(rid="a", **fields) -> Record:
    data = {"type": "agreement", "kind": "iop", "title": rid.upper(), **fields}
    data.setdefault("sources", [{"title": "Källa"}])
    return Record(rid, "agreement", Path(f"{rid}.yaml"), data)


def org(rid, kind) -> Record:
    return Record(rid, "organisation", Path(f"{rid}.yaml"),
                  {"type": "organisation", "kind": kind, "title": rid, "sources": [{"title": "k"}]})


PERIOD = {"title": "Nämndens beslut", "date": "2024-04-29", "seen": "2026-12-01", "states_period": True}


def test_future_end_with_a_period_source_is_in_force_and_names_the_source():
    s = agreement_status(agreement(valid_to="2027-05-31", sources=[{"title": "Annan"}, PERIOD]), False, TODAY)
    assert s.value == STATUS_IN_FORCE
    assert s.reason == "gäller till och med 31 maj 2027 enligt ”Nämndens beslut” (29 april 2024)"
    assert s.source.index == 1


def test_the_seen_day_stands_in_for_an_undated_source():
    source = {"title": "Kommunens sida", "seen": "2026-11-30", "states_period": True}
    s = agreement_status(agreement(until_further_notice=True, sources=[source]), False, TODAY)
    assert s.value == STATUS_IN_FORCE
    assert s.reason == "gäller tills vidare enligt ”Kommunens sida” (sedd 30 november 2026)"
    undated = {"title": "Utan datum", "states_period": True}
    assert agreement_status(agreement(until_further_notice=True, sources=[undated]), False, TODAY).reason == \
        "gäller tills vidare enligt ”Utan datum” (odaterad)"


def test_without_a_period_source_nothing_is_guessed():
    s = agreement_status(agreement(valid_to="2030"), False, TODAY)
    assert s.value == STATUS_UNKNOWN and s.source is None
    assert "slutdatum 2030" in s.reason and "ingen källa" in s.reason
    s = agreement_status(agreement(until_further_notice=True), False, TODAY)
    assert s.value == STATUS_UNKNOWN and "ingen källa" in s.reason


@pytest.mark.parametrize("fields,superseded,value,reason", [
    ({"valid_to": "2025", "sources": [PERIOD]}, False, STATUS_ENDED, "gällde till och med 2025"),
    ({"valid_to": "2030", "sources": [PERIOD]}, True, STATUS_ENDED, "ersatt av en senare version"),
    ({"valid_from": "2027", "until_further_notice": True, "sources": [PERIOD]}, False, STATUS_UNKNOWN,
     "ska börja gälla 2027"),
    ({"valid_to": "2024", "until_further_notice": True, "sources": [PERIOD]}, False, STATUS_ENDED,
     "gällde till och med 2024"),
    ({"valid_from": "2019", "sources": [PERIOD]}, False, STATUS_UNKNOWN, "källan anger inget slutdatum"),
    ({}, False, STATUS_UNKNOWN, "källan anger ingen giltighetstid"),
    # The end month counts to its last day: December 2026 is still running on 1 December.
    ({"valid_to": "2026-12", "sources": [PERIOD]}, False, STATUS_IN_FORCE,
     "gäller till och med december 2026 enligt ”Nämndens beslut” (29 april 2024)"),
])
def test_ended_future_and_open_periods(fields, superseded, value, reason):
    s = agreement_status(agreement(**fields), superseded, TODAY)
    assert (s.value, s.reason) == (value, reason)


def test_the_latest_period_source_is_named():
    older = {"title": "Äldre", "date": "2019", "states_period": True}
    newer = {"title": "Nyare", "seen": "2026-11-01", "states_period": True}
    assert period_source(agreement(sources=[older, newer])).title == "Nyare"
    assert period_source(agreement(sources=[newer, older])).title == "Nyare"
    assert period_source(agreement(sources=[{"title": "Ingen"}])) is None


def test_title_only_means_every_source_shows_only_a_title():
    only = {"title": "Lista", "title_only": True, "copy": True}
    assert title_only(agreement(sources=[only]))
    assert not title_only(agreement(sources=[only, {"title": "Kommunens sida"}]))


def test_evidence_counts_documents_periods_and_both_sides():
    places = load_places(PLACES_DIR)
    records = [
        org("kommun", "offentlig"), org("forening", "civilsamhalle"), org("natverket", "natverk"),
        agreement("both", parties=[{"organisation": "kommun"}, {"organisation": "forening"}],
                  document={"url": "https://issuu.com/x", "copy": True}, valid_from="2020"),
        agreement("public-only", parties=[{"organisation": "kommun"}, {"organisation": "natverket"}],
                  document={"url": "https://kommun.se/x.pdf"}, decision={"body": "kommunfullmäktige"}),
        agreement("open", until_further_notice=True, sources=[PERIOD]),
        agreement("title", sources=[{"title": "Lista", "title_only": True, "copy": True}]),
    ]
    catalog = Catalog(records, places, TODAY)
    e = agreement_evidence(catalog)
    assert (e.agreements, e.with_document, e.with_document_copy) == (4, 2, 1)
    assert (e.with_period, e.with_period_source, e.with_both_sides) == (2, 1, 1)
    assert (e.with_decision, e.title_only) == (1, 1)
    assert catalog.evidence() is catalog.evidence()  # computed once
    assert has_both_sides(catalog.by_id["both"], catalog) and not has_both_sides(catalog.by_id["public-only"], catalog)
