"""Reading files into records: the strict loader, positions, partial dates, type folders."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from samverkan.read.dates import PartialDate
from samverkan.read.records import folder_type_of, load_record
from samverkan.read.yamlsource import LoadError


def test_dates_keep_their_precision():
    assert PartialDate.parse(2019).iso() == "2019"
    assert PartialDate.parse("2019-05").swedish() == "maj 2019"
    assert PartialDate.parse("2020-02-29").last_day.isoformat() == "2020-02-29"
    assert PartialDate.parse("2016").last_day.isoformat() == "2016-12-31"
    with pytest.raises(ValueError, match="februari 2019 har 28 dagar"):
        PartialDate.parse("2019-02-29")


def test_yaml_dates_are_not_turned_into_objects(tmp_path):
    path = tmp_path / "agreements" / "lok-a.yaml"
    path.parent.mkdir()
    path.write_text("type: agreement\nkind: lok\ntitle: A\ndate: 2019-05-01\nsources: [{title: s}]\n", "utf-8")
    assert load_record(path).get("date") == "2019-05-01"


def test_positions_point_at_keys_and_items(tmp_path):
    path = tmp_path / "agreements" / "lok-a.yaml"
    path.parent.mkdir()
    path.write_text("type: agreement\nkind: lok\nmunicipalities:\n  - Västerås\n  - Eskilstuna\n", "utf-8")
    record = load_record(path)
    assert record.position("kind") == (2, 1)
    assert record.position("municipalities", 1) == (5, 5)
    assert folder_type_of(path) == "agreement" and record.type == "agreement"


def test_duplicate_keys_are_refused_with_their_line(tmp_path):
    path = tmp_path / "agreements" / "lok-a.yaml"
    path.parent.mkdir()
    path.write_text("type: agreement\ntitle: A\ntitle: B\n", "utf-8")
    with pytest.raises(LoadError) as err:
        load_record(path)
    assert err.value.line == 3


# -- the line offset of a .md record's fields ----------------------------------------------------

def _problems_of(tmp_path, name: str, text: str) -> list[tuple[int, int, str]]:
    from samverkan.read.project import Project
    from samverkan.validate.run import validate

    repo = Path(__file__).resolve().parents[2]
    data = tmp_path / name.replace(".", "-")
    (data / "reports").mkdir(parents=True)
    (data / "reports" / name).write_text(text, "utf-8")
    report = validate(Project.at(repo, data))
    return [(p.line, p.column, p.message) for p in report.problems]


FIELDS = ("type: report\nkind: rapport\ntitle: R\nrelated: [finns-inte]\ntitel: fel\n"
          "summary: Kontakt 811218-9876.\nsources: [{title: x}]\n")


def test_a_md_records_problems_name_the_files_own_lines(tmp_path):
    """The same fields as .yaml and as .md front matter: every problem (schema, across records, a
    personnummer as written) stands one line lower in the .md file, below its opening ---."""
    as_yaml = _problems_of(tmp_path, "rapport-a.yaml", FIELDS)
    as_md = _problems_of(tmp_path, "rapport-a.md", f"---\n{FIELDS}---\n\nText.\n")
    assert len(as_yaml) >= 3
    assert as_md == [(line + 1, col, msg) for line, col, msg in as_yaml]
    broken = "type: report\nkind: rapport\ntitle: A\ntitle: B\nsources: [{title: x}]\n"
    (line, _, _), = _problems_of(tmp_path, "rapport-b.yaml", broken)
    assert [p[0] for p in _problems_of(tmp_path, "rapport-b.md", f"---\n{broken}---\n")] == [line + 1]


def test_a_body_problem_names_the_files_own_line(tmp_path):
    body_line = 4 + FIELDS.count("\n")  # ---, the fields, ---, an empty line, then the body
    text = f"---\n{FIELDS.replace('Kontakt 811218-9876.', 'K.')}---\n\nText 811218-9876.\n"
    assert text.splitlines()[body_line - 1] == "Text 811218-9876."
    assert any(line == body_line for line, _, _ in _problems_of(tmp_path, "rapport-c.md", text))


def test_one_function_owns_the_front_matter_line_offset():
    from samverkan.read import yamlsource

    package = Path(yamlsource.__file__).resolve().parents[1]
    offenders = [str(f.relative_to(package)) for f in sorted(package.rglob("*.py"))
                 if f.name != "yamlsource.py" and re.search(r"""suffix\s*==\s*["']\.md["']\s*else|line_offset""", f.read_text("utf-8"))]
    assert offenders == []
    # Blank lines the front matter split may take with the opening --- are still counted.
    for above in ("---\n", "---  \n", "---\n\n", "---\n \n\n"):
        fields, body = yamlsource.split_front_matter(f"{above}type: report\nkind: rapport\n---\nText.\n")
        assert fields.splitlines().index("type: report") == above.count("\n"), repr(above)
        assert body.strip() == "Text."
