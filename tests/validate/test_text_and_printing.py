"""Reading as written (YAML 1.2 core), the text check after decoding, and problems safe to print."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.read.project import Project
from samverkan.read.yamlsource import MAX_RECORD_BYTES, LoadError, parse_yaml
from samverkan.validate.problems import Problem
from samverkan.validate.run import validate
from samverkan.validate.schema import ecma_pattern, load_schema
from samverkan.validate.text import find_personal_numbers, private_email, visible

ROOT = Path(__file__).resolve().parents[2]


def agreement(extra: str = "", title: str = "A") -> str:
    return f"type: agreement\nkind: lok\ntitle: {title}\n{extra}sources: [{{title: K}}]\n"


def problems_of(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return [p.message for p in validate(Project.at(ROOT, tmp_path)).problems]


# -- 1. read as written ---------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("0162", "0162"), ("0114", "0114"), ("1980", 1980), ("-5", -5), ("0", 0), ("00", "00"), ("+12", "+12"),
    ("0x7E3", "0x7E3"), ("0o17", "0o17"), ("33:39", "33:39"), ("2_019", "2_019"), ("1e3", "1e3"),
    ("3.5", "3.5"), (".inf", ".inf"), (".NaN", ".NaN"), ("yes", "yes"), ("No", "No"), ("on", "on"),
    ("off", "off"), ("y", "y"), ("true", True), ("False", False), ("TRUE", True), ("~", None), ("null", None),
    ("NULL", None), ("", None), ("2019-01-01", "2019-01-01"), ("12:30:00", "12:30:00"),
])
def test_plain_scalars_follow_yaml_1_2_core_and_keep_their_text(text, value):
    assert parse_yaml(f"a: {text}\n")["a"] == value


@given(st.from_regex(r"[-+]?[0-9_:.xXoOeE]{1,8}", fullmatch=True))
@settings(max_examples=300)
def test_a_number_is_read_only_when_its_text_is_that_number(text):
    try:
        value = parse_yaml(f"a: {text}\n")["a"]
    except LoadError:
        return
    assert value == text or (isinstance(value, int) and str(value) == text)


@pytest.mark.parametrize("tag", ["!!int 0162", "!!int 0x7E3", "!!float 1.5", "!!bool yes", "!!timestamp 2019-01-01"])
def test_explicit_tags_cannot_bring_yaml_1_1_back(tag):
    with pytest.raises(LoadError, match="YAML-taggen"):
        parse_yaml(f"a: {tag}\n")


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path):
    messages = problems_of(tmp_path, {"agreements/lok-a.yaml": agreement() + "#" * MAX_RECORD_BYTES})
    assert len(messages) == 1 and "mer än gränsen 1 000 000 byte" in messages[0]


def test_a_file_at_the_size_limit_is_read(tmp_path):
    head = agreement()
    assert problems_of(tmp_path, {"agreements/lok-a.yaml": head + "#" * (MAX_RECORD_BYTES - len(head.encode()))}) == []


# -- 3. patterns match whole values ---------------------------------------------------------
def test_every_schema_pattern_is_anchored_at_the_very_end_for_python():
    schema = load_schema(ROOT / "data")
    patterns = re.findall(r'"pattern": "([^"]+)"', __import__("json").dumps(schema))
    assert patterns
    for pattern in patterns:
        rx = re.compile(ecma_pattern(pattern.encode().decode("unicode_escape")))
        for sample in ("2024-01-01", "lok-a", "https://a.se/", "integration"):
            if rx.search(sample):
                assert not rx.search(sample + "\n"), pattern


@pytest.mark.parametrize("extra", ['date: "2024-01-01\\n"', "date: |\n  2024\n", 'valid_to: "2024\\n"',
                                   'related: ["lok-b\\n"]', 'themes: ["integration\\n"]',
                                   'sources: [{title: K, url: "https://a.se/\\n"}]'])
def test_a_value_with_a_final_newline_never_passes(tmp_path, extra):
    files = {"agreements/lok-a.yaml": agreement(extra + "\n").replace("sources: [{title: K}]\n", "")
             if extra.startswith("sources") else agreement(extra + "\n"),
             "agreements/lok-b.yaml": agreement()}
    assert problems_of(tmp_path, files)


# -- 3. characters, names and personnummer ---------------------------------------------------
@pytest.mark.parametrize("name", ["Västerås", unicodedata.normalize("NFD", "Västerås"), "VÄSTERÅS", " Västerås "])
def test_a_kommun_written_in_any_canonical_form_resolves(tmp_path, name):
    assert problems_of(tmp_path, {"agreements/lok-a.yaml": agreement(f'municipalities: ["{name}"]\n')}) == []


@pytest.mark.parametrize("char", ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u200d", "\u200e"])
def test_a_hidden_character_in_a_place_name_is_named_not_taken_for_a_misspelling(tmp_path, char):
    messages = problems_of(tmp_path, {"agreements/lok-a.yaml": agreement(f'municipalities: ["Väster{char}ås"]\n')})
    assert len(messages) == 1
    assert f"U+{ord(char):04X}" in messages[0] and "menade du" not in messages[0]


@pytest.mark.parametrize("cp", [c for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0D)] + [0x7F, 0x85, 0x9B])
def test_control_characters_are_refused_in_fields_and_in_the_body(tmp_path, cp):
    field = problems_of(tmp_path / "f", {"agreements/lok-a.yaml": agreement(f'summary: "a\\u{cp:04x}b"\n')})
    body = problems_of(tmp_path / "b", {"reports/r-a.md": "---\ntype: report\nkind: rapport\ntitle: R\n"
                                        f"sources: [{{title: K}}]\n---\n\nText{chr(cp)}här.\n"})
    assert len(field) == 1 and "styrtecken" in field[0]
    # A raw NEL in the file is refused by the reader already, as the line break it would become.
    expected = "radbrytningstecken" if cp == 0x85 else "styrtecken"
    assert len(body) == 1 and expected in body[0]


def test_tab_and_newline_are_text_in_a_body_and_a_summary_but_not_in_a_title(tmp_path):
    ok = problems_of(tmp_path / "ok", {
        "reports/r-a.md": "---\ntype: report\nkind: rapport\ntitle: R\nsummary: >\n  Två\n  rader.\n"
                          "sources: [{title: K}]\n---\n\n|\ta\t|\r\nrad två\r\n"})
    bad = problems_of(tmp_path / "bad", {"agreements/lok-a.yaml": agreement(title='"a\\tb"')})
    assert ok == [] and len(bad) == 1 and "tabb" in bad[0]


@pytest.mark.parametrize("title", ['" "', '"\\u3000"', '"\\u00a0\\u200b"', '"\\u0301"', "'\u2800'"])
def test_a_title_of_only_spaces_or_invisible_characters_is_refused(tmp_path, title):
    messages = problems_of(tmp_path, {"agreements/lok-a.yaml": agreement(title=title)})
    assert messages == ["title består bara av mellanslag eller osynliga tecken; skriv titeln som i källan"]


@pytest.mark.parametrize("written", [
    "811218-9876", "8112189876", "19811218-9876", "811218+9876", "811218 9876", "811218\u20139876",
    "811218\u20149876", "811218\u22129876", "811218\u00a09876", "811218\u202f9876", "811218 - 9876",
    "\uff18\uff11\uff11\uff12\uff11\uff18-9876", "811278-0005",
])
def test_a_personnummer_is_found_with_any_dash_or_space(written):
    from samverkan.validate.text import reader_view

    assert list(find_personal_numbers(reader_view(f"Kontakt x-{written}.")))


@pytest.mark.parametrize("written", ["2019-01-01", "811218-9875", "811318-9876", "1234567890", "lok-2019-2020"])
def test_dates_and_numbers_that_fail_the_check_digit_are_not_personnummer(written):
    assert not list(find_personal_numbers(written))


@pytest.mark.parametrize("body", ["&#56;11218-9876", "&#x38;11218-9876", "811218\\-9876", "8112**18**-9876",
                                  "81*12*18-9876", "`811218`-9876", "811218-\n9876", "811&shy;218-9876",
                                  "8112\u200b18-9876"])
def test_a_personnummer_in_a_body_is_found_as_a_reader_sees_it(tmp_path, body):
    messages = problems_of(tmp_path, {"reports/r-a.md": "---\ntype: report\nkind: rapport\ntitle: R\n"
                                      f"sources: [{{title: K}}]\n---\n\nText.\n\nNummer {body} här.\n"})
    assert any("personnummer" in m for m in messages), messages


# -- the e-mail judgement (CONTRIBUTING.md) ---------------------------------------------------
@pytest.mark.parametrize("address", ["info@vasteras.se", "registrator@regionskane.se", "kansli@forumideburen.se",
                                     "info.skane@famna.org", "press-kontakt@skr.se", "iop@mora.se",
                                     "lok2012@uppsala.se"])
def test_an_organisations_functional_address_is_allowed(address):
    local, domain = address.split("@")
    assert not private_email(local, domain)


@pytest.mark.parametrize("address", ["anna.svensson@vasteras.se", "a.svensson@region.se", "anna_svensson@skr.se",
                                     "per-olof.ek@forum.se", "foreningen@hotmail.com", "info@gmail.com"])
def test_a_persons_address_is_refused(address):
    local, domain = address.split("@")
    assert private_email(local, domain)


def test_an_email_address_in_a_field_is_reported_at_the_field(tmp_path):
    messages = problems_of(tmp_path, {"agreements/lok-a.yaml": agreement("summary: Skriv till info@mora.se "
                                                                         "eller anna.ek@mora.se.\n")})
    assert messages == ["summary: 'anna.ek@mora.se' ser ut som en privat e-postadress; ange organisationens "
                        "funktionsadress (t.ex. info@ eller registrator@) eller ta bort adressen"]


# -- 5. safe to print --------------------------------------------------------------------------
def _toolkit_escape_data(s: str) -> str:  # @actions/core command.ts, escapeData
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _toolkit_escape_property(s: str) -> str:  # @actions/core command.ts, escapeProperty
    return _toolkit_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """As the runner reads ::cmd k=v,k=v::message (ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    head, _, message = line[2:].partition("::")
    cmd, _, props = head.partition(" ")
    unescape = lambda s: s.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")  # noqa: E731
    values = dict(p.split("=", 1) for p in props.split(",") if p)
    return cmd, {k: unescape(v) for k, v in values.items()}, unescape(message)


@given(path=st.text(min_size=1, max_size=30), message=st.text(max_size=40),
       line=st.integers(1, 10_000), col=st.integers(1, 500))
@settings(max_examples=300)
def test_a_github_annotation_cannot_be_forged_by_a_file_name_or_a_value(path, message, line, col):
    annotation = Problem(path, line, col, message).github_annotation()
    assert "\n" not in annotation and "\r" not in annotation
    cmd, props, text = _parse_workflow_command(annotation)
    assert cmd == "error"
    assert props == {"file": path, "line": str(line), "col": str(col)}
    assert text == visible(message, keep="\r\n")
    assert annotation.split("::", 2)[1].split(" ", 1)[1] == ",".join(
        f"{k}={_toolkit_escape_property(v)}" for k, v in (("file", path), ("line", str(line)), ("col", str(col))))


def test_the_forged_file_name_of_the_issue_stays_one_property():
    annotation = Problem("data/agreements/a,line=99::x.yaml", 3, 1, "fel\n::warning::falskt").github_annotation()
    assert annotation == ("::error file=data/agreements/a%2Cline=99%3A%3Ax.yaml,line=3,col=1::"
                          "fel%0A::warning::falskt")


@given(st.text(max_size=40))
def test_terminal_output_has_no_raw_control_characters(text):
    shown = str(Problem(text, 1, 1, text))
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") for ch in shown)


def test_the_cli_shows_a_terminal_escape_in_a_value_as_text(tmp_path):
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "lok-a.yaml").write_text(agreement(title='"\\e]0;pwned\\a\\e[2J"'), "utf-8")
    for fmt in ("text", "github"):
        result = subprocess.run([sys.executable, "-m", "samverkan", "validate", "--data", str(tmp_path),
                                 "--format", fmt], cwd=ROOT, capture_output=True, text=True, env={**os.environ})
        assert result.returncode == 1
        assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout
        assert "\\x1b]0;pwned\\x07\\x1b[2J" in result.stdout
