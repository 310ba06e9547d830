"""The one fixture vocabulary of the tests; test modules take these as fixtures, never by import.

    repo_root, real_data          the repository and its data/
    fixture_data, fixture_epoch   tests/fixtures/site_data and the date its statuses are pinned to
    built_site, fixture_site, real_site, mkdocs_build, served_site   whole sites, built once a session
    zensical_site                 the fixture's site built through Zensical (the second build path)
    site_url, site_base_path      the address a build uses (Settings), and its path
    browser, browser_page         Debian's Chromium through Playwright (tests marked browser)
    opendata_data, opendata_catalog, real_catalog, build_date, example_site, url_for, hostile,
    year_url, county_url, municipality_url   the open-data fixture and simple URLs for it
"""
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def real_data() -> Path:
    return REPO_ROOT / "data"


@pytest.fixture(scope="session")
def fixture_data() -> Path:
    return FIXTURE_DATA


@pytest.fixture(scope="session")
def fixture_epoch() -> str:
    return FIXTURE_EPOCH


@pytest.fixture(scope="session")
def mkdocs_build():
    """run_mkdocs_build: `mkdocs build --strict` of another data dir into a given folder; never raises."""
    return run_mkdocs_build


# -- Built sites, shared by the site, search and browser tests -------------------------
#
# `built_site(data_dir)` builds the whole site with `mkdocs build --strict` into a
# session temp dir (once per data dir and date) and returns its path; `real_site` and
# `fixture_site` are the two sites most tests want. `served_site(path)` serves a built
# site over HTTP on 127.0.0.1 under the base path of site_url (/samverkansbasen/), as
# GitHub Pages will, and returns its base URL.

import functools
import http.server
import os
import subprocess
import threading

from samverkan.pages.urls import base_path
from samverkan.settings import Settings


FIXTURE_DATA = REPO_ROOT / "tests" / "fixtures" / "site_data"
# 1 January 2025, 00:00 UTC: the fixture's statuses (gällande, upphört, okänd) are pinned to it.
FIXTURE_EPOCH = "1735689600"


