"""The maintainer's path through the CLI, as a pull request and as CONTRIBUTING.md describe it.

`samverkan new` (flags or questions) writes a record that `samverkan validate` accepts;
`validate --changed` checks only what a branch changed; `--format github` prints annotations
GitHub puts on the right file and line; and (when the site exists) a new record is built and
found on its kommun page, its year page and in the search index.
"""
from __future__ import annotations

import gzip
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samverkan.catalog.places import load_places
from samverkan.validate.problems import Problem
from samverkan.tools.template import NewRecord, render

REPO = Path(__file__).resolve().parents[2]


# -- helpers --------------------------------------------------------------------------------------

def cli_env(home: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if home is not None:  # git without the user's configuration (signing, hooks, default branch)
        env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
                   GIT_AUTHOR_NAME="Förvaltare", GIT_AUTHOR_EMAIL="forvaltare@example.org",
                   GIT_COMMITTER_NAME="Förvaltare", GIT_COMMITTER_EMAIL="forvaltare@example.org")
    return env


def samverkan(cwd: Path, *args: str, home: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "samverkan", *args], cwd=cwd, env=cli_env(home),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)


def make_project(root: Path) -> Path:
    """A project with the real schema and places and no records: what other tests' data cannot break."""
    (root / "data").mkdir(parents=True)
    shutil.copytree(REPO / "data" / "schema", root / "data" / "schema")
    shutil.copytree(REPO / "data" / "places", root / "data" / "places")
    return root


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


GOOD = """type: agreement
kind: iop
title: "IOP om läxhjälp i Västerås"
counties:
  - Västmanlands län
municipalities:
  - Västerås
sources:
  - title: "Beslut i kommunstyrelsen"
    url: "https://example.org/beslut"
"""

BAD_KOMMUN = GOOD.replace("  - Västerås\n", "  - Vesterås\n")


NEW_FLAGS = ["--kind", "lok", "--title", "Överenskommelse mellan Västerås stad och den idéburna sektorn",
             "--date", "2012-06", "--kommun", "Västerås", "--lan", "Västmanland",
             "--source-title", "Överenskommelsen (pdf)", "--source-url", "https://example.org/lok-vasteras.pdf",
             "--no-input"]


# -- new: flags ------------------------------------------------------------------------------------

