"""The Zensical adapter: the same site as the MkDocs hook, from the same front door.

Zensical reads mkdocs.yml and overrides/ but runs no MkDocs hooks (and says nothing about it:
alone it builds only the hand-written pages). So this adapter does what the hooks do, ahead of
the build, as files:

    stage()        samverkan.build.build(settings), then write into <work>/docs/ every generated
                   page as Markdown with JSON front matter (page_meta: escaped title and
                   description, the head's JSON-LD or term feed link, no theme script on the
                   search page; and the body, table
                   of contents and edit link, which MkDocs gets natively from the hook), the
                   hand-written pages of docs/ (the start page with its overview), the downloads
                   page and the open-data files; and <work>/zensical.yml (INHERIT: mkdocs.yml)
    build_site()   stage, run `zensical build -c -s` into a fresh folder inside <work>, fail if a
                   page is missing, run Pagefind over it (Built.index_search, as the hook's
                   on_post_build), drop Zensical's own search.json, and move the site into place

Zensical runs as a child process (`python -m zensical`), so nothing here imports it; it is an
optional extra (pip install -e '.[zensical]'). The front matter is JSON, which is YAML too:
strings (HTML, quotes, <script>) round-trip exactly and it is fast to write.
"""
from __future__ import annotations

import importlib.util
import json
import posixpath
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from samverkan.adapters.material import (DOCS_EDIT_PREFIX, MATERIAL_UI, page_meta,
                                         statement_markdown, toc_entries, with_overview)
from samverkan.pages import statement, urls
from samverkan.build import Built, PathTaken, build
from samverkan.publish.publication import DOWNLOADS_PAGE
from samverkan.settings import Settings, mkdocs_config

VERSION = "0.0.73"  # the pin of the extra in pyproject.toml; 0.0.74+ need zensical-ui (not in the registry)
WORK_DIR = ".zensical"  # inside the project: Zensical wants docs_dir and site_dir beside its config
CONFIG_NAME = "zensical.yml"
STAGE_DIR = "docs"
SITE_DIR = "site"
ZENSICAL_SEARCH_FILE = "search.json"  # Zensical writes it even with its search plugin off
INSTALL_HINT = "installera extrat: pip install -e '.[zensical]' (./run test gör det)"


class ZensicalFailed(RuntimeError):
    """The Zensical build did not give the whole site; the message says why, in Swedish."""


@dataclass
class Staged:
    work: Path
    config: Path
    built: Built
    pages: dict[str, str] = field(default_factory=dict)  # output path (x/index.html) -> source (x/index.md)
    seconds: float = 0.0


@dataclass
class BuildReport:
    site: Path
    pages: int
    stage_seconds: float
    zensical_seconds: float
    search_seconds: float
    search_summary: str = ""

    def summary(self) -> str:
        return (f"Zensical byggde {self.pages} sidor till {self.site} (förberedelse {self.stage_seconds:.1f} s, "
                f"zensical build {self.zensical_seconds:.1f} s, sökindex {self.search_seconds:.1f} s)"
                + (f"; {self.search_summary}" if self.search_summary else ""))