def run_mkdocs_build(data_dir: Path, site_dir: Path, epoch: str | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of this repository with another data dir; never raises."""
    env = dict(os.environ, SAMVERKAN_DATA_DIR=str(data_dir), NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO_ROOT / "mkdocs.yml"),
           "-d", str(site_dir)]
    return subprocess.run(cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """A function data_dir[, epoch] -> built site dir, building each combination once per session."""

    @functools.cache
    def build(data_dir: Path, epoch: str | None = FIXTURE_EPOCH) -> Path:
        site_dir = tmp_path_factory.mktemp("site")
        result = run_mkdocs_build(Path(data_dir), site_dir, epoch)
        if result.returncode != 0:
            pytest.fail(f"mkdocs build failed for {data_dir}:\n{result.stdout}\n{result.stderr}")
        return site_dir

    return build


@pytest.fixture(scope="session")
def fixture_site(built_site) -> Path:
    """The site of tests/fixtures/site_data, built as of 1 January 2025."""
    return built_site(FIXTURE_DATA)


@pytest.fixture(scope="session")
def real_site(built_site) -> Path:
    """The site of the real data/ (as of today: statuses follow the calendar)."""
    return built_site(REPO_ROOT / "data", None)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The site of tests/fixtures/site_data (1 January 2025) built the second way, through Zensical
    (samverkan.adapters.zensical: stage, zensical build, page check, Pagefind). Skipped without the
    zensical extra on a developer machine; a failure in CI (CI=true), where ./run test installs it."""
    import importlib.util

    if importlib.util.find_spec("zensical") is None:
        message = "Zensical saknas; installera extrat: pip install -e '.[zensical]' (./run test gör det)"
        pytest.fail(message) if _in_ci() else pytest.skip(message)
    from samverkan.adapters.zensical import build_site

    env = dict(os.environ, SAMVERKAN_DATA_DIR=str(FIXTURE_DATA), SOURCE_DATE_EPOCH=FIXTURE_EPOCH)
    out = tmp_path_factory.mktemp("zensical")
    build_site(Settings.from_env(REPO_ROOT, environ=env), out / "site", out / "work")
    return out / "site"


def _site_url() -> str:
    return Settings.from_env(REPO_ROOT).site_url


@pytest.fixture(scope="session")
def site_url() -> str:
    """The whole site_url a build uses (SITE_URL when set, else mkdocs.yml's default), ending in '/'."""
    return _site_url()


@pytest.fixture(scope="session")
def site_base_path() -> str:
    """The path part of site_url ('/samverkansbasen/'), where GitHub Pages serves the site."""
    return base_path(_site_url())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as GitHub Pages does: under its base path only, and a missing file
    answered with status 404 and the site's 404.html."""

    base_path = "/"

    def translate_path(self, path):
        if not path.startswith(self.base_path):
            return str(Path(self.directory) / "__outside_base_path__")
        return super().translate_path("/" + path[len(self.base_path):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # the browser moved on before the page came
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served_site(site_base_path):
    """A function site_dir -> base URL ('http://127.0.0.1:<port>/samverkansbasen/'); one server per dir."""
    servers = {}
    base_path = site_base_path

    def serve(site_dir: Path) -> str:
        site_dir = Path(site_dir)
        if site_dir not in servers:
            handler = functools.partial(type("Handler", (_QuietHandler,), {"base_path": base_path}),
                                        directory=str(site_dir))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers[site_dir] = server
        host, port = servers[site_dir].server_address[:2]
        return f"http://{host}:{port}{base_path}"

    yield serve
    for server in servers.values():
        server.shutdown()
        server.server_close()


# -- A real browser (Debian's Chromium, driven by Playwright) -------------------------
#
# `browser` is one headless Chromium per session, launched from the system binary (Playwright's
# own browser download is not used). Without /usr/bin/chromium the browser tests are skipped
# on a developer machine, and fail in CI (CI=true), where a missing browser is a broken setup.
# CHROMIUM=/path/to/chromium points at another binary.

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-gpu"]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = (f"Chromium finns inte på {CHROMIUM}; installera Debians paket chromium "
                   f"(./run test gör det) eller peka CHROMIUM på en annan binär")
        if _in_ci():
            pytest.fail(message + " (CI=true: webbläsartesterna får inte hoppas över)")
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api") if not _in_ci() else __import__(
        "playwright.sync_api", fromlist=["sync_playwright"])
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def browser_page(browser):
    """A fresh page (own context: no cache, no cookies) that records every request it makes."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda request: pg.requests.append(request.url))
    pg.set_default_timeout(15_000)
    try:
        yield pg
    finally:
        context.close()


# -- The open-data fixture: a fictional data set, its catalog, simple URLs -------------
# Shared by the open-data, feed, JSON-LD and picture tests (tests/publish/).

import datetime as dt

from samverkan.catalog.catalog import Catalog, load_catalog
from samverkan.read.project import Project
from samverkan.read.records import FOLDER_OF_TYPE
OPENDATA_DATA = REPO_ROOT / "tests" / "fixtures" / "opendata_data"
SITE = "https://example.org/samverkansbasen/"
BUILD_DATE = dt.date(2025, 1, 1)
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="session")
def opendata_data() -> Path:
    return OPENDATA_DATA


@pytest.fixture(scope="session")
def build_date() -> dt.date:
    return BUILD_DATE


@pytest.fixture(scope="session")
def example_site() -> str:
    return SITE


@pytest.fixture(scope="session")
def hostile() -> str:
    return HOSTILE


@pytest.fixture(scope="session")
def url_for():
    return lambda r: f"{SITE}{FOLDER_OF_TYPE[r.type]}/{r.id}/"


@pytest.fixture(scope="session")
def year_url():
    return lambda y: f"{SITE}ar/{y}/"


@pytest.fixture(scope="session")
def county_url():
    return lambda code: f"{SITE}lan/{code}/"


@pytest.fixture(scope="session")
def municipality_url():
    return lambda code: f"{SITE}kommun/{code}/"


@pytest.fixture(scope="session")
def opendata_catalog() -> Catalog:
    return load_catalog(Project.at(REPO_ROOT, OPENDATA_DATA), BUILD_DATE)


@pytest.fixture(scope="session")
def real_catalog() -> Catalog:
    """The real data/ (tests/validate/test_real_data.py requires it to validate)."""
    return load_catalog(Project.at(REPO_ROOT), BUILD_DATE)
