"""Fixtures of the validation tests that look at the real data."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def stats_output() -> str:
    """What `samverkan stats` prints for the real data, at a fixed build date (run once)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795564800"}
    result = subprocess.run([sys.executable, "-m", "samverkan", "stats"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout
