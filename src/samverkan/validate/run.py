"""Validate a data set: every file, every problem at once, nothing dropped."""
from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from samverkan.validate.checks import Found, check_catalog, check_record
from samverkan.catalog.places import load_places
from samverkan.validate.problems import Problem, display_path
from samverkan.read.records import TYPE_FOLDERS, Record, Scan, load_record, plain, scan_data
from samverkan.validate.schema import schema_problems
from samverkan.validate.sources import source_problems
from samverkan.validate.text import is_character_problem
from samverkan.read.project import Project  # noqa: F401  (validate(project) takes one)
from samverkan.read.yamlsource import LoadError


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass
class Report:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0  # record files checked (of those asked for)
    known: list[Path] = field(default_factory=list)  # files that are known not to be records (schema, README)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts_by_type(self) -> Counter:
        return Counter(r.type for r in self.records)

    def problem_count(self) -> str:
        """'3 fel i 2 filer': the one summary of a failed validation (CLI and site build)."""
        return f"{len(self.problems)} fel i {len({p.path for p in self.problems})} filer"


def _abs(path: Path) -> Path:
    """An absolute path that keeps a symbolic link's own name (resolve() would give its target)."""
    return Path(os.path.abspath(path))


def _wanted(paths: list[Path], project: Project, scan: Scan) -> tuple[set[Path], list[tuple[Path, str]]]:
    """The files asked for, as the scan knows them, and a problem for each one the build would not read."""
    data_dir = _abs(project.data_dir)
    inside = scan.all_files() | {data_dir}
    wanted: set[Path] = set()
    problems: list[tuple[Path, str]] = []
    for given in paths:
        p = _abs(given)
        if not p.exists() and not p.is_symlink():
            wanted.add(p)
            problems.append((p, "filen finns inte; kontrollera sökvägen"))
        elif p == data_dir or data_dir in p.parents:
            if p.is_dir() and not p.is_symlink():
                wanted |= {f for f in inside if f == p or p in f.parents}
            else:
                wanted.add(p)
        else:
            wanted.add(p)
            what = "mappen" if p.is_dir() else "filen"
            problems.append((p, f"{what} ligger utanför {display_path(data_dir, project.root)}/ och "
                                "publiceras inte; lägg posten i en typmapp där, t.ex. data/agreements/"))
    return wanted, problems


def _expand(paths: list[Path], project: Project) -> list[Path]:
    """The record files among `paths` (folders expanded), as validate() counts them."""
    scan = scan_data(project.data_dir, project.meta_dir, project.root)
    wanted, _ = _wanted(paths, project, scan)
    return sorted(wanted & set(scan.records))


def check_file(path: Path, meta_dir: Path) -> tuple[Record | None, list[Found]]:
    """Read and check one file on its own: the record (if readable) and its problems."""
    places = load_places(meta_dir / "places")
    try:
        record = load_record(path)
    except LoadError as err:
        return None, [((err.line, err.column), err.message)]
    except OSError as err:
        return None, [((1, 1), f"filen kan inte läsas ({err.strerror}); kontrollera behörigheter")]
    if not record.folder_type and record.get("type") not in TYPE_FOLDERS.values():
        return None, [((1, 1), "filen ligger inte i en typmapp (data/agreements/, data/consultations/, "
                               "data/reports/, data/documents/, data/organisations/); flytta den dit")]
    own = check_record(record, places)
    # A value refused for a hidden or control character is reported once, not again as an
    # unknown kommun or a broken pattern (the message would suggest the name it already is).
    masked = {pos for pos, msg in own if is_character_problem(msg)}
    found = [f for f in schema_problems(record, meta_dir) if f[0] not in masked]
    found += [f for f in own if f[0] not in masked or is_character_problem(f[1])]
    found += source_problems(record)
    return record, found


def _fields(record: Record) -> tuple:
    """What a checked record is passed on as: plain values, which pickle ~4x faster than Records."""
    return record.id, record.folder_type, plain(record.data), record.body


def _record(path: Path, fields: tuple) -> Record:
    """The record validation returns, the same from the serial and the parallel path: plain data
    (no positions: Record.position reads them back when a problem across records needs one), no text."""
    rid, folder_type, data, body = fields
    return Record(rid, folder_type, path, data, body, "")


def _check_chunk(args: tuple[list[Path], Path]) -> list[tuple]:
    """Worker side: check files and send back plain values."""
    paths, meta_dir = args
    out = []
    for p in paths:
        record, problems = check_file(p, meta_dir)
        out.append((str(p), None if record is None else _fields(record), problems))
    return out


def _check_all(paths: list[Path], meta_dir: Path) -> list[tuple[Path, Record | None, list[Found]]]:
    """Per-file checks, spread over the machine's cores when there are many files."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_THRESHOLD or workers < 2:
        results = []
        for path in paths:
            record, problems = check_file(path, meta_dir)
            results.append((path, None if record is None else _record(path, _fields(record)), problems))
        return results
    size = max(1, len(paths) // (workers * 4))
    chunks = [(paths[i:i + size], meta_dir) for i in range(0, len(paths), size)]
    results = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for part in pool.map(_check_chunk, chunks):
            for path_text, fields, problems in part:
                path = Path(path_text)
                results.append((path, None if fields is None else _record(path, fields), problems))
    return results


def validate(project: Project, paths: list[Path] | None = None) -> Report:
    """Check the whole data set, plus any extra files; report problems in `paths` (or all).

    Every file under the data folder is accounted for (read.records.scan_data): a record that is
    checked, a known non-record file, or a problem naming it. The whole data set is always read
    so that references to records outside `paths` resolve; only the problems of the asked-for
    files are reported, and a path the build would not read is itself a problem.
    """
    scan = scan_data(project.data_dir, project.meta_dir, project.root)
    found: list[tuple[Path, tuple[int, int], str]] = [(p, (1, 1), msg) for p, msg in scan.problems]
    wanted: set[Path] | None = None
    if paths:
        wanted, extra = _wanted(list(paths), project, scan)
        found.extend((p, (1, 1), msg) for p, msg in extra)

    files = list(scan.records)
    report = Report(files_checked=len(files), known=list(scan.known))
    for path, record, problems in _check_all(files, project.meta_dir):
        found.extend((path, pos, msg) for pos, msg in problems)
        if record is not None:
            report.records.append(record)

    for record, (pos, msg) in check_catalog(report.records):
        found.append((record.path, pos, msg))

    for path, (line, col), msg in found:
        if wanted is None or path in wanted:
            report.problems.append(Problem(display_path(path, project.root), line, col, msg))
    report.problems = sorted(set(report.problems))
    if wanted is not None:
        report.files_checked = len(wanted & set(scan.records))
        report.known = [p for p in scan.known if p in wanted]
    return report
