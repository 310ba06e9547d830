"""Run every benchmark in turn: ./run bench (or python bench/run.py [names...])."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["validate_bench.py", "site_build.py", "search_bench.py"]


def main(argv: list[str]) -> int:
    wanted = argv or [name for name in ORDER if (HERE / name).exists()]
    status = 0
    for name in wanted:
        print(f"\n== {name}", flush=True)
        status |= subprocess.run([sys.executable, str(HERE / name)]).returncode
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
