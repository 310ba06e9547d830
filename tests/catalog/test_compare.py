"""The compare facts of an agreement (catalog.compare): read from the YAML, sides by the
organisations' kinds, status from the one status computation, changes between versions."""
from __future__ import annotations

import json

import pytest
import yaml

from samverkan.build import build
from samverkan.catalog.compare import FACT_ROWS, changed, compare_facts, version_chains
from samverkan.publish.compare import compare_files
from samverkan.settings import Settings
from samverkan.vocabulary import MISSING, PRINCIPLE_LABELS


@pytest.fixture(scope="module")
def built(repo_root, fixture_data, fixture_epoch):
    env = {"SOURCE_DATE_EPOCH": fixture_epoch, "SAMVERKAN_DATA_DIR": str(fixture_data)}
    return build(Settings.from_env(repo_root, env, search=False), "", "")


def _yaml(fixture_data, folder, rid):
    return yaml.safe_load((fixture_data / folder / f"{rid}.yaml").read_text("utf-8"))


def test_every_agreement_has_every_row_in_order(built):
    for r in built.catalog.by_type["agreement"]:
        assert [f.key for f in compare_facts(built.catalog, r)] == [k for k, _ in FACT_ROWS]


def test_parties_stand_on_the_side_their_organisation_kind_says(built, fixture_data):
    c = built.catalog
    for r in c.by_type["agreement"]:
        facts = {f.key: f for f in compare_facts(c, r)}
        raw = r.data  # as written in the file (YAML or Markdown front matter)
        kinds = {p["organisation"]: _yaml(fixture_data, "organisations", p["organisation"])["kind"]
                 for p in raw.get("parties") or []}
        names = lambda kind: sorted(_yaml(fixture_data, "organisations", o)["title"] for o, k in kinds.items() if k == kind)
        assert sorted(v.text for v in facts["civil"].values) == names("civilsamhalle"), r.id
        assert sorted(v.text for v in facts["public"].values) == names("offentlig"), r.id
        assert [v.text for v in facts["principles"].values] == [PRINCIPLE_LABELS[p] for p in raw.get("principles") or []]
        assert [v.text for v in facts["themes"].values] == list(raw.get("themes") or [])
        status = c.status_with_reason(r)
        assert facts["status"].text() == f"{status.value} ({status.reason})"
        n = len({b.source.id for b in c.backlinks.get(r.id, [])})
        assert facts["referred"].values[0].text.startswith(f"{n} post")
        decision, document = raw.get("decision"), raw.get("document")
        if decision:
            assert facts["decision"].text().startswith(decision["body"]), r.id
        else:
            assert facts["decision"].text() == MISSING, r.id
        assert (facts["document"].text() == MISSING) == (not document), r.id


def test_the_vasteras_versions_form_one_chain_and_changes_are_named(built):
    c = built.catalog
    chains = version_chains(c)
    assert [[r.id for r in ch] for ch in chains] == [["test-lok-vasteras-1", "test-lok-vasteras-2", "test-lok-vasteras-3"]]
    one, two, three = (compare_facts(c, r) for r in chains[0])
    assert "period" in changed(one, two) and "kind" not in changed(one, two)
    assert {"principles", "civil", "period", "status"} <= changed(two, three)
    assert "referred" not in changed(two, three)


def test_the_compare_json_is_the_same_facts(built):
    files = compare_files(built.catalog)
    assert len(files) == len(built.catalog.by_type["agreement"])
    for r in built.catalog.by_type["agreement"]:
        data = json.loads(files[f"jamfor/data/{r.id}.json"])
        assert data["title"] == r.title and data["url"] == f"overenskommelser/{r.id}/"
        assert [(f["key"], [v["text"] for v in f["values"]]) for f in data["facts"]] == [
            (f.key, [v.text for v in f.values]) for f in compare_facts(built.catalog, r)]


def test_decision_document_and_until_further_notice_from_the_record(built):
    """The new agreement fields reach the facts as written (a record made here, not from disk)."""
    import dataclasses
    c = built.catalog
    base = c.by_id["test-iop-okand"]
    data = dict(base.data, decision={"body": "kommunfullmäktige", "date": "2019-05"},
                document={"url": "https://example.org/iop.pdf", "format": "pdf", "copy": True},
                until_further_notice=True,
                sources=[{"title": "Kommunens sida", "publisher": "Uppsala kommun", "states_period": True}])
    r = dataclasses.replace(base, data=data)
    facts = {f.key: f for f in compare_facts(c, r)}
    assert facts["decision"].text() == "kommunfullmäktige (maj 2019)"
    assert facts["document"].values[0].url == "https://example.org/iop.pdf"
    assert facts["document"].values[0].note == "PDF, kopia på en dokumentdelningssajt"
    assert facts["period"].text() == "från 2019, tills vidare (enligt Uppsala kommun)"
