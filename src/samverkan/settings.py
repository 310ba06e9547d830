"""Everything a build takes from its surroundings, read once into one Settings object.

    SAMVERKAN_DATA_DIR   the folder of records (default <root>/data)
    SOURCE_DATE_EPOCH    the build date (seconds since 1970, UTC), so a build can be reproduced;
                         today's date (UTC) when unset
    SITE_URL             the public address (default DEFAULT_SITE_URL, as in mkdocs.yml)
    SAMVERKAN_SEARCH_INDEX  0/no/false/off: build no search index
    SAMVERKAN_NAV_CACHE  0: draw the navigation of every generated page anew (slow; for checks)

Nothing else in the package reads the environment; pass a Settings (or what it holds) on.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

from samverkan.read.project import Project

# The address GitHub Pages publishes to; mkdocs.yml has the same default (a test ties them).
DEFAULT_SITE_URL = "https://samverkansbasen.github.io/samverkansbasen/"
SEARCH_SWITCH = "SAMVERKAN_SEARCH_INDEX"
_OFF = ("0", "no", "false", "off")


def build_date_from(environ: Mapping[str, str]) -> dt.date:
    """The one build-time date: SOURCE_DATE_EPOCH when set, so builds can be reproduced."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


@dataclass(frozen=True)
class Settings:
    root: Path  # the repository: data/schema, data/places, docs/, mkdocs.yml
    data_dir: Path  # the records
    build_date: dt.date
    site_url: str = DEFAULT_SITE_URL  # ends in "/"
    search: bool = True
    nav_cache: bool = True

    @classmethod
    def from_env(cls, root: Path, environ: Mapping[str, str] | None = None, **overrides) -> "Settings":
        """Read the environment (os.environ unless given) once; keyword arguments win over it."""
        env = os.environ if environ is None else environ
        root = Path(root).resolve()
        data = env.get("SAMVERKAN_DATA_DIR")
        values = dict(
            root=root,
            data_dir=Path(data).resolve() if data else root / "data",
            build_date=build_date_from(env),
            site_url=env.get("SITE_URL") or DEFAULT_SITE_URL,
            search=env.get(SEARCH_SWITCH, "1").strip().lower() not in _OFF,
            nav_cache=env.get("SAMVERKAN_NAV_CACHE", "1") != "0",
        )
        values.update(overrides)
        url = values["site_url"]
        values["site_url"] = url.rstrip("/") + "/" if url else ""
        return cls(**values)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    @property
    def project(self) -> Project:
        return Project.at(self.root, self.data_dir)