def test_new_with_flags_writes_a_record_that_validate_accepts(tmp_path):
    project = make_project(tmp_path / "p")
    made = samverkan(project, "new", "agreement", "lok-vasteras-2012", *NEW_FLAGS)
    assert made.returncode == 0, made.stderr
    path = project / "data" / "agreements" / "lok-vasteras-2012.yaml"
    assert "Skrev data/agreements/lok-vasteras-2012.yaml" in made.stdout
    text = path.read_text("utf-8")
    # names resolved to the canonical ones in data/places
    assert 'counties: ["Västmanlands län"]' in text and 'municipalities: ["Västerås"]' in text
    assert 'date: "2012-06"' in text and 'url: "https://example.org/lok-vasteras.pdf"' in text

    checked = samverkan(project, "validate", "data/agreements/lok-vasteras-2012.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == "Alla 1 filer är giltiga: 1 överenskommelser."


def test_new_resolves_scb_codes(tmp_path):
    project = make_project(tmp_path / "p")
    made = samverkan(project, "new", "agreement", "iop-x", "--kommun", "1980", "--lan", "19",
                     "--title", "T", "--source-title", "K", "--no-input")
    assert made.returncode == 0, made.stderr
    text = (project / "data" / "agreements" / "iop-x.yaml").read_text("utf-8")
    assert 'counties: ["Västmanlands län"]' in text and 'municipalities: ["Västerås"]' in text


@pytest.mark.parametrize("flag,value,advice", [
    ("--kommun", "Vesterås", "okänd kommun 'Vesterås'; menade du 'Västerås'?"),
    ("--kommun", "Göteborgs stad", "okänd kommun 'Göteborgs stad'; menade du 'Göteborg'?"),
    ("--lan", "Västmanlands lan", "okänt län 'Västmanlands lan'; menade du 'Västmanlands län'?"),
])
def test_new_with_an_unknown_place_suggests_the_name_and_writes_nothing(tmp_path, flag, value, advice):
    project = make_project(tmp_path / "p")
    made = samverkan(project, "new", "agreement", "lok-x", flag, value, "--title", "T", "--source-title", "K",
                     "--no-input")
    assert made.returncode == 2
    assert made.stderr.strip() == advice
    assert "Traceback" not in made.stderr
    assert not (project / "data" / "agreements" / "lok-x.yaml").exists()


# -- new: questions --------------------------------------------------------------------------------

def run_in_terminal(cwd: Path, args: list[str], answers: list[str], timeout: float = 30) -> tuple[int, str]:
    """Run the CLI on a pseudo-terminal (so it asks), answering each prompt in turn."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "samverkan", *args], cwd=cwd, env=cli_env(),
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    out = b""
    pending = list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
                continue
            if proc.poll() is not None:
                break
            # nothing more to read: the CLI waits for an answer after a prompt ending in ": "
            if pending and out.rstrip(b" ").endswith(b":"):
                os.write(master, (pending.pop(0) + "\n").encode("utf-8"))
                out += b"\n"  # keep the transcript's lines apart (the echo comes back, too)
        proc.wait(timeout=10)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    return proc.returncode, out.decode("utf-8", "replace").replace("\r\n", "\n")


def test_new_asks_for_what_it_needs_and_corrects_places(tmp_path):
    project = make_project(tmp_path / "p")
    answers = [
        "lokk",                       # not a kind: asked again
        "lok",
        "Överenskommelse mellan Västerås stad och den idéburna sektorn",
        "2012",
        "Vesterås",                   # misspelt: the suggestion becomes the default
        "",                           # accept "Västerås"
        "19",                         # a county by its SCB code
        "Överenskommelsen (pdf)",
        "https://example.org/lok.pdf",
    ]
    rc, transcript = run_in_terminal(project, ["new", "agreement", "lok-vasteras"], answers)
    assert rc == 0, transcript
    assert "okänt slag 'lokk'" in transcript
    assert "okänd kommun 'Vesterås'; menade du 'Västerås'?" in transcript
    assert "Kommuner, kommaseparerade (tomt om ingen) [Västerås]:" in transcript
    text = (project / "data" / "agreements" / "lok-vasteras.yaml").read_text("utf-8")
    for line in ("kind: lok", 'date: "2012"', 'counties: ["Västmanlands län"]', 'municipalities: ["Västerås"]',
                 '  - title: "Överenskommelsen (pdf)"', '    url: "https://example.org/lok.pdf"'):
        assert line in text.splitlines(), line
    assert samverkan(project, "validate").returncode == 0


# -- validate --format github ----------------------------------------------------------------------

def test_github_annotation_is_exact(tmp_path):
    project = make_project(tmp_path / "p")
    write(project, "data/agreements/x.yaml", BAD_KOMMUN)
    for arg in ("data/agreements/x.yaml", str(project / "data" / "agreements" / "x.yaml")):
        result = samverkan(project, "validate", "--format", "github", arg)
        assert result.returncode == 1
        assert result.stdout == ("::error file=data/agreements/x.yaml,line=7,col=5::"
                                 "okänd kommun 'Vesterås'; menade du 'Västerås'?\n")
        assert result.stderr.strip() == "1 fel i 1 filer. Rätta felen ovan och kör samverkan validate igen."


def test_github_annotations_one_per_problem_sorted_by_line(tmp_path):
    project = make_project(tmp_path / "p")
    text = BAD_KOMMUN.replace('kind: iop', 'kind: lokk').replace("  - Västmanlands län", "  - Vestmanland")
    write(project, "data/agreements/x.yaml", text)
    result = samverkan(project, "validate", "--format", "github")
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and len(lines) == 3, result.stdout
    positions = []
    for line in lines:
        m = re.fullmatch(r"::error file=data/agreements/x\.yaml,line=(\d+),col=(\d+)::(.+)", line)
        assert m, line
        positions.append((int(m[1]), int(m[2])))
    assert positions == sorted(positions)
    assert [p[0] for p in positions] == [2, 5, 7]


def test_annotation_escapes_what_would_end_the_command():
    p = Problem("data/agreements/x.yaml", 3, 1, "100% fel\nrad två")
    assert p.github_annotation() == "::error file=data/agreements/x.yaml,line=3,col=1::100%25 fel%0Arad två"


# -- validate --changed ------------------------------------------------------------------------------

def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, env=cli_env(repo.parent), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def branch_repo(tmp_path):
    """A git repository whose main has a valid and a broken record, on a branch that adds one record."""
    if shutil.which("git") is None:
        pytest.skip("git finns inte")
    repo = make_project(tmp_path / "repo")
    write(repo, "data/agreements/iop-gammal.yaml", GOOD)
    write(repo, "data/agreements/iop-trasig.yaml", BAD_KOMMUN)  # broken on main: --changed must not report it
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "main")
    git(repo, "switch", "-q", "-c", "ny-post")
    made = samverkan(repo, "new", "agreement", "lok-vasteras-2012", *NEW_FLAGS, home=tmp_path)
    assert made.returncode == 0, made.stderr
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Ny post: LÖK i Västerås")
    return repo


def test_changed_checks_only_the_files_the_branch_changed(branch_repo, tmp_path):
    everything = samverkan(branch_repo, "validate", home=tmp_path)
    assert everything.returncode == 1 and "iop-trasig.yaml" in everything.stdout

    changed = samverkan(branch_repo, "validate", "--changed", "--base", "main", home=tmp_path)
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert changed.stdout.strip() == "Alla 1 filer är giltiga: 1 överenskommelser."


def test_changed_annotates_a_broken_record_on_the_branch(branch_repo, tmp_path):
    path = branch_repo / "data" / "agreements" / "lok-vasteras-2012.yaml"
    path.write_text(path.read_text("utf-8").replace('["Västerås"]', '["Vesterås"]'), "utf-8")
    git(branch_repo, "commit", "-q", "-am", "stavfel")
    line = next(i for i, text in enumerate(path.read_text("utf-8").splitlines(), 1) if "Vesterås" in text)
    result = samverkan(branch_repo, "validate", "--changed", "--base", "main", "--format", "github", home=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (f"::error file=data/agreements/lok-vasteras-2012.yaml,line={line},col=18::"
                             "okänd kommun 'Vesterås'; menade du 'Västerås'?\n")


def test_changed_includes_uncommitted_edits_and_new_files(branch_repo, tmp_path):
    # an edit not yet committed to a record that came from main, and a file git does not track yet
    (branch_repo / "data" / "agreements" / "iop-gammal.yaml").write_text(GOOD.replace("iop", "lok", 1), "utf-8")
    write(branch_repo, "data/organisations/forening-x.yaml",
          'type: organisation\nkind: civilsamhalle\ntitle: "Föreningen X"\nsources:\n  - title: "Stadgar"\n')
    result = samverkan(branch_repo, "validate", "--changed", "--base", "main", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "Alla 3 filer är giltiga: 2 överenskommelser, 1 organisationer."


def test_changed_with_nothing_changed(branch_repo, tmp_path):
    git(branch_repo, "switch", "-q", "main")
    result = samverkan(branch_repo, "validate", "--changed", "--base", "main", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == "Inga ändrade filer i data/ jämfört med main."


def test_changed_against_a_missing_base_says_so(branch_repo, tmp_path):
    result = samverkan(branch_repo, "validate", "--changed", "--base", "origin/finns-inte", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("samverkan validate --changed: grenen 'origin/finns-inte' finns inte här, så "
                             "--changed har inget att jämföra med. Hämta den (git fetch origin finns-inte), "
                             "eller ange en annan gren med --base.\n")
    assert result.stdout == ""


def test_changed_outside_git_says_so(tmp_path):
    project = make_project(tmp_path / "utan-git")
    write(project, "data/agreements/iop-gammal.yaml", GOOD)
    result = samverkan(project, "validate", "--changed", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (f"samverkan validate --changed: {project} är inget git-förråd, så --changed vet inte "
                             "vad som ändrats. Kör i en klon av förrådet, eller utan --changed för att "
                             "kontrollera alla poster.\n")


def test_changed_without_git_installed_says_so(branch_repo, tmp_path):
    env = dict(cli_env(tmp_path), PATH=str(tmp_path / "inget-git-här"))
    result = subprocess.run([sys.executable, "-m", "samverkan", "validate", "--changed", "--base", "main"],
                            cwd=branch_repo, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith("samverkan validate --changed: --changed behöver git, som inte finns "
                                    "installerat här."), result.stderr
    assert "Errno" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["data/agreements/lok-ny.YAML", "data/agreements/lok-ny.json",
                                  "data/agreements/lok-ny.yaml.txt", "data/agreements/lok-ny",
                                  "data/agreement/lok-ny.yaml", "data/Agreements/lok-ny.yaml", "data/lok-ny.yaml"])
def test_changed_reports_a_file_the_build_would_not_read(branch_repo, tmp_path, name):
    """A branch that adds a record under a name or folder the build skips must fail, naming the file."""
    write(branch_repo, name, GOOD)
    git(branch_repo, "add", "-A")
    git(branch_repo, "commit", "-q", "-m", "felstavad post")
    result = samverkan(branch_repo, "validate", "--changed", "--base", "main", home=tmp_path)
    assert result.returncode == 1, result.stdout
    assert result.stdout.startswith(f"{name}:1:1: "), result.stdout
    assert "publiceras inte" in result.stdout or "läses inte" in result.stdout


def test_changed_places_check_every_record(branch_repo, tmp_path):
    places = branch_repo / "data" / "places" / "counties.yaml"
    places.write_text(places.read_text("utf-8") + "\n", "utf-8")
    result = samverkan(branch_repo, "validate", "--changed", "--base", "main", home=tmp_path)
    # every record is checked again, so the one that was broken on main is reported too
    assert result.returncode == 1
    assert "data/agreements/iop-trasig.yaml" in result.stdout
    assert "alla poster kontrolleras" in result.stderr


# -- the web editor's template in CONTRIBUTING.md ------------------------------------------------------

def contributing() -> str:
    return (REPO / "CONTRIBUTING.md").read_text("utf-8")


def contributing_template() -> str:
    m = re.search(r"<!-- mall:start -->\n```yaml\n(.*?)```\n<!-- mall:slut -->", contributing(), re.S)
    assert m, "CONTRIBUTING.md saknar mallen mellan <!-- mall:start --> och <!-- mall:slut -->"
    return m[1]


def test_contributing_template_is_what_samverkan_new_writes():
    places = load_places(REPO / "data" / "places")
    expected = render(NewRecord(type="agreement", id="x", added="ÅÅÅÅ-MM-DD"), places)
    assert contributing_template() == expected, "uppdatera mallen i CONTRIBUTING.md (samverkan new agreement <id>)"


def test_contributing_template_filled_in_the_web_editor_validates(tmp_path):
    project = make_project(tmp_path / "p")
    text = (contributing_template()
            .replace('title: ""', 'title: "Överenskommelse mellan Västerås stad och den idéburna sektorn"', 1)
            .replace("# municipalities: []", 'municipalities: ["Västerås"]')
            .replace("# date: \"\"", 'date: "2012"')
            .replace('  - title: ""', '  - title: "Överenskommelsen (pdf)"')
            .replace("    # url: https://", "    url: https://example.org/lok.pdf")
            .replace('added: "ÅÅÅÅ-MM-DD"', 'added: "2025-01-31"'))
    write(project, "data/agreements/lok-vasteras-2012.yaml", text)
    result = samverkan(project, "validate")
    assert result.returncode == 0, result.stdout


def test_contributing_template_unfilled_is_refused_with_clear_errors(tmp_path):
    project = make_project(tmp_path / "p")
    write(project, "data/agreements/lok-x.yaml", contributing_template())
    result = samverkan(project, "validate")
    assert result.returncode == 1
    messages = [line.split(": ", 1)[1] for line in result.stdout.splitlines()]
    assert [m.split(";")[0].split(":")[0] for m in messages] == ["title är tomt", "sources[1].title är tomt", "added"]


def test_contributing_covers_the_path_and_the_rules():
    text = contributing()
    for needed in ("data/agreements/", "Add file", "<id>", ".yaml", "Propose changes", "pull request",
                   "samverkan new", "samverkan validate", "--changed", "./run serve",
                   "personnummer", "privata e-postadresser", "privata telefonnummer", "offentlig roll",
                   "Gissa aldrig", "docs/kallhantering.md", "Föreslå en ny överenskommelse", "Så granskas"):
        assert needed in text, needed


def test_contributing_local_links_resolve():
    for target in re.findall(r"\]\(([^)#]+)\)", contributing()):
        if target.startswith(("http://", "https://", "../../issues")):
            continue
        assert (REPO / target).exists(), f"CONTRIBUTING.md länkar till {target}, som inte finns"


# -- end to end: new record -> validated -> built -> found ---------------------------------------------

SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")


def site_ready() -> str | None:
    """Why the end-to-end test cannot run yet, or None."""
    if not (REPO / "mkdocs.yml").exists():
        return "mkdocs.yml finns inte ännu (webbplatsen byggs i ett annat ärende)"
    if shutil.which("mkdocs", path=str(Path(sys.executable).parent)) is None and shutil.which("mkdocs") is None:
        return "mkdocs är inte installerat"
    return None


def pagefind_fragments(site: Path) -> list[dict]:
    """Pagefind's per-page fragments: gzip, then the signature 'pagefind_dcd', then JSON."""
    found = []
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        data = data.removeprefix(b"pagefind_dcd")
        found.append(json.loads(data))
    return found


def links_to(html: str, record_url: str) -> bool:
    """A link whose target ends in the record's path, relative or absolute."""
    return any(href.rstrip("/").endswith(record_url.strip("/"))
               for href in re.findall(r'href="([^"]+)"', html))


@pytest.mark.slow
def test_new_record_is_built_and_found_on_its_pages_and_in_search(tmp_path):
    reason = site_ready()
    if reason:
        pytest.skip(reason)
    # A copy of the site's sources with all the real records, plus the new one.
    work = tmp_path / "repo"
    work.mkdir()
    for part in SITE_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, work / part, ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
        elif src.exists():
            shutil.copy2(src, work / part)
    shutil.copytree(REPO / "data", work / "data")

    rid = "iop-testby-laxhjalp-2019"
    title = "IOP om läxhjälp i Västerås (testpost)"
    made = samverkan(work, "new", "agreement", rid, "--kind", "iop", "--title", title, "--date", "2019-03",
                     "--kommun", "Västerås", "--lan", "Västmanland", "--summary", "En testpost för bygget.",
                     "--source-title", "Beslut", "--source-url", "https://example.org/beslut", "--no-input")
    assert made.returncode == 0, made.stderr
    checked = samverkan(work, "validate", f"data/agreements/{rid}.yaml")
    assert checked.returncode == 0, checked.stdout

    site = tmp_path / "site"
    env = {**cli_env(), "SAMVERKAN_DATA_DIR": str(work / "data"), "SOURCE_DATE_EPOCH": "1735689600"}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    built = subprocess.run(mkdocs, cwd=work, env=env, capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr[-4000:]

    # the record's own page
    page = site / "overenskommelser" / rid / "index.html"
    assert page.exists(), f"postens sida saknas: {page.relative_to(site)}"
    assert title in page.read_text("utf-8")
    record_url = f"overenskommelser/{rid}/"

    # its kommun and year pages (the site's scheme: kommun/<SCB-kod>-<namn>/, ar/<år>/)
    for listing in ("kommun/1980-vasteras", "ar/2019"):
        html = site / listing / "index.html"
        assert html.exists(), f"sidan {listing}/ saknas"
        assert links_to(html.read_text("utf-8"), record_url), f"{listing}/ länkar inte till posten"
    # the län page lists its kommuner (with counts) and leads on to the kommun page
    lan = (site / "lan" / "19-vastmanland" / "index.html").read_text("utf-8")
    assert links_to(lan, "kommun/1980-vasteras/")

    # the search index
    if not (site / "pagefind").is_dir():
        pytest.skip("bygget har ännu ingen pagefind/-mapp (Pagefind läggs till i ett senare ärende)")
    fragments = pagefind_fragments(site)
    assert fragments, "pagefind/ saknar fragment"
    assert any(f.get("url", "").rstrip("/").endswith(record_url.rstrip("/")) for f in fragments), \
        "posten finns inte i sökindexet"


# -- samverkan new: one id once, written only inside data/, Swedish for bad arguments ------------------

from samverkan.tools.cli import main as cli_main  # noqa: E402


def new_in(project: Path, *args: str) -> int:
    return cli_main(["--root", str(project), "new", *args, "--no-input", "--title", "T", "--source-title", "K"])


@pytest.mark.parametrize("existing", ["data/agreements/lok-x.yaml", "data/reports/lok-x.md",
                                      "data/organisations/lok-x.yml", "data/agreements/lok-x.YAML",
                                      "data/consultations/lok-x.yaml.txt", "data/agreement/lok-x.yaml"])
def test_new_refuses_an_id_that_exists_in_any_folder_or_form(tmp_path, capsys, existing):
    project = make_project(tmp_path / "p")
    write(project, existing, GOOD)
    before = sorted(p for p in (project / "data").rglob("*") if p.is_file())
    assert new_in(project, "agreement", "lok-x") == 1
    err = capsys.readouterr().err
    assert err == f"id 'lok-x' finns redan: {existing}; välj ett annat id (eller --force för att skriva över samma fil)\n"
    assert sorted(p for p in (project / "data").rglob("*") if p.is_file()) == before
    # --force overwrites only the very same file, never makes a second record with that id
    assert new_in(project, "agreement", "lok-x", "--force") == (0 if existing == "data/agreements/lok-x.yaml" else 1)


def test_new_never_writes_through_a_link(tmp_path, capsys):
    project = make_project(tmp_path / "p")
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (project / "data" / "agreements").mkdir()
    (project / "data" / "agreements" / "lok-lank.yaml").symlink_to(outside / "mal.yaml")  # dangling
    assert new_in(project, "agreement", "lok-lank", "--force") == 1
    assert not (outside / "mal.yaml").exists()
    (project / "data" / "reports").symlink_to(outside, target_is_directory=True)
    assert new_in(project, "report", "rapport-ny") == 1
    assert "är en symbolisk länk" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_new_writes_inside_data_and_the_result_validates_as_written(tmp_path, capsys):
    project = make_project(tmp_path / "p")
    assert new_in(project, "agreement", "lok-ny") == 0
    assert capsys.readouterr().out.startswith("Skrev data/agreements/lok-ny.yaml.")
    assert [p.relative_to(project).as_posix() for p in (project / "data" / "agreements").iterdir()] == [
        "data/agreements/lok-ny.yaml"]


@pytest.mark.parametrize("argv, message", [
    (["new", "agreement", "-lok"], "samverkan new: fel: dessa argument saknas: ID\n'-lok' läses som en flagga"),
    (["new"], "samverkan new: fel: dessa argument saknas: TYP, ID"),
    (["new", "agreement", "lok-a", "--kind"], "samverkan new: fel: flaggan --kind behöver ett värde"),
    (["nytt"], "samverkan: fel: KOMMANDO: ogiltigt val 'nytt'"),
    (["validate", "--format", "xml"], "samverkan validate: fel: --format: ogiltigt val 'xml'"),
    (["generate", "ut", "--count", "tio"], "samverkan generate: fel: --count: ogiltigt värde 'tio'"),
    (["new", "agreement", "lok-a", "--bogus"], "samverkan: fel: okända argument: --bogus"),
])
def test_bad_arguments_are_answered_in_swedish(capsys, argv, message):
    with pytest.raises(SystemExit) as exit_:
        cli_main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("användning: samverkan")
    assert message in err
    for english in ("usage:", "error:", "the following", "required", "invalid choice", "unrecognized",
                    "expected one argument"):
        assert english not in err, english


def test_help_is_swedish(capsys):
    with pytest.raises(SystemExit):
        cli_main(["new", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("användning: samverkan new") and "flaggor:" in out and "argument:" in out
    assert "show this help" not in out and "options:" not in out


@pytest.mark.parametrize("command, module, own", [
    ("forslag", "issueform", {"root": False}),
    ("check-links", "linkcheck", {"data_default": None}),
])
def test_tool_commands_are_the_tools_own_options_and_description(command, module, own):
    """`samverkan forslag` and `samverkan check-links` have exactly the options and the description
    of the tool modules' own command lines."""
    import argparse
    import importlib

    from samverkan.tools import cli

    tool = importlib.import_module(f"samverkan.tools.{module}")
    sub = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    parser = sub.choices[command]
    expected = tool.add_arguments(argparse.ArgumentParser(add_help=False), **own)
    options = lambda p: sorted((a.dest, tuple(a.option_strings), a.default, a.help)  # noqa: E731
                               for a in p._actions if a.dest != "help")
    assert options(parser) == options(expected)
    assert parser.description == tool.DESCRIPTION
    assert parser.get_default("func") is getattr(cli, f"cmd_{command.replace('-', '_')}")
