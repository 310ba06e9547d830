"""Which pages the site has, and what each one shows.

The Site is the whole framework-free side of the website: given a Catalog it
lists every generated page (record pages, place, year, type, kind and theme
pages) and renders the body of any of them to HTML. An adapter (the MkDocs
hooks today, something else later) only has to put those bodies into a layout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from samverkan.catalog.catalog import Catalog
from samverkan.read.records import FOLDER_OF_TYPE, Record
from samverkan.read.project import Project
from samverkan.pages import urls
from samverkan.pages.body import BodyRenderer
from samverkan.pages.compare import ComparePages
from samverkan.pages.figures import Figures
from samverkan.pages.finder import Finder
from samverkan import vocabulary
from samverkan.vocabulary import KIND_LABELS, MISSING, TYPE_PLURAL, TYPE_SINGULAR
from samverkan.pages.listings import Listings
from samverkan.pages.render import Templates
from samverkan.pages.views import Table, Views
from samverkan.taxonomy import FEED_KINDS, TAXONOMIES, PageKind

# Pages with a layout of their own; every other listing uses listing.html.
_TEMPLATES = {PageKind.RECORD: "record.html", PageKind.COUNTY: "county.html",
              PageKind.MUNICIPALITY: "municipality.html", PageKind.SEARCH: "search.html",
              PageKind.BROWSE: "browse.html", PageKind.COVERAGE: "coverage.html",
              PageKind.COMPARE: "compare.html", PageKind.COMPARE_CHAIN: "compare_chain.html"}
_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)


@dataclass(frozen=True)
class PageSpec:
    """A generated page: where it lives, what it is called, what it shows."""

    url: str  # site-relative, "overenskommelser/lok-vasteras/"
    title: str  # plain text; escape it before it goes into HTML
    kind: PageKind  # which renderer builds it
    key: object = None  # the record id, county code, year, ...
    description: str = ""  # plain text, for <meta name="description">
    edit_path: str | None = None  # the file a maintainer edits, relative to the repository

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


@dataclass(frozen=True)
class Rendered:
    html: str
    headings: list[tuple[str, str]]  # (id, html text) of each <h2>, for a table of contents


# CSS classes of the theme's own widgets; an adapter passes its theme's (the MkDocs hook: Material's).
DEFAULT_UI = {"button": "sv-button", "primary_button": "sv-button sv-button--primary"}


class Site:
    def __init__(self, catalog: Catalog, project: Project, repo_url: str = "", edit_uri: str = "",
                 ui: dict[str, str] | None = None):
        self.catalog = catalog
        self.project = project
        self.views = Views(catalog)
        self.templates = Templates()
        self.templates.env.globals["urls"] = urls  # the URL scheme, for links in any template or macro
        self.templates.env.globals["ui"] = {**DEFAULT_UI, **(ui or {})}
        self.templates.env.globals["MISSING"] = MISSING
        self.templates.env.globals["words"] = vocabulary  # the one vocabulary's labels (words.DOCUMENT_LINK)
        self.listings = Listings(catalog, self.views)
        self.finder = Finder(catalog, self.views)  # the search and browse pages
        self.figures = Figures(catalog)  # charts, the län map, coverage and principles (samverkan.publish.pictures)
        self.body = BodyRenderer()
        self.compare = ComparePages(catalog, self.views)  # /jamfor/ and the version chains
        self._edit_paths: dict[str, str] = {}
        self._repo_url, self._edit_uri = repo_url, edit_uri
        L = self.listings
        # What builds each page kind. A taxonomy's pages come from its row in samverkan.taxonomy:
        # Listings.<name>_page(term) for a term page, Listings.<name>_index() for its index page.
        self._term_pages = {t.term_kind: getattr(L, f"{t.name}_page") for t in TAXONOMIES}
        self._pages_of_their_own = {
            **{t.index_kind: getattr(L, f"{t.name}_index") for t in TAXONOMIES if t.index_kind},
            PageKind.NATIONAL: L.national_page,
            PageKind.SEARCH: self.finder.search_page, PageKind.BROWSE: self.finder.browse_page,
            PageKind.COVERAGE: self.figures.coverage_page, PageKind.PRINCIPLES: self.figures.principles_page,
            PageKind.COMPARE: self.compare.compare_page,
        }
        self._term_pages[PageKind.COMPARE_CHAIN] = self.compare.chain_page
        self._pages = {p.url: p for p in self._plan()}

    # -- the page list ---------------------------------------------------
    def pages(self) -> list[PageSpec]:
        return list(self._pages.values())

    def page(self, url: str) -> PageSpec | None:
        return self._pages.get(url)

    def edit_path(self, r: Record) -> str:
        """data/<folder>/<file>, as the repository has it, whatever SAMVERKAN_DATA_DIR says."""
        path = self._edit_paths.get(r.id)
        if path is None:
            try:  # record paths come from the (absolute) data dir: no need to touch the disk
                rel = r.path.relative_to(self.project.data_dir).as_posix()
            except ValueError:
                rel = f"{FOLDER_OF_TYPE[r.type]}/{r.path.name}"
            path = self._edit_paths[r.id] = f"data/{rel}"
        return path

    def edit_url(self, r: Record) -> str:
        return urls.edit_link(self._repo_url, self._edit_uri, self.edit_path(r)) or ""

    def _plan(self):
        c = self.catalog
        for r in c.records:
            yield PageSpec(urls.record_url(r), r.title, PageKind.RECORD, r.id, str(r.get("summary") or ""),
                           self.edit_path(r))
        for tax in TAXONOMIES:
            if tax.index_kind is not None:
                yield PageSpec(tax.segment, tax.index_title, tax.index_kind, None, tax.index_description)
            for term in tax.terms(c):
                yield PageSpec(term.url, term.title, tax.term_kind, term.key, term.description)
        yield PageSpec(urls.COVERAGE, "Täckning: LÖK och IOP i kommunerna", PageKind.COVERAGE, None,
                       "Vilka kommuner har en känd lokal överenskommelse (LÖK) eller ett känt IOP, och vilka har ingen.")
        yield PageSpec(urls.PRINCIPLES, "De sex principerna", PageKind.PRINCIPLES, None,
                       "Överenskommelserna efter de sex principer de antar.")
        yield PageSpec(urls.NATIONAL, "Hela landet", PageKind.NATIONAL, None,
                       "Nationella överenskommelser, samråd och dokument, som gäller i hela Sverige.")
        yield PageSpec(urls.SEARCH, "Sök", PageKind.SEARCH, None, "Sök bland alla poster i Samverkansbasen.")
        yield PageSpec(urls.BROWSE, "Alla poster", PageKind.BROWSE, None,
                       "Alla poster i Samverkansbasen, att filtrera efter län, kommun, år, typ, slag, tema, status och om överenskommelsens text finns.")
        yield PageSpec(urls.COMPARE, "Jämför överenskommelser", PageKind.COMPARE, None,
                       "Två till fyra överenskommelser sida vid sida: parter, giltighetstid, status, principer och dokument.")
        for chain in self.compare.chains:
            newest = chain[-1]
            yield PageSpec(urls.chain_url(newest), f"Jämför versionerna: {newest.title}", PageKind.COMPARE_CHAIN,
                           newest.id, f"De {len(chain)} versionerna av {newest.title} sida vid sida, med det som ändrats.")

    # -- rendering -------------------------------------------------------
    def render(self, spec: PageSpec) -> Rendered:
        context = self._context(spec)
        context.update(self.figures.figures_for(spec.kind, spec.key, spec.url, context))
        context.setdefault("title", spec.title)
        context["root"] = urls.root_of(spec.url)
        context["urls"] = urls
        if spec.kind in FEED_KINDS:  # the term's own Atom feed, beside its page (publish.feed.term_feeds)
            context["term_feed"] = urls.TERM_FEED
        html = self.templates.render(_TEMPLATES.get(spec.kind, "listing.html"), context)
        return Rendered(html, [(m[1], m[2]) for m in _H2.finditer(html)])

    def render_home(self, url: str = urls.HOME) -> str:
        """The overview block of the start page (counts, latest records, ways in)."""
        context = self.listings.home()
        context.update(self.figures.figures_for(PageKind.HOME, None, url, context))
        context["root"] = urls.root_of(url)
        context["urls"] = urls
        return self.templates.render("home.html", context)

    def _context(self, spec: PageSpec) -> dict:
        if spec.kind == PageKind.RECORD:
            return self._record_context(self.catalog.by_id[spec.key])
        if spec.kind in self._term_pages:
            return self._term_pages[spec.kind](spec.key)
        return self._pages_of_their_own[spec.kind]()

    def _record_context(self, r: Record) -> dict:
        v, c = self.views, self.catalog
        chain = c.lineage(r)
        supersedes = [c.by_id[i] for i in r.get("supersedes") or [] if i in c.by_id]
        date = c.date_of(r)
        is_org = r.type == "organisation"
        return {
            "record": r,
            "crumbs": [("Start", urls.HOME), (TYPE_PLURAL[r.type], urls.type_url(r.type))],
            "type_label": TYPE_SINGULAR[r.type],
            "kind_label": KIND_LABELS.get(r.kind, r.kind),
            "summary": r.get("summary") or "",
            "facts": v.facts(r),
            "filters": v.filters(r),
            "sort_keys": v.sort_keys(r),
            "index_terms": v.index_terms(r),
            "date_iso": date.iso() if date else "",
            "body_html": Markup(self.body(r.body)),  # escaped by BodyRenderer
            "chain": [v.row(x) for x in chain] if len(chain) > 1 else [],
            "compare_url": urls.compare_url([r.id]) if r.type == "agreement" else "",
            "chain_compare_url": self.compare.chain_url_of(r),
            "supersedes": [v.row(x) for x in supersedes],
            "superseded_by": v.rows(c.superseded_by.get(r.id, [])),
            "related": Table("Poster som den här posten anger som relaterade",
                             v.rows(c.by_id[i] for i in r.get("related") or [] if i in c.by_id)),
            "party_in": Table("Poster där organisationen är part",
                              [row for row, _ in v.backlinks(r, ("parties",))] if is_org else []),
            "named_in": Table("Poster som nämner organisationen eller där den deltog",
                              [row for row, _ in v.backlinks(r, ("organisations",))] if is_org else []),
            "backlinks": v.backlinks(r, ("related", "supersedes")),
            "sources": v.sources(r),
            "document": v.document(r),
            "title_only": v.title_only(r),
            "attachments": list(r.get("attachments") or []),
            "edit_url": self.edit_url(r),
            "edit_path": self.edit_path(r),
            "build_date": v.build_date_text,
        }
