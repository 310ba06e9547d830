"""The Jinja environment for page bodies: autoescaping, strict, loaded once.

The body templates live in templates/ beside this module (package data, shipped with
the package); Material's own overrides stay in overrides/. This environment is our own (not MkDocs'),
because MkDocs' environment does not autoescape and record text must never
become markup.
"""
from __future__ import annotations

from pathlib import Path

import jinja2

DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"


class Templates:
    def __init__(self, directory: Path | None = None):
        self.directory = Path(directory or DEFAULT_TEMPLATES)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.directory)),
            autoescape=True,  # every {{ value }} is escaped unless it is Markup we built
            undefined=jinja2.StrictUndefined,  # a typo in a template fails the build, not the page
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self._cache: dict[str, jinja2.Template] = {}

    def render(self, name: str, context: dict) -> str:
        template = self._cache.get(name)
        if template is None:
            template = self._cache[name] = self.env.get_template(name)
        return template.render(context)
