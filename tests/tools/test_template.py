"""`samverkan new`: a template with Swedish comments that validates once filled."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan.read.project import Project

from samverkan.validate.run import validate

ROOT = Path(__file__).resolve().parents[2]


def samverkan(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ}
    return subprocess.run([sys.executable, "-m", "samverkan", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("rtype,folder", [
    ("agreement", "agreements"), ("consultation", "consultations"), ("report", "reports"),
    ("document", "documents"), ("organisation", "organisations"),
])
def test_template_refuses_until_filled_then_validates(tmp_path, rtype, folder):
    result = samverkan("new", rtype, "ny-post", "--data", str(tmp_path), "--no-input")
    assert result.returncode == 0, result.stderr
    path = tmp_path / folder / "ny-post.yaml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/record.schema.json\n")
    assert "# Skriv bara det som källan säger" in text

    unfilled = validate(Project.at(ROOT, tmp_path))
    assert [p.message.split(";")[0] for p in unfilled.problems] == ["title är tomt", "sources[1].title är tomt"]

    path.write_text(text.replace('title: ""', 'title: "Exempel"', 1)
                    .replace('  - title: ""', '  - title: "Beslut i kommunfullmäktige"'), "utf-8")
    filled = validate(Project.at(ROOT, tmp_path))
    assert filled.ok, [str(p) for p in filled.problems]


def test_flags_fill_the_template_and_names_are_resolved(tmp_path):
    result = samverkan("new", "överenskommelse", "lok-vasteras-test", "--data", str(tmp_path), "--kind", "lok",
                       "--title", "LÖK i Västerås", "--kommun", "1980", "--date", "2014",
                       "--source-title", "Beslut", "--source-url", "https://example.org/beslut", "--no-input")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "agreements" / "lok-vasteras-test.yaml").read_text("utf-8")
    assert 'municipalities: ["Västerås"]' in text and 'date: "2014"' in text
    assert validate(Project.at(ROOT, tmp_path)).ok


def test_unknown_kommun_gets_a_suggestion_and_nothing_is_written(tmp_path):
    result = samverkan("new", "agreement", "lok-x", "--data", str(tmp_path), "--kommun", "Västerås kommun",
                       "--no-input")
    assert result.returncode == 2
    assert "okänd kommun 'Västerås kommun'; menade du 'Västerås'?" in result.stderr
    assert not (tmp_path / "agreements" / "lok-x.yaml").exists()


def test_existing_file_is_not_overwritten(tmp_path):
    assert samverkan("new", "report", "r", "--data", str(tmp_path), "--no-input").returncode == 0
    again = samverkan("new", "report", "r", "--data", str(tmp_path), "--no-input")
    assert again.returncode == 1 and "finns redan" in again.stderr
