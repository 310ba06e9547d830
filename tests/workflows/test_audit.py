"""Every workflow passes a security audit (zizmor) and GitHub's workflow schema (issue #15, point 4).

Both tools run offline: zizmor with --offline (no online audits, no GitHub API), check-jsonschema
with its vendored schema. The environment points every proxy at a closed port on 127.0.0.1 and
carries no GitHub token, so a tool that tried the network would fail here instead of reaching out.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO / ".github" / "workflows"
SEVERITIES = ["unknown", "informational", "low", "medium", "high"]


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def tool(name: str) -> str:
    for candidate in (Path(sys.executable).parent / name, shutil.which(name)):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    pytest.fail(f"{name} saknas: installera testberoendena (pip install -e '.[test]')")


def offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN", "GH_HOST"}}
    closed = "http://127.0.0.1:9"
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env[key] = closed
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    env["ZIZMOR_OFFLINE"] = "1"
    return env


def zizmor(paths: list[Path], cwd: Path = REPO) -> tuple[list[dict], subprocess.CompletedProcess]:
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-config", "--strict-collection", "--format", "json",
         "--no-progress", *map(str, paths)],
        cwd=cwd, capture_output=True, text=True, env=offline_env(), timeout=120,
    )
    # zizmor exits 0 (nothing), 10-14 (findings by highest severity); anything else is a tool failure.
    assert result.returncode == 0 or 10 <= result.returncode <= 14, result.stderr
    return json.loads(result.stdout or "[]"), result


def severity(finding: dict) -> str:
    return finding["determinations"]["severity"].lower()


def describe(finding: dict) -> str:
    where = []
    for loc in finding.get("locations", []):
        sym = loc.get("symbolic", {})
        key = sym.get("key", {})
        path = key.get("Local", {}).get("given_path") if isinstance(key, dict) else None
        row = loc.get("concrete", {}).get("location", {}).get("start_point", {}).get("row")
        where.append(f"{path}:{row + 1 if isinstance(row, int) else '?'}")
    return f"{finding['ident']} ({severity(finding)}): {finding.get('desc', '')} @ {', '.join(where)}"


def check_jsonschema(paths: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", "--output-format", "text",
         *map(str, paths)],
        cwd=REPO, capture_output=True, text=True, env=offline_env(), timeout=120,
    )


# -- the repository's workflows -------------------------------------------------------------------

def test_there_are_workflows_to_audit():
    names = {p.name for p in workflow_files()}
    assert {"kontroll.yml", "publicera.yml", "forslag.yml"} <= names, names


def test_zizmor_finds_nothing_at_medium_or_above():
    findings, _ = zizmor(workflow_files())
    serious = [f for f in findings if SEVERITIES.index(severity(f)) >= SEVERITIES.index("medium")]
    assert not serious, "zizmor:\n" + "\n".join(map(describe, serious))


def test_zizmor_audited_every_workflow():
    """--strict-collection makes an unreadable workflow an error instead of a skipped file."""
    _, result = zizmor(workflow_files())
    for path in workflow_files():
        assert f"completed {path.relative_to(REPO)}" in result.stderr or path.name in result.stderr, result.stderr


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_matches_githubs_schema(path: Path):
    result = check_jsonschema([path])
    assert result.returncode == 0, result.stdout + result.stderr


SHA_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")
DOCKER_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s+docker://[\w./-]+(:[\w.-]+)?@sha256:[0-9a-f]{64}\s*$")


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_release(path: Path):
    """A full commit SHA, with the release tag it was read from as a comment (`@<sha> # v1.2.3`)."""
    lines = [line for line in path.read_text("utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert lines, path.name
    for line in lines:
        if "uses: ./" in line:
            continue
        assert SHA_PIN.match(line) or DOCKER_PIN.match(line), f"{path.name}: {line.strip()}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_checkouts_do_not_persist_credentials(path: Path):
    wf = yaml.safe_load(path.read_text("utf-8"))
    for jname, job in wf["jobs"].items():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}:{jname}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_expression_inside_run(path: Path):
    """`${{ }}` is expanded before the shell runs: every value reaches a script through env: instead."""
    wf = yaml.safe_load(path.read_text("utf-8"))
    for jname, job in wf["jobs"].items():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), f"{path.name}:{jname}: {step.get('name')}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_write_permissions_only_on_jobs(path: Path):
    wf = yaml.safe_load(path.read_text("utf-8"))
    top = wf.get("permissions")
    assert top is not None, f"{path.name}: sätt permissions på arbetsflödet"
    assert top == {} or set(top.values()) == {"read"}, f"{path.name}: bara läsrätt på arbetsflödets nivå: {top}"


# -- the audit is not vacuous ---------------------------------------------------------------------

BAD_WORKFLOW = """\
name: Dålig
on:
  issues:
    types: [opened]
permissions:
  contents: read
  id-token: write
jobs:
  echo:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.issue.body }}"
  other:
    runs-on: ubuntu-latest
    steps:
      - run: "true"
"""


def test_zizmor_reports_what_the_workflows_avoid(tmp_path: Path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, "utf-8")
    findings, _ = zizmor([bad], cwd=tmp_path)
    idents = {f["ident"] for f in findings if SEVERITIES.index(severity(f)) >= SEVERITIES.index("medium")}
    assert {"template-injection", "unpinned-uses", "artipacked", "excessive-permissions"} <= idents, idents


def test_schema_check_reports_a_broken_workflow(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text("name: Trasig\non: push\njobs:\n  a:\n    steps:\n      - run: true\n", "utf-8")  # no runs-on
    result = check_jsonschema([bad])
    assert result.returncode != 0
    assert "bad.yml" in result.stdout + result.stderr


# -- Dependabot keeps the pins current ------------------------------------------------------------

DEPENDABOT = REPO / ".github" / "dependabot.yml"


def test_dependabot_updates_the_pinned_actions():
    config = yaml.safe_load(DEPENDABOT.read_text("utf-8"))
    actions = [u for u in config["updates"] if u["package-ecosystem"] == "github-actions"]
    assert actions and actions[0]["directory"] == "/"
    assert actions[0].get("cooldown", {}).get("default-days", 0) >= 1


def test_dependabot_config_passes_zizmor_and_its_schema():
    findings, _ = zizmor([DEPENDABOT])
    serious = [f for f in findings if SEVERITIES.index(severity(f)) >= SEVERITIES.index("medium")]
    assert not serious, "\n".join(map(describe, serious))
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(DEPENDABOT)],
        cwd=REPO, capture_output=True, text=True, env=offline_env(), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# -- the issue forms, against GitHub's schema ------------------------------------------------------

ISSUE_TEMPLATES = REPO / ".github" / "ISSUE_TEMPLATE"


@pytest.mark.parametrize("path", sorted(p for p in ISSUE_TEMPLATES.glob("*.yml") if p.name != "config.yml"),
                         ids=lambda p: p.name)
def test_issue_form_matches_githubs_schema(path: Path):
    """A form GitHub cannot read falls back to a blank issue, which the converter cannot use."""
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", str(path)],
        cwd=REPO, capture_output=True, text=True, env=offline_env(), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_template_config_matches_githubs_schema():
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-config", str(ISSUE_TEMPLATES / "config.yml")],
        cwd=REPO, capture_output=True, text=True, env=offline_env(), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
