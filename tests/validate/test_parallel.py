"""The parallel validation path (PARALLEL_THRESHOLD files or more go to worker processes) gives
the same records, problems and catalog as the serial path."""
from __future__ import annotations

import datetime as dt
import os

import pytest

from samverkan.catalog.catalog import Catalog
from samverkan.catalog.places import load_places
from samverkan.read.project import Project
from samverkan.read.records import plain
from samverkan.tools.synthetic import write_synthetic
from samverkan.validate import run


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: validation never forks")
def test_workers_and_serial_agree(tmp_path, monkeypatch, repo_root):
    data = tmp_path / "data"
    written = write_synthetic(data, run.PARALLEL_THRESHOLD + 20, seed=7)
    assert written >= run.PARALLEL_THRESHOLD
    bad = sorted((data / "agreements").glob("*.yaml"))[0]
    bad.write_text(bad.read_text("utf-8").replace("counties:", "counties:\n  - Atlantis\n", 1)
                   + "contact: 850101-0008\n", "utf-8")
    project = Project.at(repo_root, data)
    forks = []
    real_pool = run.ProcessPoolExecutor
    monkeypatch.setattr(run, "ProcessPoolExecutor", lambda *a, **k: forks.append(1) or real_pool(*a, **k))
    parallel = run.validate(project)
    assert forks, "the parallel path was not taken"
    monkeypatch.setattr(run, "PARALLEL_THRESHOLD", 10**9)
    serial = run.validate(project)

    assert parallel.problems == serial.problems and parallel.problems
    assert any(p.path.endswith(bad.name) for p in parallel.problems)
    assert parallel.files_checked == serial.files_checked
    key = lambda r: r.id  # noqa: E731
    assert [(r.id, r.type, plain(r.data), r.body) for r in sorted(parallel.records, key=key)] == \
           [(r.id, r.type, plain(r.data), r.body) for r in sorted(serial.records, key=key)]
    places = load_places(project.meta_dir / "places")
    both = [Catalog(list(rep.records), places, dt.date(2025, 1, 1)) for rep in (parallel, serial)]
    assert {r.id: (r.county_codes, r.municipality_codes) for r in both[0].records} == \
           {r.id: (r.county_codes, r.municipality_codes) for r in both[1].records}
    # Positions of cross-record problems need the file again: workers send plain dicts.
    assert all(isinstance(r.position("title"), tuple) for r in parallel.records[:5])


def _shape(value):
    """The types of a value, all the way down."""
    if isinstance(value, dict):
        return (type(value), {k: _shape(v) for k, v in value.items()})
    if isinstance(value, list):
        return (type(value), [_shape(v) for v in value])
    return type(value)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: validation never forks")
def test_workers_and_serial_give_records_of_one_shape(tmp_path, monkeypatch, repo_root):
    data = tmp_path / "data"
    write_synthetic(data, run.PARALLEL_THRESHOLD + 20, seed=3)
    bad = sorted((data / "agreements").glob("*.yaml"))[0]
    bad.write_text(bad.read_text("utf-8") + "related: [finns-inte]\n", "utf-8")  # a problem across records
    project = Project.at(repo_root, data)
    parallel = run.validate(project)
    monkeypatch.setattr(run, "PARALLEL_THRESHOLD", 10**9)
    serial = run.validate(project)
    assert parallel.problems == serial.problems and parallel.problems

    def shapes(report):
        return {r.id: (type(r), _shape(r.data), type(r.body), r.text) for r in report.records}

    assert shapes(parallel) == shapes(serial)
    assert {type(r.data) for r in serial.records} == {dict}
    # Reading a position back leaves the record's shape as it was.
    record = next(r for r in serial.records if r.path == bad)
    assert isinstance(record.position("related", 0), tuple)
    assert type(record.data) is dict and shapes(serial) == shapes(parallel)
