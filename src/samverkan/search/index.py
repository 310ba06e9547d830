"""The search index: run Pagefind over a built site.

Pagefind ships as a binary inside the `pagefind-bin` wheel, so nothing is
downloaded at build time. It reads the built HTML and writes a static search
bundle (index chunks, filter chunks, WebAssembly and the UI scripts) to
<site>/pagefind/; the search page loads it from there, and only the chunks a
query needs.

What it indexes: record pages only. Their template marks the record content
with data-pagefind-body (so the header, navigation and footer stay out) and
carries the filters (lan, kommun, ar, typ, kind, tema, status), meta and sort.
The glob below keeps listing pages out even when there are no records at all
(Pagefind indexes every page of a site in which no page has data-pagefind-body).
The language is forced to Swedish: words are stemmed as Swedish, so a search
for "överenskommelser" finds "överenskommelsen".

Plain Python, no MkDocs: the hooks call build_search_index() after a build and
turn SearchIndexError into MkDocs' PluginError.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from samverkan.pages.urls import TYPE_SEGMENTS

BUNDLE_DIR = "pagefind"  # <site>/pagefind/, where the search page looks for it
LANGUAGE = "sv"
# Record pages and nothing else: <type segment>/<id>/index.html.
RECORD_GLOB = "{" + ",".join(sorted(TYPE_SEGMENTS.values())) + "}/*/index.html"
TIMEOUT_SECONDS = 900  # 10,000 records take about 7 s; a hang must not block a build for ever

# Set to 0 to build without the search index (only for benchmarks that time page generation alone);
# read once by samverkan.settings (Settings.search).
from samverkan.settings import SEARCH_SWITCH as ENV_SWITCH  # noqa: E402,F401


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why, in Swedish."""


@dataclass(frozen=True)
class IndexReport:
    bundle: Path
    pages: int
    seconds: float
    languages: tuple[str, ...]

    def summary(self) -> str:
        if not self.pages:
            return "Inga poster att indexera; sökindexet byggdes inte (sidan Sök säger att det saknas)"
        return f"Pagefind indexerade {self.pages} poster på {self.seconds:.1f} s ({self.bundle.name}/)"


def pagefind_executable() -> Path:
    """The binary from the pagefind-bin wheel."""
    try:
        import pagefind_bin
    except ImportError:
        raise SearchIndexError("Pagefind saknas: paketet pagefind-bin är inte installerat. "
                               "Kör ./run build (eller pip install -e .) så installeras det.") from None
    exe = Path(pagefind_bin.get_executable())
    if not exe.is_file():
        raise SearchIndexError(f"Pagefind saknas: {exe} finns inte. Installera om pagefind-bin.")
    return exe


def command(site_dir: Path, executable: Path) -> list[str]:
    return [str(executable), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
            "--glob", RECORD_GLOB, "--force-language", LANGUAGE]


_INDEXED = re.compile(r"Indexed (\d+) pages?")


def build_search_index(site_dir: Path, executable: Path | None = None,
                       timeout: float = TIMEOUT_SECONDS) -> IndexReport:
    """Index the built site in site_dir; raises SearchIndexError with a Swedish message on failure."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchIndexError(f"Sökindexet kan inte byggas: webbplatsens mapp {site_dir} finns inte.")
    if not any(any((site_dir / seg).glob("*/index.html")) for seg in TYPE_SEGMENTS.values()):
        # Pagefind refuses to write an empty index; a site without records has nothing to search.
        return IndexReport(site_dir / BUNDLE_DIR, 0, 0.0, ())
    exe = Path(executable) if executable else pagefind_executable()
    cmd = command(site_dir, exe)
    start = time.perf_counter()
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                env=dict(os.environ, NO_COLOR="1"))
    except FileNotFoundError:
        raise SearchIndexError(f"Pagefind kunde inte startas: {exe} finns inte.") from None
    except PermissionError:
        raise SearchIndexError(f"Pagefind kunde inte startas: {exe} är inte körbar.") from None
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"Pagefind blev inte klar på {timeout:.0f} s och avbröts.") from None
    seconds = time.perf_counter() - start
    output = (result.stdout or "") + (result.stderr or "")
    if result.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-15:])
        raise SearchIndexError(f"Pagefind misslyckades (slutkod {result.returncode}); sökindexet byggdes inte.\n"
                               f"{tail}")
    bundle = site_dir / BUNDLE_DIR
    entry = bundle / "pagefind-entry.json"
    try:
        languages = tuple(sorted(json.loads(entry.read_text("utf-8")).get("languages", {})))
    except (OSError, ValueError):
        raise SearchIndexError(f"Pagefind avslutades utan fel men skrev ingen {entry.name} i {bundle}.\n"
                               f"{output.strip()[-2000:]}") from None
    found = _INDEXED.findall(output)
    pages = int(found[0]) if found else 0
    return IndexReport(bundle, pages, seconds, languages)
