"""The HTML tables of the pictures, from autoescaped Jinja templates (templates/ beside this module).

The tables sit inline in running HTML, so a template's lines are joined without the line breaks
and indentation between them: write a template readably, one element a line; text that needs a
space keeps it on its own line.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from samverkan.publish.pictures._common import count_words
from samverkan.vocabulary import coverage_sentences

TEMPLATES = Path(__file__).resolve().parent / "templates"


class _JoinedLines(jinja2.FileSystemLoader):
    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        return "".join(line.strip() for line in source.splitlines()), filename, uptodate


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=_JoinedLines(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, auto_reload=False)
    env.globals["count_words"] = count_words
    env.globals["coverage_sentences"] = coverage_sentences
    return env


def render(name: str, **context) -> str:
    return _env().get_template(name).render(context)