def output_path(src_uri: str) -> str:
    """Where a Markdown source lands with directory URLs: om.md -> om/index.html."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) == "index":
        return posixpath.join(posixpath.dirname(stem), "index.html")
    return f"{stem}/index.html"


def _page_text(meta: dict, body: str = "") -> bytes:
    return ("---\n" + json.dumps(meta, ensure_ascii=False, default=str) + "\n---\n\n" + body + "\n").encode("utf-8")


def _nav_sources(nav) -> set[str]:
    found: set[str] = set()
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found |= _nav_sources(value)
        elif isinstance(value, str):
            found.add(value)
    return found


def _not_in_nav(sources: list[str], in_nav: set[str]) -> str:
    """gitignore-style patterns for the generated pages outside the nav (one per folder of them)."""
    patterns = set()
    for src in sources:
        if src in in_nav:
            continue
        parts = src.split("/")
        patterns.add("/" + ("/".join(parts[:-2] + ["*", parts[-1]]) if len(parts) > 2 else src))
    return "\n".join(sorted(patterns)) + "\n"


def _sync(root: Path, wanted: dict[str, bytes]) -> None:
    """Make root hold exactly `wanted` (relative path -> bytes); unchanged files are not rewritten,
    so `zensical serve` and its cache see only what changed."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, data in wanted.items():
        path = root / rel
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for path in sorted(root.rglob("*"), reverse=True):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def stage(settings: Settings, work: Path | None = None) -> Staged:
    """Write the whole site as Zensical's input into `work` (default <root>/.zensical)."""
    start = time.perf_counter()
    root = settings.root
    work = Path(work) if work else root / WORK_DIR
    # The nav only (which generated pages are in it); everything else of mkdocs.yml is in Settings.
    nav = mkdocs_config(root, {}).get("nav")
    repo_url, edit_uri = settings.repo_url, settings.edit_uri
    built = build(settings, ui=MATERIAL_UI)
    staged = Staged(work, work / CONFIG_NAME, built)
    wanted: dict[str, bytes] = {}

    def page(src: str, meta: dict, body: str = "") -> None:
        wanted[src] = _page_text(meta, body)
        staged.pages[output_path(src)] = src

    # Hand-written pages (and whatever else docs/ holds), edited under docs/.
    docs = root / "docs"
    handwritten = sorted(p for p in docs.rglob("*") if p.is_file())
    try:
        built.check_free({p.relative_to(docs).as_posix() for p in handwritten}.__contains__,
                         built.publication.files())
    except PathTaken as err:
        raise ZensicalFailed(str(err)) from None
    for path in handwritten:
        rel = path.relative_to(docs).as_posix()
        if path.suffix != ".md":
            wanted[rel] = path.read_bytes()
            continue
        post = frontmatter.load(path)
        meta = dict(post.metadata)
        meta["sv_edit_url"] = urls.edit_link(repo_url, edit_uri, DOCS_EDIT_PREFIX + rel) or False
        body = post.content
        if rel == statement.STATEMENT_PAGE:  # the accessibility statement's measured part, as the hook does
            try:
                body, _ = statement_markdown(built, docs, body)
            except statement.StatementError as err:
                raise ZensicalFailed(str(err)) from None
        if rel == "index.md":  # the overview as a raw HTML block where the marker is (or at the end)
            body = with_overview(body, "\n\n" + built.site.render_home("") + "\n\n")
        page(rel, meta, body)
    # Generated pages: the body and table of contents in the front matter, so the Markdown
    # step has nothing to change (variant B; the record articles are byte for byte the hook's).
    for spec in built.site.pages():
        rendered = built.site.render(spec)
        meta = page_meta(built, spec)
        meta["sv_body"] = rendered.html
        meta["sv_toc"] = toc_entries(rendered)
        meta["sv_edit_url"] = urls.edit_link(repo_url, edit_uri, spec.edit_path) or False
        page(spec.src_uri, meta)
    page(DOWNLOADS_PAGE, {"sv_edit_url": False}, built.publication.downloads_markdown())
    wanted.update(built.publication.files())
    _sync(work / STAGE_DIR, wanted)

    config = {
        "INHERIT": str(root / "mkdocs.yml"),
        "docs_dir": STAGE_DIR,
        "site_dir": SITE_DIR,
        "site_url": settings.site_url,
        "theme": {"custom_dir": str(root / "overrides"), "variant": "classic"},
        # Pagefind indexes the site (as in MkDocs); Zensical's own search stays off.
        "plugins": [{"search": {"enabled": False}}],
        "not_in_nav": _not_in_nav([s.src_uri for s in built.site.pages()], _nav_sources(nav)),
        "extra": {"generator": False, "sv_feed_link": str(built.publication.feed_link())},
    }
    text = ("# Written by samverkan.adapters.zensical (samverkan zensical build); do not edit.\n"
            + yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    (work / ".gitignore").write_text("*\n", "utf-8")
    if not staged.config.is_file() or staged.config.read_text("utf-8") != text:
        staged.config.write_text(text, "utf-8")
    staged.seconds = time.perf_counter() - start
    return staged


def _set_site_dir(config: Path, site_dir: str) -> None:
    text = config.read_text("utf-8")
    data = yaml.safe_load(text)
    data["site_dir"] = site_dir
    config.write_text(text.split("\n", 1)[0] + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                      "utf-8")


def missing_pages(site: Path, expected) -> list[str]:
    """The expected pages (output paths) that the built site does not have."""
    return sorted(p for p in expected if not (site / p).is_file())


def run_zensical(staged: Staged, site_dir: str, timeout: float = 3600) -> float:
    """`zensical build -c -s` of the staged config into <work>/<site_dir>; the seconds it took."""
    _set_site_dir(staged.config, site_dir)
    cmd = [sys.executable, "-m", "zensical", "build", "-c", "-s", "-f", str(staged.config)]
    start = time.perf_counter()
    try:
        result = subprocess.run(cmd, cwd=staged.work, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ZensicalFailed(f"zensical build blev inte klar på {timeout:.0f} s och avbröts.") from None
    output = (result.stdout or "") + (result.stderr or "")
    if result.returncode != 0:
        if "No module named zensical" in output:
            raise ZensicalFailed(f"Zensical är inte installerat: {INSTALL_HINT}.")
        tail = "\n".join(output.strip().splitlines()[-25:])
        raise ZensicalFailed(f"zensical build misslyckades (slutkod {result.returncode}); webbplatsen byggdes "
                             f"inte.\n{tail}")
    return time.perf_counter() - start


def build_site(settings: Settings, site_dir: Path | None = None, work: Path | None = None,
               timeout: float = 3600) -> BuildReport:
    """Stage, build with Zensical into a fresh folder, check, index; the site ends up in site_dir
    (default <work>/site). Raises ZensicalFailed (Swedish) when any step fails."""
    if importlib.util.find_spec("zensical") is None:
        raise ZensicalFailed(f"Zensical är inte installerat: {INSTALL_HINT}.")
    staged = stage(settings, work)
    # A fresh folder: zensical build empties its site_dir first and writes the pages only at the end.
    fresh = Path(tempfile.mkdtemp(prefix="site-", dir=staged.work))
    try:
        seconds = run_zensical(staged, fresh.name, timeout)
        missing = missing_pages(fresh, staged.pages)
        if missing:
            shown = "\n".join(f"  {p} (från {staged.pages[p]})" for p in missing[:20])
            more = f"\n  … och {len(missing) - 20} till" if len(missing) > 20 else ""
            raise ZensicalFailed(
                f"Zensical byggde inte {len(missing)} av {len(staged.pages)} sidor:\n{shown}{more}\n"
                f"Zensical kör inga MkDocs-hookar; sidorna ska komma från {STAGE_DIR}/ i {staged.work}. "
                f"Kontrollera att samverkan.adapters.zensical skrev dem och att zensical=={VERSION} används.")
        (fresh / ZENSICAL_SEARCH_FILE).unlink(missing_ok=True)
        start = time.perf_counter()
        from samverkan.search.index import SearchIndexError
        try:
            report = staged.built.index_search(fresh)
        except SearchIndexError as err:
            raise ZensicalFailed(str(err)) from None
        search_seconds = time.perf_counter() - start
        target = Path(site_dir) if site_dir else staged.work / SITE_DIR
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(fresh), str(target))
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
    return BuildReport(target, len(staged.pages), staged.seconds, seconds, search_seconds,
                       report.summary() if report is not None else "sökindexet byggdes inte (SAMVERKAN_SEARCH_INDEX=0)")
