"""Benchmark: build the site from 1,000 and 10,000 synthetic records, against bare Material.

For each size it writes synthetic records (samverkan.tools.synthetic), builds the real site
(`mkdocs build --strict` with this repository's mkdocs.yml and hooks, SAMVERKAN_DATA_DIR
pointing at them), and in the same run builds the same number of plain Markdown pages
(each record's title, summary and facts as Markdown) with bare Material: a throwaway
mkdocs.yml, pages out of the nav, no search plugin, no hooks. It prints both wall-clock
times, their ratio (goal: at most 1.3) and the peak resident memory of each build.
Both builds make pages only: the Pagefind index that the site's hooks add after the
pages is switched off here (SAMVERKAN_SEARCH_INDEX=0) and measured on its own.

Builds alternate (site, bare, site, bare ...) and the fastest of each counts, since other
work on a shared machine only ever makes a build slower; every run is printed too.

Beside MkDocs' time it reports the second build path, Zensical (`samverkan zensical build`:
stage, `zensical build -c -s` with a cleared cache, page check; search off as above), once per
size in --zensical-sizes (default 1000 when the zensical extra is installed; 10,000 records take
about 15 minutes on a loaded 2-core machine, so add it explicitly).
Usage: python bench/site_build.py [--sizes 1000 10000] [--repeat 3] [--keep DIR] [--zensical-sizes 1000 10000]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from machine import describe  # noqa: E402  (run as a script, bench/ is the first folder Python imports from)

ROOT = Path(__file__).resolve().parents[1]

from samverkan.read.records import record_files  # noqa: E402
from samverkan.tools.synthetic import write_synthetic  # noqa: E402

EPOCH = "1767225600"  # 1 January 2026: a fixed build date, as in a reproducible build

BARE_CONFIG = """site_name: Bare
site_url: https://example.org/bare/
theme:
  name: material
  language: sv
  font: false
