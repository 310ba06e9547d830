"""MkDocs hooks: adapt the framework-free package (samverkan.build, samverkan.pages) to MkDocs.

The only module that imports mkdocs. Per build, in the order MkDocs calls them:
  on_config        samverkan.build.build(Settings): validate, relate, plan the pages (abort with
                   file:line messages if invalid)
  on_files         add one virtual page per generated page (File.generated, kept out of the nav)
  on_nav           note which pages are in the nav (their nav differs: they are highlighted in it)
  on_pre_page      generated pages have no Markdown: skip MkDocs' Markdown step for them
  on_page_markdown give generated pages their metadata (samverkan.adapters.material.page_meta:
                   escaped title and description, the head's JSON-LD or term feed link, no theme
                   script on the search page)
  on_page_content  put the overview into the start page
  on_env           keep MkDocs' template environment, to draw the navigation once per folder
  on_page_context  render a generated page's body just before Material lays it out
  on_post_page     drop that body again, so 10,000 pages are never all held in memory
  on_serve         rebuild on changes under data/ when previewing with `mkdocs serve`
While previewing (`mkdocs serve`), invalid records do not stop the server: every page, and the
404 page, becomes an error page with the validator's messages (MkDocs' live-reload script, and a
refresh every few seconds, bring the site back as soon as the file is fixed and saved).
  on_post_build    index the written site with Pagefind (Built.index_search)
Open data and the feed (samverkan.publish.publication) are added in on_files
as generated static files, so `mkdocs serve` has them and MkDocs checks links to them; the
feed link (the theme value extra.sv_feed_link) and a record's JSON-LD or a term's feed link
(page.meta.sv_head) go into each page's <head> (overrides/main.html): metadata the Zensical
adapter (samverkan.adapters.zensical) passes the same way.
"""
from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents
from markupsafe import Markup

log = logging.getLogger("mkdocs.hooks.samverkansbasen")

from samverkan.adapters.material import (DOCS_EDIT_PREFIX, MATERIAL_UI, page_meta, statement_markdown,
                                         with_overview)
from samverkan.build import Built, PathTaken, ValidationFailed, build
from samverkan.pages import statement
from samverkan.publish.publication import DOWNLOADS_PAGE, build_error_page
from samverkan.search.index import SearchIndexError
from samverkan.settings import Settings

_built: Built | None = None
_env = None
_serving = False  # `mkdocs serve`: show a broken build in the browser instead of stopping
_broken: str | None = None  # the validator's messages while the data does not validate
# Generated pages are outside the nav, so the nav drawn for them depends only on their
# folder (links are relative): draw it once per folder. SAMVERKAN_NAV_CACHE=0 turns this off.
_nav_cache: dict[str, Markup] = {}
_in_nav: set[str] = set()


def _settings(config) -> Settings:
    """The one Settings of this build: MkDocs has loaded mkdocs.yml (site_url: !ENV SITE_URL, extra:,
    repo_url, ...), and Settings reads what it needs from that configuration; nothing else here does."""
    root = Path(config.config_file_path).resolve().parent
    return Settings.from_env(root, config=config)


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_config(config):
    global _built, _broken
    _nav_cache.clear()
    _broken = None
    try:
        _built = build(_settings(config), ui=MATERIAL_UI)
    except FileNotFoundError as err:
        message = str(err)
    except ValidationFailed as err:
        report = err.report
        lines = "\n".join(str(p) for p in report.problems)
        message = (f"{report.problem_count()}; webbplatsen byggs inte förrän de är rättade.\n"
                   f"{lines}\nKör 'samverkan validate' för att kontrollera posterna igen.")
    else:
        for note in _built.notes:
            log.info(note)
        config.extra["sv_feed_link"] = _built.publication.feed_link()  # overrides/main.html
        return config
    if not _serving:
        raise PluginError(message)
    _built, _broken = None, message
    config.extra["sv_feed_link"] = ""
    log.error(message)
    return config


