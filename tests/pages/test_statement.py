"""The accessibility statement's data (front matter of docs/tillganglighet.md) and its rendering."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samverkan.pages.statement import (DIGG_REPORT_URL, MARKERS, StatementError, fill, load_statement,
                                       render_blocks)

REPO = Path(__file__).resolve().parents[2]

GOOD = """---
title: T
tillganglighet:
  compliance: delvis förenlig
  page_types:
    - {name: Startsidan, path: ""}
    - {name: Sök, path: sok/}
  checks:
    - {id: axe, name: axe-core}
    - {id: fokus, name: Synligt fokus}
  problems:
    - check: "axe:color-contrast"
      pages: [Sök]
      description: "Grå text <b>kontrast</b>."
      reason: "Temat."
  exempt:
    - {what: Länkade dokument, why: "Tredje part (9 §)."}
---
# T
"""


def write(tmp_path, text):
    path = tmp_path / "tillganglighet.md"
    path.write_text(text, "utf-8")
    return path


def test_the_real_statement_loads_and_every_marker_is_on_the_page():
    page = REPO / "docs" / "tillganglighet.md"
    statement = load_statement(page)
    assert statement.compliance in ("helt förenlig", "delvis förenlig", "inte förenlig")
    text = page.read_text("utf-8")
    assert all(f"<!-- samverkan:tillganglighet:{m} -->" in text for m in MARKERS)
    assert DIGG_REPORT_URL in text


def test_rendering_names_the_problems_the_dates_and_the_address(tmp_path):
    s = load_statement(write(tmp_path, GOOD))
    assert s.problem_keys() == {("axe:color-contrast", "Sök")}
    blocks = render_blocks(s, site_name="Samverkansbasen", assessed=dt.date(2025, 1, 1),
                           updated=dt.date(2024, 12, 3), feedback_email="synpunkter@example.org",
                           repo_url="https://github.com/o/r")
    assert "**delvis förenlig**" in blocks["status"]
    assert "1 januari 2025" in blocks["status"] and "3 december 2024" in blocks["status"]
    assert "Grå text &lt;b&gt;kontrast&lt;/b&gt;." in blocks["brister"]  # text, never markup
    assert "Gäller: Sök" in blocks["brister"] and "Temat." in blocks["brister"]
    assert "[synpunkter@example.org](mailto:synpunkter@example.org)" in blocks["kontakt"]
    assert "https://github.com/o/r/issues/new" in blocks["kontakt"]
    assert "Tredje part (9 §)." in blocks["undantag"]
    filled = fill("".join(f"<!-- samverkan:tillganglighet:{m} -->\n" for m in MARKERS), blocks)
    assert "samverkan:tillganglighet" not in filled


def test_without_an_address_the_statement_says_so(tmp_path):
    s = load_statement(write(tmp_path, GOOD))
    blocks = render_blocks(s, site_name="S", assessed=dt.date(2025, 1, 1), updated=dt.date(2025, 1, 1),
                           feedback_email="", repo_url="")
    assert "Någon e-postadress för synpunkter är inte angiven ännu." in blocks["kontakt"]


@pytest.mark.parametrize("change, message", [
    (("delvis förenlig", "helt förenlig"), "compliance är 'helt förenlig' men 1 kända brister"),
    (("delvis förenlig", "ganska bra"), "compliance är 'ganska bra'"),
    (("pages: [Sök]", "pages: [Okänd]"), "pages nämner ['Okänd']"),
    (("axe:color-contrast", "zoom:x"), "check 'zoom:x' är ingen av kontrollerna"),
    (("tillganglighet:", "annat:"), "saknar 'tillganglighet:'"),
])
def test_a_wrong_data_block_is_refused_in_swedish(tmp_path, change, message):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(StatementError) as err:
        load_statement(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_a_missing_marker_is_an_error():
    with pytest.raises(StatementError, match="markören <!-- samverkan:tillganglighet:status --> saknas"):
        fill("no markers", {m: "" for m in MARKERS})
