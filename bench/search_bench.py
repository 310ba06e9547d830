"""Benchmark: what search and browse cost a visitor, for 10,000 synthetic records.

It writes 10,000 synthetic records (samverkan.tools.synthetic), builds the real site with
`mkdocs build --strict` (the hooks run Pagefind), serves it on 127.0.0.1 gzip-compressed
as GitHub Pages does, and drives Debian's Chromium (Playwright) through it with a cold
cache, counting the bytes on the wire (status line, headers and body of every response, counted
by the server: Pagefind fetches its index from a Web Worker, whose requests a page's DevTools
network events do not show):

  search     open /sok/, type a word, tick a län filter, until the first result is shown;
             and the same search opened from a shared link (/sok/?q=...&lan=19).
             Goal: at most 250 KB. MkDocs' own search would first download its whole
             index: 58 MB (5.1 MB gzipped) for 10,000 pages in our measurement; with
             --mkdocs-index the benchmark writes the index MkDocs' search plugin would write
             for these very pages (its JSON: every page and h2 section, with its text).
  record     the cold weight of one record page: HTML, CSS, JS and icons it loads, as
             transferred (gzipped). Goal: at most 80 KB; the search code loads only on /sok/.
  browse     /bladdra/ with every record: milliseconds from a filter change to the next
             painted frame, over a series of changes. Goal: under 100 ms per change.

Every request must go to the local server; the benchmark fails if one does not.
--zensical builds the site the second way (`samverkan zensical build`, Zensical + Pagefind) instead.
Usage: python bench/search_bench.py [--count 10000] [--keep DIR [--reuse]] [--mkdocs-index] [--zensical]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import html
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from machine import describe  # noqa: E402  (run as a script, bench/ is the first folder Python imports from)

ROOT = Path(__file__).resolve().parents[1]

from samverkan.tools.synthetic import write_synthetic  # noqa: E402
from samverkan.pages.urls import base_path  # noqa: E402
from samverkan.settings import Settings  # noqa: E402

EPOCH = "1767225600"  # 1 January 2026, a fixed build date
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-gpu"]
GOAL_SEARCH_KB = 250
GOAL_RECORD_KB = 80
GOAL_BROWSE_MS = 100
MKDOCS_INDEX_REFERENCE = "58 MB (5.1 MB gzipped), measured for 10,000 plain pages (see the brief)"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")




def site_base_path() -> str:
    """Where the site is served: the path of site_url (SITE_URL, else the default in mkdocs.yml)."""
    return base_path(Settings.from_env(ROOT).site_url)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its base path; text files gzip-compressed when the browser asks."""

    base = "/"
    cache: dict = {}

    def translate_path(self, path):
        if not path.startswith(self.base):
            return str(Path(self.directory) / "__outside_base_path__")
        return super().translate_path("/" + path[len(self.base):])

    def do_GET(self):
        path = Path(self.translate_path(urlsplit(self.path).path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self.cache.get(path)
            if body is None:
                body = self.cache[path] = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):
        pass

    # Every byte written to the socket (status line, headers, body) is counted per request, so
    # the figures include what a Web Worker fetches (Pagefind loads its index from one, and a
    # page's DevTools network events do not see a worker's requests).
    def setup(self):
        super().setup()
        self.wfile = _Counting(self.wfile, self)
        self.sent = 0

    def handle_one_request(self):
        self.sent = 0
        self.path = ""
        super().handle_one_request()
        if self.path:
            with self.server.lock:
                self.server.sent.append((self.path, self.sent))


class _Counting:
    def __init__(self, raw, handler):
        self.raw, self.handler = raw, handler

    def write(self, data):
        self.handler.sent += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(type("H", (GzipHandler,), {"base": site_base_path(), "cache": {}}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.lock = threading.Lock()
    server.sent = []  # (path, bytes) of every response, in order
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}{site_base_path()}"


def build(data: Path, site: Path, config: Path = ROOT / "mkdocs.yml", zensical: bool = False) -> tuple[float, str]:
    env = dict(os.environ, SAMVERKAN_DATA_DIR=str(data), SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    if zensical:
        cmd = [sys.executable, "-m", "samverkan", "--root", str(ROOT), "zensical", "build", "--site-dir", str(site),
               "--work-dir", str(site.parent / "zensical-work")]
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout}\n{result.stderr}")
    return seconds, result.stdout + result.stderr


# -- the browser -------------------------------------------------------------------------

class Wire:
    """What one scenario cost on the wire (counted by the server) and which hosts it asked."""

    def __init__(self, server, context):
        self.server = server
        with server.lock:
            server.sent.clear()
        self.requested: list[str] = []
        context.on("request", lambda r: self.requested.append(r.url))

    def finish(self) -> "Wire":
        with self.server.lock:
            self.responses = list(self.server.sent)
        return self

    def total(self) -> int:
        return sum(n for _, n in self.responses)

    def by_kind(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for path, n in self.responses:
            name = path.split("?")[0].rsplit("/", 1)[-1]
            if "/pagefind/" in path and (name.endswith((".js", ".css")) or name.endswith(".pagefind")):
                kind = "search code (Pagefind JS, CSS, WebAssembly; sok.js)"
            elif "/pagefind/" in path:
                kind = "search index (entry, meta, words, filters, fragments)"
            elif name == "sok.js":
                kind = "search code (Pagefind JS, CSS, WebAssembly; sok.js)"
            else:
                kind = "page (HTML, theme CSS and JS, icons)"
            out[kind] = out.get(kind, 0) + n
        return out

    def hosts(self) -> set[str]:
        return {urlsplit(u).netloc for u in self.requested if not u.startswith(("data:", "blob:"))}


def launch(playwright):
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium finns inte på {CHROMIUM}; installera paketet chromium (./run test gör det).")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def fresh_page(browser, server):
    """A cold page (new context: empty cache) and the Wire that counts what it loads."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    wire = Wire(server, context)
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page, wire


def first_result_shown(page, term: str | None = None):
    page.wait_for_selector("[data-sv-hits] h3 a", state="visible")
    if term:
        page.wait_for_function("t => document.querySelector('[data-sv-summary]').textContent.includes(t)", arg=term)


def search_typed(browser, server, url: str, term: str, county_code: str) -> Wire:
    """Open /sok/, type a word, open Län and tick a county: the first filtered search."""
    context, page, wire = fresh_page(browser, server)
    page.goto(url + "sok/")
    page.fill("#sv-q", term)
    first_result_shown(page, term)
    page.click("[data-sv-group='lan'] > summary")
    page.check(f"input[name=lan][value='{county_code}']")
    page.wait_for_function("() => location.search.includes('lan=')")
    page.wait_for_function("() => !document.querySelector('[data-sv-hits]').hasAttribute('aria-busy')")
    first_result_shown(page, term)
    page.wait_for_timeout(500)
    wire.finish()
    context.close()
    return wire


def search_shared(browser, server, url: str, term: str, code: str) -> Wire:
    context, page, wire = fresh_page(browser, server)
    page.goto(url + f"sok/?q={term}&lan={code}")
    first_result_shown(page, term)
    page.wait_for_timeout(500)
    wire.finish()
    context.close()
    return wire


def record_page(browser, server, url: str, path: str) -> Wire:
    context, page, wire = fresh_page(browser, server)
    page.goto(url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    wire.finish()
    context.close()
    return wire


# Ticking (True) and unticking (False) values in the filter panel of /bladdra/.
BROWSE_STEPS = [("lan", "19", True), ("typ", "overenskommelser", True), ("ar", "2019", True), ("ar", "2018", True),
                ("ar", "2019", False), ("ar", "2018", False), ("lan", "19", False), ("typ", "overenskommelser", False),
                ("kommun", "1980", True), ("kommun", "1980", False), ("typ", "lok", True), ("typ", "iop", True),
                ("lan", "12", True), ("typ", "lok", False), ("typ", "iop", False), ("lan", "12", False),
                ("ar", "2015", True), ("typ", "samrad-och-moten", True), ("ar", "2015", False),
                ("typ", "samrad-och-moten", False)]


def browse(browser, server, url: str) -> dict:
    context, page, wire = fresh_page(browser, server)
    page.goto(url + "bladdra/", wait_until="load")
    load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    steps = page.evaluate("""async (steps) => {
      const form = document.querySelector('[data-sv-browse-form]');
      const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
      const out = [];
      for (const [field, value, on] of steps) {
        await frame();
        await new Promise(r => setTimeout(r, 30));
        const box = form.querySelector(`[data-sv-panel] input[name="${field}"][value="${value}"]`);
        if (!box) { out.push({step: field + '=' + value, missing: true}); continue; }
        const t0 = performance.now();
        box.checked = on;
        box.dispatchEvent(new Event('change', {bubbles: true}));
        const handled = performance.now();
        await frame();
        out.push({step: (on ? '+' : '-') + field + '=' + value, handler_ms: handled - t0,
                  frame_ms: performance.now() - t0, count: document.querySelector('[data-sv-count]').textContent});
      }
      return out;
    }""", BROWSE_STEPS)
    missing = [s["step"] for s in steps if s.get("missing")]
    if missing:
        raise SystemExit(f"browse: the panel has no box for {', '.join(missing)}; update BROWSE_STEPS")
    rows = page.evaluate("document.querySelector('[data-sv-rows]').rows.length")
    wire.finish()
    context.close()
    return {"load_ms": load_ms, "steps": steps, "rows_drawn": rows, "bytes": wire.total(), "hosts": wire.hosts()}


_CONTENT = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_SECTION = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def mkdocs_index(site: Path) -> tuple[int, int, int]:
    """The search index MkDocs' search plugin would write for these pages, and its gzipped size.

    The plugin cannot simply be switched on for this site (generated pages get their body after
    it has read them), so this writes the same JSON mkdocs.contrib.search does: for every page an
    entry with its title and the text of its whole content, and one entry per section (h2) with
    the section's text. Returns the number of pages, the bytes and the gzipped bytes.
    """
    docs = []
    pages = 0
    for path in sorted(site.rglob("index.html")):
        if "pagefind" in path.parts:
            continue
        found = _CONTENT.search(path.read_text("utf-8"))
        if not found:
            continue
        pages += 1
        content = found[1]
        location = path.parent.relative_to(site).as_posix() + "/"
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S)
        parts = _SECTION.split(content)
        docs.append({"location": location, "title": _text(h1[1]) if h1 else location, "text": _text(content)})
        for i in range(1, len(parts) - 2, 3):
            docs.append({"location": f"{location}#{parts[i]}", "title": _text(parts[i + 1]),
                         "text": _text(parts[i + 2])})
    index = {"config": {"lang": ["sv"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]}, "docs": docs}
    raw = json.dumps(index, sort_keys=True, separators=(",", ":")).encode("utf-8")  # as mkdocs.contrib.search
    return pages, len(raw), len(gzip.compress(raw, 6))


def kb(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def load() -> str:
    """The load average now (1, 5, 15 minutes): on a shared machine the timings depend on it."""
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp dir)")
    parser.add_argument("--mkdocs-index", action="store_true",
                        help="also write the index MkDocs' search plugin would write for these pages, and weigh it")
    parser.add_argument("--term", default="samverkan")
    parser.add_argument("--zensical", action="store_true",
                        help="build with Zensical (samverkan zensical build) instead of MkDocs")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: use the records and site already built there (no new build)")
    parser.add_argument("--files", action="store_true", help="list every file the first filtered search loads")
    parser.add_argument("--browse-runs", type=int, default=1,
                        help="run the browse steps this many times (fresh page each time) and pool them")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    print(f"Machine: {describe()}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="samverkan-search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    data, site = work / "data", work / "site"
    try:
        if args.reuse and (site / "pagefind" / "pagefind-entry.json").is_file():
            seconds, log = 0.0, ""
            print(f"Reusing the site built in {site}")
        else:
            write_synthetic(data, args.count)
            seconds, log = build(data, site, zensical=args.zensical)
        found = re.search(r"Pagefind indexerade (\d+) poster på ([\d.]+) s", log)
        print(f"Built {args.count} records in {seconds:.1f} s"
              + (f" (Pagefind: {found[1]} pages in {found[2]} s)" if found else ""))
        bundle = site / "pagefind"
        print(f"Pagefind bundle on disk: {sum(p.stat().st_size for p in bundle.rglob('*') if p.is_file()) / 2**20:.1f} MB "
              f"in {sum(1 for p in bundle.rglob('*') if p.is_file())} files (a visitor loads only what a query needs)")
        record = next(p for p in sorted((site / "overenskommelser").iterdir()) if (p / "index.html").is_file())
        record_path = f"overenskommelser/{record.name}/"

        server, url = serve(site)
        hosts: set[str] = set()
        results: dict = {"machine": describe(), "records": args.count}
        try:
            with sync_playwright() as p:
                browser = launch(p)
                typed = search_typed(browser, server, url, args.term, "19")
                shared = search_shared(browser, server, url, args.term, "19")
                rec = record_page(browser, server, url, record_path)
                load_search = load()
                runs = [browse(browser, server, url) for _ in range(max(1, args.browse_runs))]
                load_browse = load()
                br = dict(runs[0], steps=[s for r in runs for s in r["steps"]])
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
        local = urlsplit(url).netloc
        for w in (typed, shared, rec):
            hosts |= w.hosts()
        hosts |= br["hosts"]

        print(f"\nFirst filtered search, cold cache, gzip as on GitHub Pages (goal: at most {GOAL_SEARCH_KB} KB; "
              f"measured at {load_search}):")
        for label, w in (("typed on /sok/ (word, then a län filter)", typed),
                         ("opened from a shared link (?q=...&lan=19)", shared)):
            print(f"  {label:44} {kb(w.total()):>8}  ({len(w.responses)} requests)")
            for kind, n in sorted(w.by_kind().items()):
                print(f"      {kind:52} {kb(n):>8}")
            if args.files:
                for path, n in w.responses:
                    print(f"          {path.split('?')[0].removeprefix(site_base_path()):60} {n / 1024:7.1f} KB")
        if args.mkdocs_index:
            n_pages, raw, gz = mkdocs_index(site)
            mk = (f"{raw / 2**20:.1f} MB ({gz / 2**20:.1f} MB gzipped) for these {n_pages} pages "
                  f"(written as MkDocs' search plugin would)")
        else:
            mk = MKDOCS_INDEX_REFERENCE
        print(f"  MkDocs' built-in search index, downloaded before the first result: {mk}")

        print(f"\nRecord page, cold (goal: at most {GOAL_RECORD_KB} KB gzipped): {kb(rec.total())} "
              f"in {len(rec.responses)} requests; search code loaded: "
              f"{'yes' if any('/pagefind/' in p or p.endswith('sok.js') for p, _ in rec.responses) else 'no'}")
        for path, n in rec.responses:
            print(f"      {path.rsplit('/', 1)[-1] or path:52} {n / 1024:7.1f} KB")

        frames = [s["frame_ms"] for s in br["steps"]]
        handlers = [s["handler_ms"] for s in br["steps"]]
        print(f"\nBrowse page, {args.count} records, {len(runs)} run(s) of {len(BROWSE_STEPS)} changes, {load_browse} "
              f"(goal: under {GOAL_BROWSE_MS} ms per change): "
              f"filter change to next frame median {statistics.median(frames):.0f} ms, max {max(frames):.0f} ms "
              f"(handler median {statistics.median(handlers):.0f} ms); page {kb(br['bytes'])} gzipped, "
              f"load {br['load_ms']:.0f} ms")
        for s in br["steps"]:
            print(f"      {s['step']:16} {s['frame_ms']:6.1f} ms   {s['count']}")

        print(f"\nHosts contacted: {sorted(hosts)}")
        results.update({
            "search_typed_bytes": typed.total(), "search_shared_bytes": shared.total(),
            "search_typed_by_kind": typed.by_kind(), "record_page_bytes": rec.total(),
            "browse_frame_ms_median": round(statistics.median(frames), 1), "browse_frame_ms_max": round(max(frames), 1),
            "mkdocs_index": mk, "build_seconds": round(seconds, 1),
            "load_search": load_search, "load_browse": load_browse,
        })
        ok = True
        if hosts - {local}:
            print(f"FAIL: requests left the site: {sorted(hosts - {local})}")
            ok = False

        def search_part(w: Wire) -> int:
            return sum(n for kind, n in w.by_kind().items() if kind.startswith("search"))

        payload = max(search_part(typed), search_part(shared))
        whole = max(typed.total(), shared.total())
        print(f"Search: {kb(payload)} of search code and index (goal: at most {GOAL_SEARCH_KB} KB: "
              f"{'met' if payload <= GOAL_SEARCH_KB * 1024 else 'NOT met'}); {kb(whole)} with the page and "
              f"Material's theme on a first visit to the site "
              f"({'within' if whole <= GOAL_SEARCH_KB * 1024 else 'over'} {GOAL_SEARCH_KB} KB)")
        results.update({"search_payload_bytes": payload, "search_whole_bytes": whole})
        goals = [("search code and index", payload <= GOAL_SEARCH_KB * 1024),
                 ("record page", rec.total() <= GOAL_RECORD_KB * 1024),
                 ("browse", max(frames) < GOAL_BROWSE_MS)]
        print("Goals: " + ", ".join(f"{name} {'met' if met else 'NOT met'}" for name, met in goals))
        print(json.dumps(results, ensure_ascii=False))
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