def on_files(files, config):
    if _built is None:
        return files
    # Hand-written pages are edited under docs/; edit_uri points at the repository root.
    for f in files.documentation_pages():
        f.edit_uri = f"{DOCS_EDIT_PREFIX}{f.src_uri}"
    # Open data, feed, CSS and the "Ladda ner data" page, with record URLs from site_url.
    published = _built.publication.files()
    try:
        _built.check_free(lambda path: files.get_file_from_path(path) is not None, published)
    except PathTaken as err:
        raise PluginError(str(err)) from None
    for spec in _built.site.pages():
        f = File.generated(config, spec.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        f.edit_uri = spec.edit_path  # records: data/<folder>/<id>.yaml; listings: None (nothing to edit)
        files.append(f)
    for path, content in {**published, DOWNLOADS_PAGE: _built.publication.downloads_markdown()}.items():
        files.append(File.generated(config, path, content=content))
    return files


def _spec(page):
    return _built.site.page(page.url) if _built is not None and page.file.generated_by else None


def on_pre_page(page, config, files):
    if _spec(page) is not None:
        # MkDocs builds a new Markdown parser for every page, ~0.7 ms each, to render text
        # these pages do not have; their body comes from the site package in on_page_context.
        def render(config, files):
            page.content = ""
            page.present_anchor_ids = set()

        page.render = render
    return page


def _statement_markdown(markdown, config):
    """docs/tillganglighet.md with its measured part (in its front matter) filled in."""
    try:
        text, note = statement_markdown(_built, Path(config.docs_dir), markdown)
    except statement.StatementError as err:
        raise PluginError(str(err)) from None
    if note:
        log.info(note)
    return text


def on_page_markdown(markdown, page, config, files):
    if _broken is not None:
        return markdown  # the data does not validate: every page becomes the error page (on_post_page)
    spec = _spec(page)
    if spec is None:
        if page.file.src_uri == statement.STATEMENT_PAGE:
            return _statement_markdown(markdown, config)
        return markdown
    page.meta.update(page_meta(_built, spec))
    return ""


def on_page_content(content, page, config, files):
    if _built is None:
        return content
    if page.is_homepage:
        return with_overview(content, _built.site.render_home(page.url))
    return content


def on_nav(nav, config, files):
    _in_nav.clear()
    _in_nav.update(p.file.src_uri for p in nav.pages)
    return nav


def on_env(env, config, files):
    global _env
    _env = env
    return env


def on_page_context(context, page, config, nav):
    if _built is None:
        return context
    spec = _spec(page)
    if spec is not None:
        rendered = _built.site.render(spec)
        page.content = rendered.html
        page.toc = TableOfContents([AnchorLink(text, anchor, 2) for anchor, text in rendered.headings])
        if page.file.src_uri not in _in_nav and _built.settings.nav_cache:
            folder = posixpath.dirname(page.url.rstrip("/"))
            if folder not in _nav_cache:
                nav_html = _env.get_template("partials/sv-primary-nav.html").render(context)
                _nav_cache[folder] = Markup(nav_html)
            context["sv_primary_nav"] = _nav_cache[folder]
    return context


def on_post_page(output, page, config):
    if _broken is not None:
        return build_error_page(_broken)
    if _spec(page) is not None:
        page.content = None
    return output


def on_serve(server, config, builder):
    server.watch(str((_built.settings if _built is not None else _settings(config)).data_dir))
    return server


def on_post_build(config):
    if _broken is not None:
        # Any address (a record page that is gone, too) answers with the error page.
        Path(config.site_dir, "404.html").write_text(build_error_page(_broken), "utf-8")
        return
    # config.site_dir is site/ for `mkdocs build` and a temp dir for `mkdocs serve`: index either.
    try:
        report = _built.index_search(Path(config.site_dir))
    except SearchIndexError as err:
        raise PluginError(str(err)) from None
    if report is None:
        log.info("SAMVERKAN_SEARCH_INDEX=0: sökindexet byggs inte")
        return
    log.info(report.summary())
