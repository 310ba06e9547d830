"""Shared by the open-data and picture tests: the fictional data set, its catalog, simple URLs."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from samverkan.catalog.catalog import Catalog, load_catalog
from samverkan.read.records import FOLDER_OF_TYPE, Record
from samverkan.read.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURE_DATA = REPO / "tests" / "fixtures" / "opendata_data"
SITE = "https://example.org/samverkansbasen/"
BUILD_DATE = dt.date(2025, 1, 1)
HOSTILE = "<script>alert(1)</script>"


def url_for(r: Record) -> str:
    return f"{SITE}{FOLDER_OF_TYPE[r.type]}/{r.id}/"


@lru_cache(maxsize=1)
def fixture_catalog() -> Catalog:
    return load_catalog(Project.at(REPO, FIXTURE_DATA), BUILD_DATE)


@lru_cache(maxsize=1)
def real_data_catalog() -> Catalog:
    """The real data/ (test_real_data.py requires it to validate)."""
    return load_catalog(Project.at(REPO), BUILD_DATE)
