"""Every file under data/ is accounted for (issue 11, points 2 and 8): whatever names and folders
a contributor uses, `validate` either checks a file as a record, knows it as a non-record file
(schema, places, README, an editor's temporary file), or reports it by name. Nothing vanishes."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan.read.project import Project
from samverkan.read.records import RECORD_SUFFIXES, TYPE_FOLDERS, scan_data, suggested_name
from samverkan.validate.problems import display_path
from samverkan.validate.run import validate

ROOT = Path(__file__).resolve().parents[2]

RECORD = "type: agreement\nkind: lok\ntitle: En överenskommelse\nsources:\n  - title: En källa\n"
MARKDOWN = "---\ntype: report\nkind: rapport\ntitle: R\nsources: [{title: x}]\n---\n\nText.\n"

folders = st.sampled_from([*TYPE_FOLDERS, "agreement", "Agreements", "AGREEMENTS", "rapporter", "diverse",
                           "schema", "places", "agreements/2019", "reports/äldre", ".git-ish", "", "a b"])
stems = st.text(alphabet="abcxyzABCÅäö019-_ .~#", min_size=1, max_size=12)
suffixes = st.sampled_from([*RECORD_SUFFIXES, ".YAML", ".Yml", ".MD", ".json", ".txt", ".yaml.txt", ".yaml~",
                            ".swp", "", ".yaml.bak", ".md.orig"])
kinds = st.sampled_from(["file", "file", "file", "link-inside", "link-outside", "link-dangling"])
entries = st.lists(st.tuples(folders, stems, suffixes, kinds), min_size=0, max_size=12)


def _lay_out(data: Path, outside: Path, layout) -> list[Path]:
    made: list[Path] = []
    for folder, stem, suffix, kind in layout:
        name = stem + suffix
        if name in (".", "..") or "/" in name:
            continue
        path = data / folder / name if folder else data / name
        # a name already used as a folder, or a folder already used as a file name, is skipped
        if any(p == path or p in path.parents or path in p.parents for p in made):
            continue
        if any(q.is_file() or q.is_symlink() for q in path.parents if data in q.parents):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        text = MARKDOWN if suffix.lower().startswith(".md") else RECORD
        if kind == "file":
            path.write_text(text, "utf-8")
        elif kind == "link-inside":
            target = data / "target" / f"t{len(made)}.yaml"
            target.parent.mkdir(exist_ok=True)
            target.write_text(text, "utf-8")
            made.append(target)
            path.symlink_to(target)
        elif kind == "link-outside":
            target = outside / f"o{len(made)}.yaml"
            target.write_text(text, "utf-8")
            path.symlink_to(target)
        else:
            path.symlink_to(data / "finns-inte.yaml")
        made.append(path)
    return made


def _accounted(report, files: list[Path]) -> list[Path]:
    checked = {os.path.abspath(r.path) for r in report.records}
    known = {os.path.abspath(p) for p in report.known}
    reported = {p.path for p in report.problems}
    return [f for f in files if os.path.abspath(f) not in checked | known
            and display_path(f, ROOT) not in reported]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout=entries, explicit=st.lists(st.integers(min_value=0, max_value=30), max_size=4))
def test_every_file_is_checked_known_or_reported(layout, explicit):
    with tempfile.TemporaryDirectory() as tmp:
        data, outside = Path(tmp) / "data", Path(tmp) / "utanfor"
        data.mkdir()
        outside.mkdir()
        made = _lay_out(data, outside, layout)
        report = validate(Project.at(ROOT, data))
        assert not _accounted(report, made), [str(p) for p in _accounted(report, made)]
        # What is checked as a record is exactly what the build publishes: right folder, right suffix.
        for record in report.records:
            rel = Path(os.path.abspath(record.path)).relative_to(data)
            assert rel.parts[0] in TYPE_FOLDERS and record.path.name.endswith(RECORD_SUFFIXES)
            assert not record.path.name.startswith(".")
        # A data set without a record never passes.
        if not report.records:
            assert not report.ok
        # The same files asked for by name (as --changed does) are accounted for too.
        if made and explicit:
            asked = sorted({made[i % len(made)] for i in explicit})
            again = validate(Project.at(ROOT, data), asked)
            assert not _accounted(again, asked), [str(p) for p in _accounted(again, asked)]


def test_a_link_that_stays_inside_is_a_record(tmp_path):
    data = tmp_path / "data"
    (data / "agreements").mkdir(parents=True)
    (data / "delat").mkdir()
    (data / "delat" / "lok-a.yaml").write_text(RECORD, "utf-8")
    (data / "agreements" / "lok-a.yaml").symlink_to("../delat/lok-a.yaml")
    scan = scan_data(data, None, ROOT)
    assert scan.records == [data / "agreements" / "lok-a.yaml"]
    assert [p.name for p, _ in scan.problems] == ["lok-a.yaml"]  # delat/ itself is an unknown folder
    assert "mappen 'delat' är ingen typmapp" in scan.problems[0][1]


def test_a_linked_folder_outside_is_refused_and_not_entered(tmp_path):
    data, outside = tmp_path / "data", tmp_path / "utanfor"
    (data / "agreements").mkdir(parents=True)
    (data / "agreements" / "lok-ok.yaml").write_text(RECORD, "utf-8")
    (outside / "reports").mkdir(parents=True)
    (outside / "reports" / "rapport-a.md").write_text(MARKDOWN, "utf-8")
    (data / "reports").symlink_to(outside / "reports", target_is_directory=True)
    report = validate(Project.at(ROOT, data))
    assert [str(p) for p in report.problems] == [
        f"{(data / 'reports').as_posix()}:1:1: länken pekar utanför förrådet ({outside / 'reports'}) och följs "
        "inte; lägg det som ska publiceras här i stället för att länka"]
    assert [r.id for r in report.records] == ["lok-ok"]


def test_a_missing_data_folder_is_an_error(tmp_path):
    report = validate(Project.at(ROOT, tmp_path / "finns-inte"))
    assert [str(p) for p in report.problems] == [
        f"{(tmp_path / 'finns-inte').as_posix()}:1:1: mappen med poster finns inte; ange en befintlig mapp "
        "(--data eller SAMVERKAN_DATA_DIR) eller skapa den med undermappar som data/agreements/"]


def test_the_real_data_has_nothing_unaccounted():
    scan = scan_data(ROOT / "data", ROOT / "data", ROOT)
    assert not scan.problems
    assert {p.relative_to(ROOT / "data").parts[0] for p in scan.known} <= {"schema", "places"}
    assert len(scan.records) == sum(1 for folder in TYPE_FOLDERS for p in (ROOT / "data" / folder).rglob("*")
                                    if p.is_file())


@pytest.mark.parametrize("name, expected", [("Lok-A.YAML", "lok-a.yaml"), ("lok-a.yaml.txt", "lok-a.yaml"),
                                            (".lok-a.yaml", "lok-a.yaml"), ("rapport.MD", "rapport.md"),
                                            ("LOK_Västerås", "lok-vasteras.yaml")])
def test_suggested_names(name, expected):
    assert suggested_name(name) == expected
