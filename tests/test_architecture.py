"""The layout's invariants (ARCHITECTURE.md): the domain imports no site generator, validation
has no side effects, the environment is read in one place, no import-path tricks, no Material class
names inside the package, one site_url default."""
from __future__ import annotations

import copy
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import yaml

import samverkan
from samverkan.read.project import Project
from samverkan.read.records import load_record, plain, record_files
from samverkan.settings import DEFAULT_SITE_URL
from samverkan.validate.checks import check_record
from samverkan.catalog.places import load_places

REPO = Path(__file__).resolve().parents[1]
PACKAGE = Path(samverkan.__file__).resolve().parent
SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_no_module_of_the_package_imports_a_site_generator():
    names = [m.name for m in pkgutil.walk_packages([str(PACKAGE)], "samverkan.")
             if not m.name.endswith("__main__")]
    code = ("import importlib, sys\n"
            f"for name in {names!r}: importlib.import_module(name)\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'material', 'zensical'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert len(names) > 30 and out.strip() == "[]"


def test_nothing_changes_the_import_path():
    files = SOURCES + sorted((REPO / "hooks").glob("*.py")) + sorted((REPO / "bench").glob("*.py")) \
        + sorted((REPO / "tests").rglob("*.py"))
    offenders = [str(f.relative_to(REPO)) for f in files
                 if f.resolve() != Path(__file__).resolve() and re.search(r"sys\.path\.(insert|append)", f.read_text("utf-8"))]
    assert offenders == []


def test_the_environment_is_read_in_settings_only():
    offenders = [str(f.relative_to(PACKAGE)) for f in SOURCES
                 if f.name != "settings.py" and re.search(r"os\.environ\.get|os\.getenv|environ\.get\(", f.read_text("utf-8"))]
    assert offenders == []


def test_no_material_class_name_inside_the_package():
    # samverkan/adapters/ is the theme side (both generators lay pages out with Material): exempt.
    adapters = PACKAGE / "adapters"
    files = [f for f in SOURCES + sorted(PACKAGE.rglob("*.html")) + sorted(PACKAGE.rglob("*.css"))
             if not f.is_relative_to(adapters)]
    assert any(f.is_relative_to(PACKAGE / "pages") for f in files)
    material = re.compile(r"\bmd-(button|typeset|header|content|main|sidebar|nav|footer|tabs|top|container|search)"
                          r"|class=\"[^\"]*\bmd-")
    offenders = [str(f.relative_to(PACKAGE)) for f in files if material.search(f.read_text("utf-8"))]
    assert offenders == []


def test_mkdocs_yml_has_the_same_site_url_default_as_settings():
    line = next(x for x in (REPO / "mkdocs.yml").read_text("utf-8").splitlines() if x.startswith("site_url:"))
    default = yaml.safe_load(line.split("SITE_URL,", 1)[1].rstrip("]"))
    assert default == DEFAULT_SITE_URL


def test_validation_leaves_records_as_read():
    project = Project.at(REPO)
    places = load_places(project.meta_dir / "places")
    for path in record_files(project.data_dir)[:60]:
        record = load_record(path)
        before = (copy.deepcopy(plain(record.data)), list(record.county_codes), list(record.municipality_codes))
        check_record(record, places)
        assert (plain(record.data), record.county_codes, record.municipality_codes) == before, path