plugins: []
not_in_nav: |
  /p/*
nav:
  - index.md
"""




def write_bare_pages(data_dir: Path, out: Path) -> int:
    """One plain Markdown page per synthetic record, with the same text the record page shows."""
    docs = out / "docs"
    shutil.rmtree(out, ignore_errors=True)
    (docs / "p").mkdir(parents=True)
    (out / "mkdocs.yml").write_text(BARE_CONFIG, "utf-8")
    (docs / "index.md").write_text("# Start\n\nBare Material, for comparison.\n", "utf-8")
    n = 0
    for path in record_files(data_dir):
        r = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
        facts = [f"- **{k}:** {r[k]}" for k in ("type", "kind", "scope", "counties", "municipalities", "themes",
                                                  "valid_from", "valid_to", "date", "principles") if k in r]
        sources = [f"- [{s['title']}]({s['url']})" if s.get("url") else f"- {s['title']}" for s in r["sources"]]
        text = (f"# {r['title']}\n\n{r.get('summary', '')}\n\n## Fakta\n\n" + "\n".join(facts)
                + "\n\n## Källor\n\n" + "\n".join(sources) + "\n")
        (docs / "p" / f"{path.stem}.md").write_text(text, "utf-8")
        n += 1
    return n


def timed_build(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """Wall-clock seconds and peak resident memory (MB, largest process of the build)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4 gives this child's own resource use (incl. its waited-for workers), not the sum of all runs.
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({' '.join(cmd)}):\n{err}")
    return elapsed, usage.ru_maxrss / 1024


ZENSICAL_CMD = [sys.executable, "-c", "import sys; from samverkan.tools.cli import main; sys.exit(main())",
                "--root", str(ROOT), "zensical", "build"]


def zensical_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("zensical") is not None


def bench_zensical(size: int, work: Path, env: dict) -> dict:
    """One Zensical build (stage + zensical build + page check) of the same data; seconds and peak MB."""
    site = work / f"site-zensical-{size}"
    seconds, peak = timed_build(ZENSICAL_CMD + ["--site-dir", str(site), "--work-dir", str(work / f"zensical-{size}")],
                                ROOT, env)
    built = sum(1 for _ in site.rglob("index.html"))
    return {"zensical_seconds": round(seconds, 2), "zensical_pages": built, "zensical_peak_mb": round(peak)}


def bench(size: int, work: Path, repeat: int, with_zensical: bool = False) -> dict:
    data = work / f"data-{size}"
    write_synthetic(data, size)
    bare = work / f"bare-{size}"
    pages = write_bare_pages(data, bare)
    # Pages only: the Pagefind search index (SAMVERKAN_SEARCH_INDEX) is timed by bench/search_bench.py.
    env = dict(os.environ, SAMVERKAN_DATA_DIR=str(data), SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1",
               SAMVERKAN_SEARCH_INDEX="0")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    ours, plain = [], []
    for _ in range(repeat):  # alternate, so a slow moment of the machine hits both
        ours.append(timed_build(mkdocs + ["-f", str(ROOT / "mkdocs.yml"), "-d", str(work / f"site-{size}")],
                                ROOT, env))
        plain.append(timed_build(mkdocs + ["-f", str(bare / "mkdocs.yml"), "-d", str(bare / "site")], bare, env))
    built = sum(1 for _ in (work / f"site-{size}").rglob("index.html"))
    best_ours, best_plain = min(ours), min(plain)
    extra = bench_zensical(size, work, env) if with_zensical else {}
    return extra | {"records": size, "site_pages": built, "bare_pages": pages + 1,
            "site_seconds": round(best_ours[0], 2), "bare_seconds": round(best_plain[0], 2),
            "ratio": round(best_ours[0] / best_plain[0], 2),
            "site_runs": [round(t, 2) for t, _ in ours], "bare_runs": [round(t, 2) for t, _ in plain],
            "site_peak_mb": round(max(m for _, m in ours)), "bare_peak_mb": round(max(m for _, m in plain))}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind per size; the fastest counts")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp dir)")
    parser.add_argument("--zensical-sizes", type=int, nargs="*", default=None,
                        help="sizes also built with Zensical (default: 1000 if installed; none: --zensical-sizes)")
    args = parser.parse_args(argv)
    if args.zensical_sizes is None:
        args.zensical_sizes = [1000] if zensical_installed() else []
    if args.zensical_sizes and not zensical_installed():
        raise SystemExit("Zensical saknas: pip install -e '.[zensical]'")
    print(f"Machine: {describe()}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="samverkan-site-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        print(f"{'records':>8} {'pages':>7} {'site s':>8} {'bare s':>8} {'ratio':>6} {'site MB':>8} {'bare MB':>8}")
        for size in args.sizes:
            r = bench(size, work, args.repeat, size in args.zensical_sizes)
            results.append(r)
            print(f"{r['records']:>8} {r['site_pages']:>7} {r['site_seconds']:>8.2f} {r['bare_seconds']:>8.2f} "
                  f"{r['ratio']:>6.2f} {r['site_peak_mb']:>8} {r['bare_peak_mb']:>8}"
                  f"   (runs: site {r['site_runs']}, bare {r['bare_runs']})", flush=True)
            if "zensical_seconds" in r:
                print(f"{'':>8} {r['zensical_pages']:>7} Zensical {r['zensical_seconds']:.2f} s "
                      f"({r['zensical_seconds'] / r['site_seconds']:.1f} × MkDocs), {r['zensical_peak_mb']} MB "
                      f"(stage + zensical build -c -s + page check, one run)", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"machine": describe(), "results": results}, ensure_ascii=False))
    worst = max(r["ratio"] for r in results)
    print(f"Goal: at most 1.3 times the bare build. Worst ratio: {worst:.2f} "
          f"({'met' if worst <= 1.3 else 'NOT met'}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
