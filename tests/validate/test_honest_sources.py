"""Honest by construction: the real data's sources are well formed, copies are marked as copies,
the seed-004 related-uploads list is never described as the report's, and `samverkan stats` reports
what the agreements' sources give. Expected values are computed here from the YAML files."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from samverkan.validate.sources import copy_host

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
# Seed 004: the document site's page with the 2016 conference report; the list above "Transkript:"
# is the site's own list of related uploads, not the report's.
SEED_PAGE = "44837719"
# How the list was wrongly described before (issue 13): as the report's list of relevant documents.
AS_THE_REPORTS = re.compile(r"rapportens|relevanta dokument|i rapporten (finns|listas|nämns)|rapporten (listar|nämner)",
                            re.IGNORECASE)


def _records() -> dict[str, dict]:
    out = {}
    for path in sorted(DATA.glob("*/*")):
        if path.parent.name in ("schema", "places") or path.suffix not in (".yaml", ".yml", ".md"):
            continue
        text = path.read_text("utf-8")
        if path.suffix == ".md":
            text = text.split("---", 2)[1]
        out[path.stem] = yaml.safe_load(text)
    return out


RECORDS = _records()
SOURCES = [(rid, i, s) for rid, r in RECORDS.items() for i, s in enumerate(r.get("sources") or [])]


def _addresses():
    """(record id, where, the mapping holding copy or None, url) for every address a record gives."""
    for rid, r in RECORDS.items():
        for i, s in enumerate(r.get("sources") or []):
            if s.get("url"):
                yield rid, f"sources[{i + 1}]", s, s["url"]
        if (r.get("document") or {}).get("url"):
            yield rid, "document", r["document"], r["document"]["url"]
        for a in r.get("attachments") or []:
            yield rid, "attachments", None, a["url"]
        if r.get("website"):
            yield rid, "website", None, r["website"]


def test_every_source_has_a_title_and_any_address_is_http():
    assert SOURCES
    for rid, i, s in SOURCES:
        assert isinstance(s.get("title"), str) and s["title"].strip(), (rid, i)
    for rid, where, _, url in _addresses():
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https") and parts.hostname and " " not in url, (rid, where, url)
        assert not parts.hostname.endswith("."), (rid, where, url)


def test_every_copy_is_marked():
    copies = [(rid, where, holder, url) for rid, where, holder, url in _addresses() if copy_host(url)]
    assert len(copies) >= 90  # issue 13 counted 90 links to copy sites
    unmarked = [(rid, where, url) for rid, where, holder, url in copies
                if holder is not None and holder.get("copy") is not True]
    assert unmarked == []


def test_the_seed_list_is_never_described_as_the_reports():
    on_the_page = [(rid, s) for rid, _, s in SOURCES if SEED_PAGE in (s.get("url") or "")]
    assert len(on_the_page) >= 57  # issue 13: 57 records described it as the report's list
    for rid, s in on_the_page:
        words = " ".join(str(s.get(k) or "") for k in ("title", "note", "publisher"))
        assert not AS_THE_REPORTS.search(words), (rid, words)
        assert s.get("copy") is True, rid
        if s.get("title_only"):
            assert "relaterade uppladdningar" in words, (rid, words)
    # No other source anywhere calls it that either.
    for rid, _, s in SOURCES:
        words = " ".join(str(s.get(k) or "") for k in ("title", "note"))
        assert "rapportens lista" not in words.casefold(), rid


def test_a_record_resting_on_titles_alone_claims_nothing_a_title_cannot_say():
    """A title shows that a document exists (its upload may be linked), not who decided it, that it
    runs tills vidare, or which principles it adopts; the page says "Bara titeln är känd"."""
    title_only = [r for r in RECORDS.values()
                  if r.get("sources") and all(s.get("title_only") for s in r["sources"])]
    assert title_only
    for r in title_only:
        assert not {"decision", "until_further_notice", "principles", "iop"} & set(r), r["title"]
        assert not any(s.get("states_period") for s in r["sources"]), r["title"]


def _stat(out: str, label: str) -> int:
    m = re.search(rf"^\s+{re.escape(label)}\s+(\d+)$", out, re.M)
    assert m, label
    return int(m[1])


@pytest.mark.slow
def test_stats_reports_documents_periods_and_both_sides(stats_output):
    out = stats_output
    agreements = {rid: r for rid, r in RECORDS.items() if r["type"] == "agreement"}
    kinds = {rid: r.get("kind") for rid, r in RECORDS.items() if r["type"] == "organisation"}

    def both(r):
        sides = {kinds.get(p["organisation"]) for p in r.get("parties") or []}
        return {"civilsamhalle", "offentlig"} <= sides

    assert f"Överenskommelser ({len(agreements)}), vad källorna ger:" in out
    assert _stat(out, "med egen text (document)") == sum(1 for r in agreements.values() if r.get("document"))
    assert _stat(out, "varav kopia på en dokumentdelningssajt") == sum(
        1 for r in agreements.values() if (r.get("document") or {}).get("copy") is True)
    assert _stat(out, "med period (från, till eller tills vidare)") == sum(
        1 for r in agreements.values() if {"valid_from", "valid_to", "until_further_notice"} & set(r))
    assert _stat(out, "varav med källa som anger perioden") == sum(
        1 for r in agreements.values() if any(s.get("states_period") for s in r["sources"]))
    assert _stat(out, "med parter på båda sidor") == sum(1 for r in agreements.values() if both(r))
    assert _stat(out, "med beslut (vem som beslutade)") == sum(1 for r in agreements.values() if r.get("decision"))
    assert _stat(out, "där bara titeln är känd") == sum(
        1 for r in agreements.values() if all(s.get("title_only") for s in r["sources"]))
