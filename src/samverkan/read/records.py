"""Records: what they are, where they live, and how a file becomes one."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from samverkan.read.yamlsource import LocatedDict, Position, read_record_file

# Folder under data/ -> record type. The folder is the type; the file name is the id.
TYPE_FOLDERS = {
    "agreements": "agreement",
    "consultations": "consultation",
    "reports": "report",
    "documents": "document",
    "organisations": "organisation",
}
FOLDER_OF_TYPE = {t: f for f, t in TYPE_FOLDERS.items()}

RECORD_SUFFIXES = (".yaml", ".yml", ".md")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def plain(value):
    """A copy with ordinary dicts and lists (no positions): cheap to send between processes."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@dataclass
class Record:
    """One record as a maintainer wrote it, plus the place codes the catalog resolved."""

    id: str
    folder_type: str  # the type its folder says
    path: Path
    data: LocatedDict
    body: str = ""
    text: str = ""  # the file as read; dropped before records cross processes
    county_codes: list[str] = field(default_factory=list)
    municipality_codes: list[str] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.data.get("type", self.folder_type)

    @property
    def kind(self) -> str:
        return self.data.get("kind", "")

    @property
    def title(self) -> str:
        return str(self.data.get("title", self.id))

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    def located(self) -> LocatedDict:
        """The fields with their positions; re-read from the file if they were dropped.

        Worker processes send back plain dicts (far cheaper to pickle); positions
        are then only needed for the rare problem found across records.
        """
        if not isinstance(self.data, LocatedDict):
            self.data = read_record_file(self.path)[0]
        return self.data

    def position(self, *path: object) -> Position:
        """Line and column of a field (or an item inside it), else of the nearest parent."""
        node = self.located()
        best = node.start
        for step in path:
            positions = getattr(node, "key_positions", None)
            if positions is not None and step in positions:
                best = positions[step]
            else:
                items = getattr(node, "item_positions", None)
                if items is not None and isinstance(step, int) and 0 <= step < len(items):
                    best = items[step]
                else:
                    break
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
        return best


def record_files(data_dir: Path) -> list[Path]:
    """Every record file under data/<type folder>/, sorted for stable output."""
    names: list[str] = []
    for folder in TYPE_FOLDERS:
        for dirpath, _, filenames in os.walk(os.path.join(data_dir, folder)):
            names.extend(os.path.join(dirpath, f) for f in filenames if f.endswith(RECORD_SUFFIXES))
    return [Path(n) for n in sorted(names)]


def folder_type_of(path: Path) -> str | None:
    """The record type a file's folder stands for, or None outside the type folders."""
    for part in reversed(path.parts[:-1] if isinstance(path, Path) else Path(path).parts[:-1]):
        if part in TYPE_FOLDERS:
            return TYPE_FOLDERS[part]
    return None


def load_record(path: Path) -> Record:
    """Read one file into a Record; raises yamlsource.LoadError when it is not one."""
    path = path if isinstance(path, Path) else Path(path)
    data, body, text = read_record_file(path)
    return Record(id=path.stem, folder_type=folder_type_of(path) or "", path=path, data=data, body=body, text=text)
