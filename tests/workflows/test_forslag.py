"""The workflow forslag.yml: a submitted issue form becomes a pull request, or an answer (issue #15, point 3).

Besides its shape (trigger, permissions per job, pinned actions), the workflow's own `run:` scripts
are executed here with bash, in a copy of data/, with the environment GitHub gives them: a real
event file, $GITHUB_OUTPUT, $RUNNER_TEMP, and a stand-in `gh` that records what it was asked to post.
"""
from __future__ import annotations

import importlib.util
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
WORKFLOW = REPO / ".github" / "workflows" / "forslag.yml"
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "ny-overenskommelse.yml"
BIN = Path(sys.executable).parent


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def on(wf: dict) -> dict:
    return wf.get("on", wf.get(True))


def step(job: dict, name: str) -> dict:
    return next(s for s in job["steps"] if s.get("name") == name)


def action(job: dict, name: str) -> dict:
    return next(s for s in job["steps"] if s.get("uses", "").split("@")[0] == name)


# -- shape -----------------------------------------------------------------------------------------

def test_runs_on_opened_and_edited_issues_with_the_forms_labels():
    wf = workflow()
    assert on(wf) == {"issues": {"types": ["opened", "edited"]}}
    labels = yaml.safe_load(FORM.read_text("utf-8"))["labels"]
    condition = wf["jobs"]["convert"]["if"]
    for label in labels:
        assert f"contains(github.event.issue.labels.*.name, '{label}')" in condition, label


def test_issue_text_never_reaches_an_expression():
    """Title and body are read only from the event file by the converter."""
    text = WORKFLOW.read_text("utf-8")
    for banned in ("github.event.issue.body", "github.event.issue.title", "github.event.comment",
                   "github.head_ref", "toJSON(github.event"):
        assert banned not in text, banned
    convert = step(workflow()["jobs"]["convert"], "Gör en post av ärendet")["run"]
    assert '--event "$GITHUB_EVENT_PATH"' in convert


def test_permissions_are_the_least_each_job_needs():
    wf = workflow()
    assert wf["permissions"] == {"contents": "read"}
    jobs = wf["jobs"]
    assert jobs["convert"]["permissions"] == {"contents": "read"}
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["answer"]["permissions"] == {"issues": "write"}


def test_validator_report_goes_into_the_pull_request():
    jobs = workflow()["jobs"]
    check = step(jobs["convert"], "Kontrollera posten (samverkan validate)")["run"]
    assert 'samverkan validate "$RECORD_FILE"' in check
    cpr = action(jobs["pull-request"], "peter-evans/create-pull-request")
    assert cpr["with"]["body-path"].endswith("/forslag/pr.md")
    assert cpr["with"]["branch"] == "forslag/issue-${{ github.event.issue.number }}"
    assert jobs["pull-request"]["if"] == "needs.convert.outputs.result == 'written'"


# -- the scripts, run ------------------------------------------------------------------------------

EXPR = re.compile(r"^\$\{\{\s*([\w.-]+)\s*\}\}$")


def expand(value: str, ctx: dict[str, str]) -> str:
    m = EXPR.match(str(value))
    if not m:
        assert "${{" not in str(value), value
        return str(value)
    name = m.group(1)
    if re.match(r"^(steps|needs)\.[\w-]+\.outputs\.[\w-]+$", name):
        return ctx.get(name, "")  # GitHub: an output that was not set is the empty string
    assert name in ctx, f"unknown expression {name}"
    return ctx[name]


def python_path(tmp_path: Path) -> str | None:
    """The converter is samverkan.tools.issueform; before the move to src/ the package is split in two."""
    if importlib.util.find_spec("samverkan.tools") is not None:
        return None
    shim = tmp_path / "shim" / "samverkan"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text(
        f"__path__ = [{str(REPO / 'hooks' / 'samverkan')!r}, {str(REPO / 'src' / 'samverkan')!r}]\n", "utf-8")
    return str(shim.parent)


