"""What both generator adapters hand to Material's templates (overrides/), in one place.

The theme reads it from page metadata (page.meta.sv_*) and config.extra, which MkDocs and
Zensical both expose to templates, not from template context only a hook can set:

    page.meta.title, .description   escaped: Material prints them unescaped
    page.meta.sv_head               what a page adds to its <head> (overrides/main.html): a record
                                    page its schema.org JSON-LD, a term page (län, kommun, type,
                                    kind, theme) the <link> to its own feed
    page.meta.sv_theme_scripts      false on the search page: Material's script bundle is left off
    config.extra.sv_feed_link       the Atom feed's <link>, on every page (overrides/main.html)

Only the Zensical stager also needs (MkDocs has them natively, through the hook):
    page.meta.sv_body               the page's HTML body (overrides/partials/content.html)
    page.meta.sv_toc                its table of contents (partials/toc.html, partials/nav-item.html)
    page.meta.sv_edit_url           its edit link, or false for none (partials/actions.html)
"""
from __future__ import annotations

import html
from pathlib import Path

from samverkan.build import Built
from samverkan.pages import PageSpec, Rendered, statement
from samverkan.read.gitdates import last_changed
from samverkan.taxonomy import FEED_KINDS, PageKind

# Material's classes for the buttons of the search and browse forms (samverkan.pages.DEFAULT_UI).
MATERIAL_UI = {"button": "md-button", "primary_button": "md-button md-button--primary"}
# Where the start page (docs/index.md) wants the generated overview.
HOME_MARKER = "<!-- samverkan:oversikt -->"
# Hand-written pages are edited under docs/ (edit_uri points at the repository root).
DOCS_EDIT_PREFIX = "docs/"


def with_overview(content: str, overview: str) -> str:
    """The start page with the generated overview where the marker is (or at the end)."""
    return content.replace(HOME_MARKER, overview) if HOME_MARKER in content else content + overview


def page_meta(built: Built, spec: PageSpec) -> dict:
    """The metadata a generated page gives the theme, the same for both generators."""
    meta: dict = {"title": html.escape(spec.title)}  # record titles come from pull requests
    if spec.description:
        meta["description"] = html.escape(spec.description)
    record = built.catalog.by_id[spec.key] if spec.kind == PageKind.RECORD else None
    head = built.publication.head_html(record)  # a record's JSON-LD
    if spec.kind in FEED_KINDS:  # a län's, kommun's, type's, kind's or theme's own feed
        head += built.publication.term_feed_link(spec.url, spec.title)
    if head:
        meta["sv_head"] = str(head)
    if spec.kind == PageKind.SEARCH:
        # The search page runs on sok.js alone; Material's 35 KB script bundle does nothing there,
        # and leaving it out keeps a first search within 250 KB (bench/PRESTANDA.md).
        meta["sv_theme_scripts"] = False
    return meta


def toc_entries(rendered: Rendered) -> list[dict]:
    """The <h2> headings as table-of-contents items in the shape Material's and Zensical's
    partials/toc-item.html read (Material reads `title`, Zensical `content`)."""
    return [{"url": f"#{anchor}", "title": text, "content": text, "level": 2, "children": []}
            for anchor, text in rendered.headings]


def statement_markdown(built: Built, docs: Path, markdown: str) -> tuple[str, str | None]:
    """docs/tillganglighet.md with its measured part (from its front matter) filled in, and a note for
    the build log when git has no date for it. Raises statement.StatementError (Swedish)."""
    page = Path(docs) / statement.STATEMENT_PAGE
    loaded = statement.load_statement(page)
    # Last updated: the newest commit of the page; outside git, the build date.
    dates = last_changed(Path(docs))
    changed = dates.get(page)
    note = None
    if not changed:
        note = ("tillgänglighetsredogörelsen: inget git-datum ({}); den anger byggdatumet som senast "
                "uppdaterad".format(dates.reason or "filerna är inte incheckade"))
    build_date = built.catalog.build_date
    settings = built.settings
    blocks = statement.render_blocks(loaded, site_name=settings.site_name, assessed=build_date,
                                     updated=changed or build_date,
                                     feedback_email=settings.feedback_email, repo_url=settings.repo_url)
    return statement.fill(markdown, blocks), note
