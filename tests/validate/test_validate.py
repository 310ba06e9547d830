"""The validator as a maintainer meets it: exact file, line and message for bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import fastjsonschema
import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan.validate.checks import find_personal_number
from samverkan.validate.schema import _fast_gates
from samverkan.read.project import Project
from samverkan.validate.run import check_file, validate

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "bad"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ}
    return subprocess.run([sys.executable, "-m", "samverkan", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_bad_input_reports_exact_file_line_and_message(case):
    expected = (CORPUS / case / "expected.txt").read_text("utf-8").splitlines()
    assert expected, f"{case}: every bad case must expect at least one problem"
    data = CORPUS / case / "data"
    assert data.is_dir(), f"{case}: run python tests/corpus/make_corpus.py --expect (cases live in <case>/data/)"
    report = validate(Project.at(ROOT, data))
    assert [str(p) for p in report.problems] == expected
    assert not report.ok


def test_the_corpus_is_what_make_corpus_writes(tmp_path):
    """tests/corpus/bad/*/data is exactly what tests/corpus/make_corpus.py writes, byte for byte."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS.parent / "make_corpus.py")
    make_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_corpus)
    make_corpus.write(tmp_path)

    def files(top: Path) -> dict[str, object]:
        out = {}
        for path in sorted(top.rglob("*")):
            rel = path.relative_to(top).as_posix()
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path))
            elif path.is_file() and path.name != "expected.txt":
                out[rel] = path.read_bytes()
        return out

    assert files(tmp_path) == files(CORPUS)


def test_cli_prints_every_problem_and_exits_non_zero():
    result = run_cli("validate", "--data", str(CORPUS / "supersedes-cycle" / "data"))
    assert result.returncode == 1
    assert result.stdout.splitlines() == (CORPUS / "supersedes-cycle" / "expected.txt").read_text("utf-8").splitlines()
    assert "1 fel i 1 filer" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_reports_all_problems_of_a_file_at_once(tmp_path):
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / "lok-x.yaml").write_text(
        "type: agreement\nkind: lok\ntitle: X\ndate: 2019-02-30\nvalid_from: 2012\nvalid_to: 2011\n"
        "municipalities: [Västerås kommun]\nsources:\n  - title: K\n    url: www.example.org\n", "utf-8")
    result = run_cli("validate", "--data", str(tmp_path))
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert [line.split(": ", 1)[0].rsplit(":", 2)[1] for line in lines] == ["4", "6", "7", "10"]
    assert "menade du 'Västerås'?" in lines[2]


def test_cli_never_shows_a_traceback_for_a_missing_path():
    result = run_cli("validate", "finns/inte.yaml")
    assert result.returncode == 1
    assert "finns/inte.yaml:1:1: filen finns inte" in result.stdout
    assert "Traceback" not in result.stderr


def test_clean_run_counts_records_by_type(tmp_path):
    for folder, text in {
        "organisations/kommunen.yaml": "type: organisation\nkind: offentlig\ntitle: K\nsources: [{title: s}]\n",
        "agreements/lok-a.yaml": "type: agreement\nkind: lok\ntitle: A\nparties: [{organisation: kommunen}]\n"
                                 "sources: [{title: s}]\n",
        "agreements/lok-b.yaml": "type: agreement\nkind: lok\ntitle: B\nsupersedes: [lok-a]\nsources: [{title: s}]\n",
    }.items():
        (tmp_path / folder).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / folder).write_text(text, "utf-8")
    result = run_cli("validate", "--data", str(tmp_path))
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "Alla 3 filer är giltiga: 2 överenskommelser, 1 organisationer."


def test_real_data_validates():
    report = validate(Project.at(ROOT))
    assert report.ok, "\n".join(map(str, report.problems))


def test_only_given_paths_are_reported_but_references_resolve(tmp_path):
    (tmp_path / "agreements").mkdir()
    (tmp_path / "organisations").mkdir()
    (tmp_path / "organisations" / "kommunen.yaml").write_text(
        "type: organisation\nkind: offentlig\ntitle: K\nsources: [{title: s}]\n", "utf-8")
    (tmp_path / "agreements" / "lok-bad.yaml").write_text("title: [\n", "utf-8")
    good = tmp_path / "agreements" / "lok-good.yaml"
    good.write_text("type: agreement\nkind: lok\ntitle: A\nparties: [{organisation: kommunen}]\n"
                    "sources: [{title: s}]\n", "utf-8")
    report = validate(Project.at(ROOT, tmp_path), [good])
    assert report.ok and report.files_checked == 1


# -- the model keeps what it is given -------------------------------------------------------

def test_hostile_text_is_kept_verbatim(tmp_path):
    hostile = '<script>alert(1)</script> & <img src=x onerror="alert(2)">'
    path = tmp_path / "reports" / "rapport-x.md"
    path.parent.mkdir()
    path.write_text(f"---\ntype: report\nkind: rapport\ntitle: '{hostile}'\nsources: [{{title: s}}]\n---\n\n"
                    f"{hostile}\n", "utf-8")
    record, problems = check_file(path, ROOT / "data")
    assert problems == []
    assert record.title == hostile
    assert record.body == hostile


@pytest.mark.parametrize("text,found", [
    ("kontakt 811218-9876", "811218-9876"),
    ("19811218-9876", "19811218-9876"),
    ("198112189876", "198112189876"),
    ("samordningsnummer 811278-9874", None),  # Luhn fails
    ("2019-11-29 kl. 12.00", None),
    ("Dir. 2017:48, SOU 2016:13", None),
    ("telefon 0701234567", None),
    ("beslut 2014/687-019", None),
])
def test_personal_number_detector(text, found):
    assert find_personal_number(text) == found


# -- property-based: nothing but a clean error, whatever the input ---------------------------

def _check_bytes(tmp_path: Path, content: bytes, name: str = "lok-a.yaml"):
    folder = tmp_path / "agreements"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    record, problems = check_file(path, ROOT / "data")
    for (line, col), message in problems:
        assert isinstance(line, int) and line >= 1 and isinstance(col, int) and col >= 1
        assert isinstance(message, str) and ";" in message, message  # what is wrong; what to do
    return record, problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_only_clean_errors(tmp_path, content):
    _check_bytes(tmp_path, content)
    _check_bytes(tmp_path, b"---\n" + content, name="rapport-a.md")


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                     st.text(max_size=30), st.sampled_from(["agreement", "lok", "Västerås", "2019-02-30", "2019"]))
_keys = st.one_of(st.sampled_from(["type", "kind", "title", "date", "valid_from", "valid_to", "counties",
                                   "municipalities", "parties", "sources", "themes", "principles",
                                   "supersedes", "related", "url"]), st.text(max_size=10))
_yaml_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=6)), max_leaves=20)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_yaml_values)
def test_arbitrary_yaml_gives_only_clean_errors(tmp_path, value):
    _check_bytes(tmp_path, yaml.safe_dump(value, allow_unicode=True).encode())


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.dictionaries(_keys, _yaml_values, max_size=8),
    st.fixed_dictionaries({"type": st.sampled_from(["agreement", "consultation", "report", "document",
                                                    "organisation"]),
                           "kind": st.sampled_from(["lok", "iop", "samrad", "rapport", "motion", "natverk"]),
                           "title": st.text(max_size=5), "sources": st.just([{"title": "k"}])},
                          optional={"valid_from": st.sampled_from(["2010", 2010]), "website": st.just("https://a.se"),
                                    "parties": st.just([{"organisation": "x"}]), "date": st.just("2019"),
                                    "principles": st.just(["dialog"])}),
))
def test_fast_gate_agrees_with_the_reference_validator(value):
    """The compiled fast path must never pass what draft 2020-12 refuses (or the reverse)."""
    schema = json.loads((ROOT / "data" / "schema" / "record.schema.json").read_text("utf-8"))
    reference = jsonschema.Draft202012Validator(schema).is_valid(value)
    gates = _fast_gates(ROOT / "data")
    for key in {None, value.get("type") if isinstance(value.get("type"), str) else None}:
        if key is not None and key not in gates:
            continue
        try:
            gates[key](value)
            fast_ok = True
        except fastjsonschema.JsonSchemaException:
            fast_ok = False
        assert fast_ok == reference, key
