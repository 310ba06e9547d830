"""Invalid data stops the build with the validator's file:line messages, never a traceback."""
from __future__ import annotations

import re
import shutil

import pytest


pytestmark = pytest.mark.slow

BROKEN = """type: agreement
kind: lok
title: Trasig testpost
municipalities:
  - Vesterås
parties:
  - organisation: finns-inte
sources:
  - title: Testkälla
"""


def test_invalid_data_aborts_with_file_line_messages(tmp_path, fixture_data, mkdocs_build):
    data = tmp_path / "data"
    shutil.copytree(fixture_data, data)
    (data / "agreements" / "trasig.yaml").write_text(BROKEN, "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(data, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert re.search(r"agreements/trasig\.yaml:5:5: okänd kommun 'Vesterås'; menade du 'Västerås'\?", output), output
    assert re.search(r"agreements/trasig\.yaml:7:\d+: parties: det finns ingen post med id 'finns-inte'", output), output
    assert "2 fel i 1 filer" in output
    assert not (site / "overenskommelser").exists()  # nothing half-built


def test_missing_data_dir_is_a_message_not_a_traceback(tmp_path, mkdocs_build):
    result = mkdocs_build(tmp_path / "finns-inte", tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "mappen med poster finns inte" in output
