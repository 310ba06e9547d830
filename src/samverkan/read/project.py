"""Where things are: the project root, its data/ (schema, places) and the records' folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """Where things are: schema and places in <root>/data, records in data_dir."""

    root: Path
    data_dir: Path

    @classmethod
    def at(cls, root: Path, data_dir: Path | None = None) -> "Project":
        root = Path(root).resolve()
        return cls(root, Path(data_dir).resolve() if data_dir else root / "data")

    @property
    def meta_dir(self) -> Path:
        return self.root / "data"

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """The nearest folder upwards that has data/schema/record.schema.json."""
        here = Path(start or Path.cwd()).resolve()
        for candidate in (here, *here.parents):
            if (candidate / "data" / "schema" / "record.schema.json").is_file():
                return cls.at(candidate)
        raise FileNotFoundError("hittar inte data/schema/record.schema.json; kör kommandot i projektets mapp")
