"""`./run serve` with a broken record: the browser shows the validator's messages and comes back
by itself once the file is fixed (issue 11, point 7)."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from markupsafe import escape  # as the page's autoescaped template escapes

from samverkan.read.project import Project
from samverkan.validate.run import validate

pytestmark = [pytest.mark.slow, pytest.mark.browser]

BROKEN = "type: agreement\nkind: lok\ntitle: <b>Trasig</b> [\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_for(predicate, seconds: float, what: str):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def serving(tmp_path, repo_root, fixture_data, site_base_path):
    data = tmp_path / "data"
    shutil.copytree(fixture_data, data)
    port = free_port()
    env = dict(os.environ, SAMVERKAN_DATA_DIR=str(data), SAMVERKAN_SEARCH_INDEX="0", NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    record = data / "agreements" / "test-minimal.yaml"
    good = record.read_text("utf-8")
    record.write_text(BROKEN, "utf-8")
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(repo_root / "mkdocs.yml"),
                             "--dev-addr", f"127.0.0.1:{port}"], cwd=repo_root, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}{site_base_path}"
    try:
        wait_for(lambda: get(base)[0] in (200, 404) or proc.poll() is not None, 180, "mkdocs serve to start")
        assert proc.poll() is None, (tmp_path / "serve.log").read_text("utf-8")
        yield base, record, good
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def test_a_broken_build_shows_the_messages_in_the_browser_and_recovers(serving, browser_page, repo_root):
    base, record, good = serving
    # What the validator says about the data, computed the way `samverkan validate` does.
    problems = validate(Project.at(repo_root, record.parents[1])).problems
    assert len(problems) == 1
    shown = str(problems[0])
    status, html = get(base)
    assert status == 200 and "Webbplatsen byggs inte" in html and str(escape(shown)) in html
    assert "<b>" not in html  # text from the file is shown as text
    # A record page that is gone answers with the same messages (the 404 page).
    status, missing = get(base + "overenskommelser/test-minimal/")
    assert status == 404 and str(escape(shown)) in missing

    page = browser_page
    page.goto(base)
    assert page.inner_text("h1") == "Webbplatsen byggs inte"
    assert "1 fel i 1 filer" in page.inner_text("#sv-build-error")
    assert shown in page.inner_text("pre")

    record.write_text(good, "utf-8")
    # No reload by hand: MkDocs' live-reload (and the page's own refresh) bring the site back.
    page.wait_for_function("() => !document.querySelector('#sv-build-error')", timeout=180_000)
    page.wait_for_load_state()
    assert "Samverkansbasen" in page.title()
    status, html = get(base + "overenskommelser/test-minimal/")
    assert status == 200 and "sv-build-error" not in html
