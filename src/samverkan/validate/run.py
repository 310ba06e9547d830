"""Validate a data set: every file, every problem at once, nothing dropped."""
from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from samverkan.validate.checks import Found, body_line_offset, check_catalog, check_record
from samverkan.catalog.places import load_places
from samverkan.validate.problems import Problem, display_path
from samverkan.read.records import RECORD_SUFFIXES, TYPE_FOLDERS, Record, load_record, plain, record_files
from samverkan.validate.schema import schema_problems
from samverkan.read.project import Project  # noqa: F401  (validate(project) takes one)
from samverkan.read.yamlsource import LoadError


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass
class Report:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts_by_type(self) -> Counter:
        return Counter(r.type for r in self.records)

    def problem_count(self) -> str:
        """'3 fel i 2 filer': the one summary of a failed validation (CLI and site build)."""
        return f"{len(self.problems)} fel i {len({p.path for p in self.problems})} filer"


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix in RECORD_SUFFIXES
                                and "schema" not in q.parts and "places" not in q.parts))
        else:
            files.append(p)
    return files


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
    offset = body_line_offset(record)
    found = schema_problems(record, meta_dir) + check_record(record, places)
    return record, [((line + offset, col), msg) for (line, col), msg in found]


def _check_chunk(args: tuple[list[Path], Path]) -> list[tuple]:
    """Worker side: check files and send back plain values, which pickle ~4x faster than Records."""
    paths, meta_dir = args
    out = []
    for p in paths:
        record, problems = check_file(p, meta_dir)
        if record is None:
            out.append((str(p), None, problems))
        else:
            out.append((str(p), (record.id, record.folder_type, plain(record.data), record.body), problems))
    return out


def _check_all(paths: list[Path], meta_dir: Path) -> list[tuple[Path, Record | None, list[Found]]]:
    """Per-file checks, spread over the machine's cores when there are many files."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_THRESHOLD or workers < 2:
        return [(p, *check_file(p, meta_dir)) for p in paths]
    size = max(1, len(paths) // (workers * 4))
    chunks = [(paths[i:i + size], meta_dir) for i in range(0, len(paths), size)]
    results = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for part in pool.map(_check_chunk, chunks):
            for path_text, fields, problems in part:
                path = Path(path_text)
                record = None
                if fields is not None:
                    rid, folder_type, data, body = fields
                    record = Record(rid, folder_type, path, data, body, "")
                results.append((path, record, problems))
    return results


def validate(project: Project, paths: list[Path] | None = None) -> Report:
    """Check the whole data set, plus any extra files; report problems in `paths` (or all).

    The whole data set is always read so that references to records outside
    `paths` resolve; only the problems of the asked-for files are reported.
    """
    wanted = {p.resolve() for p in _expand(paths)} if paths else None
    files = set(record_files(project.data_dir))  # data_dir is absolute already
    missing = [p for p in (wanted or ()) if not p.exists()]
    files |= {p for p in (wanted or ()) if p.exists()}

    report = Report(files_checked=len(files))
    found: list[tuple[Path, tuple[int, int], str]] = []
    for path, record, problems in _check_all(sorted(files), project.meta_dir):
        found.extend((path, pos, msg) for pos, msg in problems)
        if record is not None:
            report.records.append(record)

    for record, (pos, msg) in check_catalog(report.records):
        offset = body_line_offset(record)
        found.append((record.path, (pos[0] + offset, pos[1]), msg))

    for path in missing:
        found.append((path, (1, 1), "filen finns inte; kontrollera sökvägen"))

    for path, (line, col), msg in found:
        if wanted is None or path in wanted:
            report.problems.append(Problem(display_path(path, project.root), line, col, msg))
    report.problems = sorted(set(report.problems))
    if wanted is not None:
        report.files_checked = len(wanted)
    return report
