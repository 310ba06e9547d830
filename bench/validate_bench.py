"""Benchmark: validate 1,000 and 10,000 synthetic records; print seconds and peak memory.

Each run is a fresh `samverkan validate` process (as a maintainer runs it), so the
figures include start-up, reading every file, the schema, the checks across
records, and the worker processes (their peak memory is reported separately).
Usage: python bench/validate_bench.py [--sizes 1000 10000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from machine import describe  # noqa: E402  (bench/ is on sys.path when run as a script)
from samverkan.tools.synthetic import write_synthetic  # noqa: E402

RUNNER = """
import resource, sys, time
from pathlib import Path
t = time.perf_counter()
from samverkan.read.project import Project
from samverkan.validate.run import validate
report = validate(Project.at(Path({root!r}), Path({data!r})))
elapsed = time.perf_counter() - t
assert report.ok, report.problems[:3]
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(elapsed, own, kids, len(report.records))
"""




def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    print(f"Machine: {describe()}")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            data = Path(tmp) / f"data-{n}"
            write_synthetic(data, n)
            runs = []
            for _ in range(args.repeat):
                code = RUNNER.format(root=str(ROOT), data=str(data))
                wall = time.perf_counter()
                out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
                wall = time.perf_counter() - wall
                elapsed, own, kids, count = out.stdout.split()
                runs.append((float(elapsed), wall, int(own), int(kids), int(count)))
            best = min(runs)
            median = sorted(r[1] for r in runs)[len(runs) // 2]
            row = {"records": best[4], "validate_s": round(best[0], 2), "process_s": round(best[1], 2),
                   "process_median_s": round(median, 2),
                   "peak_main_MB": round(best[2] / 1024, 1), "peak_worker_MB": round(best[3] / 1024, 1)}
            results.append(row)
            print(f"validate {row['records']:>6} records: {row['validate_s']:.2f} s "
                  f"(whole process {row['process_s']:.2f} s best, {median:.2f} s median of {args.repeat}), "
                  f"peak memory {row['peak_main_MB']} MB main + {row['peak_worker_MB']} MB per worker")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": describe(), "results": results}, indent=2))
    goal = next((r for r in results if r["records"] == 10000), None)
    if goal:
        verdict = ("met" if goal["process_median_s"] <= 3.0 else
                   "met at best, not at the median" if goal["process_s"] <= 3.0 else "NOT met")
        print(f"Goal (10,000 records in at most 3 s, whole process): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