class Runner:
    def __init__(self, tmp_path: Path, body, number: int = 7):
        self.tmp = tmp_path
        self.root = tmp_path / "checkout"
        self.root.mkdir()
        shutil.copytree(REPO / "data", self.root / "data")
        shutil.copytree(REPO / ".github", self.root / ".github")
        self.temp = tmp_path / "runner-temp"
        self.temp.mkdir()
        self.event = tmp_path / "event.json"
        self.event.write_text(json.dumps({"action": "opened", "issue": {
            "number": number, "state": "open", "body": body,
            "labels": [{"name": "ny post"}, {"name": "överenskommelse"}]}}), "utf-8")
        self.fakebin = tmp_path / "fakebin"
        self.fakebin.mkdir()
        gh = self.fakebin / "gh"
        gh.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$GH_LOG"\n'
                      'while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" "$GH_LOG.body"; shift; done\n', "utf-8")
        gh.chmod(0o755)
        self.ctx = {"github.event.issue.number": str(number), "github.token": "fake-token",
                    "github.repository": "samverkansbasen/samverkansbasen", "runner.temp": str(self.temp)}
        self.pythonpath = python_path(tmp_path)

    def run(self, job: str, name: str, cwd: Path | None = None) -> dict[str, str]:
        s = step(workflow()["jobs"][job], name)
        output = self.tmp / f"output-{job}-{len(os.listdir(self.tmp))}"
        output.touch()
        env = {"PATH": f"{self.fakebin}:{BIN}:/usr/bin:/bin", "HOME": str(self.tmp), "LANG": "C.UTF-8",
               "GITHUB_EVENT_PATH": str(self.event), "GITHUB_OUTPUT": str(output), "RUNNER_TEMP": str(self.temp),
               "GH_LOG": str(self.tmp / "gh.log")}
        if self.pythonpath:
            env["PYTHONPATH"] = self.pythonpath
        env |= {k: expand(v, self.ctx) for k, v in (s.get("env") or {}).items()}
        result = subprocess.run(["bash", "-e", "-c", s["run"]], cwd=cwd or self.root, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        outputs = dict(line.split("=", 1) for line in output.read_text("utf-8").splitlines() if "=" in line)
        prefix = "steps." + s["id"] + ".outputs." if "id" in s else None
        if prefix:
            self.ctx |= {prefix + k: v for k, v in outputs.items()}
        return outputs

    def convert_job(self) -> dict[str, str]:
        self.run("convert", "Gör en post av ärendet")
        out = self.run("convert", "Kontrollera posten (samverkan validate)")
        for key, value in workflow()["jobs"]["convert"]["outputs"].items():
            self.ctx[f"needs.convert.outputs.{key}"] = expand(value.split(" #")[0].strip(), self.ctx)
        return out


def load_form_tests():
    path = REPO / "tests" / "tools" / "test_issueform.py"
    spec = importlib.util.spec_from_file_location("issueform_tests_for_workflow", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


FORMS = load_form_tests()


def files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*"))


def test_valid_form_becomes_a_pull_request_body_and_a_record(tmp_path):
    runner = Runner(tmp_path, FORMS.render(FORMS.valid_answers()))
    out = runner.convert_job()
    assert out["result"] == "written"
    record_id = runner.ctx["needs.convert.outputs.id"]
    body = (runner.temp / "forslag" / "pr.md").read_text("utf-8")
    assert "Alla " in body and "giltiga" in body, body  # samverkan validate's own summary line
    assert "Closes #7" in body and f"data/agreements/{record_id}.yaml" in body
    assert "## Granskarens checklista" in body and "- [ ] " in body  # the pull request template's checklist

    # the pull-request job: a fresh checkout gets the file from the artifact
    fresh = tmp_path / "fresh"
    shutil.copytree(REPO / "data", fresh / "data")
    runner.run("pull-request", "Lägg posten i data/agreements/", cwd=fresh)
    written = fresh / "data" / "agreements" / f"{record_id}.yaml"
    assert written.read_text("utf-8") == (runner.temp / "forslag" / "post.yaml").read_text("utf-8")
    assert yaml.safe_load(written.read_text("utf-8"))["title"] == FORMS.valid_answers()["title"]

    runner.ctx["needs.pull-request.outputs.url"] = "https://github.com/o/r/pull/8"
    runner.run("answer", "Svara i ärendet")
    log = (tmp_path / "gh.log").read_text().split("\n")
    assert log[:3] == ["issue", "comment", "7"]
    assert "https://github.com/o/r/pull/8" in (tmp_path / "gh.log.body").read_text("utf-8")


def test_refused_form_is_answered_and_nothing_is_written(tmp_path):
    runner = Runner(tmp_path, FORMS.render({}))
    before = files(runner.root)
    out = runner.convert_job()
    assert out["result"] == "refused"
    assert files(runner.root) == before
    runner.run("answer", "Svara i ärendet")
    answer = (tmp_path / "gh.log.body").read_text("utf-8")
    assert "**Titel**" in answer and "Ingen post har skrivits." in answer


def test_record_the_validator_rejects_is_answered_with_its_messages(tmp_path):
    runner = Runner(tmp_path, FORMS.render(FORMS.valid_answers() | {"municipalities": "Atlantis"}))
    out = runner.convert_job()
    assert out["result"] == "invalid"
    answer = (runner.temp / "forslag" / "svar.md").read_text("utf-8")
    assert "Atlantis" in answer and "samverkan validate" in answer
    assert not (runner.temp / "forslag" / "pr.md").exists()


def test_hostile_form_runs_nothing(tmp_path):
    canary = tmp_path / "PWNED"
    title = f"Överenskommelse $(touch {canary}) `touch {canary}` ${{{{ github.token }}}} ```"
    runner = Runner(tmp_path, FORMS.render(FORMS.valid_answers() | {"title": title, "summary": "```\n$(id)"}))
    out = runner.convert_job()
    assert out["result"] == "written"
    assert not canary.exists()
    post = yaml.safe_load((runner.temp / "forslag" / "post.yaml").read_text("utf-8"))
    assert post["title"] == title
    body = (runner.temp / "forslag" / "pr.md").read_text("utf-8")
    fences = re.findall(r"^(`{3,})$", body, re.M)
    assert fences and all(len(f) > 3 for f in fences), "the fence is longer than any backtick run in the text"
