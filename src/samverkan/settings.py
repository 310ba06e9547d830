"""Everything a build takes from its surroundings, read once into one Settings object.

    SAMVERKAN_DATA_DIR   the folder of records (default <root>/data)
    SOURCE_DATE_EPOCH    the build date (seconds since 1970, UTC), so a build can be reproduced;
                         today's date (UTC) when unset
    SITE_URL             the public address (default DEFAULT_SITE_URL, as in mkdocs.yml)
    SAMVERKAN_SEARCH_INDEX  0/no/false/off: build no search index
    SAMVERKAN_NAV_CACHE  0: draw the navigation of every generated page anew (slow; for checks)
    SAMVERKAN_FEEDBACK_EMAIL  the maintainers' address (mkdocs.yml: extra.feedback_email), also the
                         contact point of the DCAT catalogue

and, from mkdocs.yml: `site_name`, `site_url`, `repo_url`, `edit_uri` and under `extra:`
`publisher_name`, `publisher_url`, `publisher_type` and `feedback_email` (the publisher and contact
point of the open data's DCAT-AP-SE catalogue, data/katalog.rdf; the address the accessibility
statement names). A generator adapter that has loaded mkdocs.yml itself passes that configuration
in (`from_env(root, config=...)`) and it is read here instead of the file; nothing else reads it.

Nothing else in the package reads the environment; pass a Settings (or what it holds) on.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

import yaml

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


FEEDBACK_SWITCH = "SAMVERKAN_FEEDBACK_EMAIL"


def mkdocs_config(root: Path, environ: Mapping[str, str]) -> dict[str, Any]:
    """mkdocs.yml as plain data; `!ENV [NAME, default]` from `environ`, other tags as None."""

    class Loader(yaml.SafeLoader):
        pass

    def env_tag(loader, node):
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        *keys, default = names if len(names) > 1 else (*names, None)
        return next((environ[k] for k in keys if environ.get(k)), default)

    Loader.add_constructor("!ENV", env_tag)
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # e.g. !!python/name: (not run)
    path = Path(root) / "mkdocs.yml"
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text("utf-8"), Loader=Loader)  # noqa: S506 (a SafeLoader subclass)
    return data if isinstance(data, dict) else {}


def _text(value) -> str:
    return str(value).strip() if value not in (None, False) else ""


@dataclass(frozen=True)
class Settings:
    root: Path  # the repository: data/schema, data/places, docs/, mkdocs.yml
    data_dir: Path  # the records
    build_date: dt.date
    site_url: str = DEFAULT_SITE_URL  # ends in "/"
    search: bool = True
    nav_cache: bool = True
    repo_url: str = ""  # mkdocs.yml repo_url
    edit_uri: str = ""  # mkdocs.yml edit_uri: the edit links' path under repo_url
    site_name: str = "Samverkansbasen"  # mkdocs.yml site_name
    publisher_name: str = "Samverkansbasen"  # extra.publisher_name: who publishes the open data
    publisher_url: str = ""  # extra.publisher_url (default repo_url's owner)
    publisher_type: str = ""  # extra.publisher_type: an ADMS publisher type IRI, or empty
    feedback_email: str = ""  # extra.feedback_email / SAMVERKAN_FEEDBACK_EMAIL: feedback and DCAT contact

    @classmethod
    def from_env(cls, root: Path, environ: Mapping[str, str] | None = None,
                 config: Mapping[str, Any] | None = None, **overrides) -> "Settings":
        """Read the environment (os.environ unless given) once; keyword arguments win over it.

        `config` is mkdocs.yml as the generator loaded it (its `!ENV` tags already resolved); without
        it the file is read here. Either way these are the only reads of it."""
        env = os.environ if environ is None else environ
        root = Path(root).resolve()
        data = env.get("SAMVERKAN_DATA_DIR")
        config = mkdocs_config(root, env) if config is None else config
        extra = config.get("extra")
        extra = extra if isinstance(extra, Mapping) else {}
        # mkdocs.yml's site_url is !ENV [SITE_URL, default]; without a mkdocs.yml, the same rule.
        site_url = _text(config.get("site_url")) if "site_url" in config else env.get("SITE_URL") or DEFAULT_SITE_URL
        values = dict(
            root=root,
            data_dir=Path(data).resolve() if data else root / "data",
            build_date=build_date_from(env),
            site_url=site_url,
            search=env.get(SEARCH_SWITCH, "1").strip().lower() not in _OFF,
            nav_cache=env.get("SAMVERKAN_NAV_CACHE", "1") != "0",
            repo_url=_text(config.get("repo_url")),
            edit_uri=_text(config.get("edit_uri")),
            site_name=_text(config.get("site_name")) or cls.site_name,
            publisher_name=_text(extra.get("publisher_name")) or cls.publisher_name,
            publisher_url=_text(extra.get("publisher_url")),
            publisher_type=_text(extra.get("publisher_type")),
            feedback_email=_text(env.get(FEEDBACK_SWITCH) or extra.get("feedback_email")),
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
