"""Settings is the one reader of the environment and of mkdocs.yml: the package and the MkDocs hook
take feedback_email, repo_url, edit_uri, site_name and site_url from it and nowhere else."""
from __future__ import annotations

import re
from collections import UserDict
from pathlib import Path

from samverkan.settings import DEFAULT_SITE_URL, FEEDBACK_SWITCH, Settings, mkdocs_config

REPO = Path(__file__).resolve().parents[1]
HOOK = REPO / "hooks" / "samverkansbasen.py"


def test_without_a_configuration_mkdocs_yml_is_read():
    raw = mkdocs_config(REPO, {})
    s = Settings.from_env(REPO, {})
    assert (s.repo_url, s.edit_uri, s.site_name) == (raw["repo_url"], raw["edit_uri"], raw["site_name"])
    assert s.site_url == DEFAULT_SITE_URL and s.feedback_email == (raw["extra"]["feedback_email"] or "")
    assert Settings.from_env(REPO, {"SITE_URL": "https://x.example/a"}).site_url == "https://x.example/a/"


def test_a_generators_configuration_is_read_instead_of_the_file():
    # MkDocs hands its hooks a Config, a UserDict (so is its `extra`), with !ENV already resolved.
    config = UserDict({"site_name": "Provbasen", "site_url": "https://prov.example/sv", "repo_url": "https://github.com/o/r",
                       "edit_uri": "edit/trunk/", "extra": UserDict({"feedback_email": " fragor@prov.example ",
                                                                   "publisher_name": "Provet"})})
    s = Settings.from_env(REPO, {"SITE_URL": "https://ignored.example/"}, config=config)
    assert (s.site_name, s.site_url, s.repo_url, s.edit_uri) == ("Provbasen", "https://prov.example/sv/",
                                                                 "https://github.com/o/r", "edit/trunk/")
    assert (s.feedback_email, s.publisher_name) == ("fragor@prov.example", "Provet")
    # The environment variable still wins for the address, as mkdocs.yml's !ENV says.
    assert Settings.from_env(REPO, {FEEDBACK_SWITCH: "env@prov.example"}, config=config).feedback_email == "env@prov.example"


def test_mkdocs_gives_the_hook_the_same_settings_as_mkdocs_yml(monkeypatch):
    import importlib.util

    from mkdocs.config import load_config

    spec = importlib.util.spec_from_file_location("samverkansbasen_hook", HOOK)
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    monkeypatch.setenv(FEEDBACK_SWITCH, "synpunkter@prov.example")
    config = load_config(str(REPO / "mkdocs.yml"))
    from_hook, from_file = hook._settings(config), Settings.from_env(REPO)
    assert from_hook.feedback_email == "synpunkter@prov.example" == config["extra"]["feedback_email"]
    assert from_hook.with_(build_date=from_file.build_date) == from_file


def test_the_hook_reads_no_setting_from_the_mkdocs_configuration_itself():
    source = HOOK.read_text("utf-8")
    # Writing the theme's shared value (config.extra["sv_feed_link"], which Zensical's stager writes
    # into its config too) is not a read; every other use of those keys is.
    writes = re.compile(r'config\.extra\["sv_\w+"\] = ')
    assert len(writes.findall(source)) == 2  # the feed link, and "" while the data does not validate
    source = writes.sub("", source)
    assert re.findall(r"config\.(extra|repo_url|edit_uri|site_name|site_url)\b|config\[", source) == []
    assert source.count("Settings.from_env(") == 1
