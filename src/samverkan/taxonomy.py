"""Every taxonomy of the site declared once, as Hugo does: type, kind, län, kommun, year, theme.

One row per taxonomy says where its pages live (the index page and one page per term), what the
pages are called, which listing builds them, and which query parameter and Pagefind filter the
search and browse pages use for it, and whether its terms have a feed. The page plan
(samverkan.pages.Site), the URL scheme (samverkan.pages.urls), the listings (Site finds
Listings.<name>_page and <name>_index by the row's name), the filters, the feeds and the record
facts read this table; adding a taxonomy is a row here, its two listing methods and a template.
Page kinds are a closed type (PageKind).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Callable, Iterator

from samverkan.vocabulary import TYPE_ORDER, TYPE_PLURAL, KINDS, kind_label

if TYPE_CHECKING:  # pragma: no cover
    from samverkan.catalog.catalog import Catalog


class PageKind(StrEnum):
    """Which renderer builds a generated page; the only page kinds there are."""

    HOME = "home"
    RECORD = "record"
    TYPE = "type"
    KINDS = "kinds"
    KIND = "kind"
    COUNTIES = "counties"
    COUNTY = "county"
    MUNICIPALITIES = "municipalities"
    MUNICIPALITY = "municipality"
    YEARS = "years"
    YEAR = "year"
    THEMES = "themes"
    THEME = "theme"
    COVERAGE = "coverage"
    PRINCIPLES = "principles"
    NATIONAL = "national"
    SEARCH = "search"
    BROWSE = "browse"
    COMPARE = "compare"
    COMPARE_CHAIN = "compare_chain"


@dataclass(frozen=True)
class Term:
    key: object  # the type, kind, SCB code, year or theme slug
    url: str  # site-relative, ends in "/"
    title: str
    description: str = ""


@dataclass(frozen=True)
class Taxonomy:
    name: str
    segment: str  # the URL folder of the index page and the term pages ("" for types: their own folders)
    term_kind: PageKind
    index_kind: PageKind | None  # None: no index page (types are in the main navigation)
    index_title: str
    index_description: str
    param: str  # the query parameter of Sök and Bläddra (?lan=19)
    filter: str  # the Pagefind filter a record page carries ("lan:Västmanlands län")
    terms: Callable[["Catalog"], Iterator[Term]]
    feed: bool = True  # each term has an Atom feed beside its page (urls.term_feed)


def _type_terms(c: "Catalog") -> Iterator[Term]:
    from samverkan.pages import urls
    for t in TYPE_ORDER:
        yield Term(t, urls.type_url(t), TYPE_PLURAL[t], f"Alla {TYPE_PLURAL[t].lower()} i Samverkansbasen.")


def _kind_terms(c: "Catalog") -> Iterator[Term]:
    from samverkan.pages import urls
    for kinds in KINDS.values():
        for k in kinds:
            yield Term(k, urls.kind_url(k), kind_label(k))


def _county_terms(c: "Catalog") -> Iterator[Term]:
    from samverkan.pages import urls
    for code, county in sorted(c.places.counties.items()):
        yield Term(code, urls.county_url(county), county.name,
                   f"Överenskommelser, samråd och andra poster i {county.name}.")


def _municipality_terms(c: "Catalog") -> Iterator[Term]:
    from samverkan.pages import urls
    for code, m in sorted(c.places.municipalities.items()):
        yield Term(code, urls.municipality_url(m), m.name, f"Överenskommelser, samråd och andra poster i {m.name}.")


def _year_terms(c: "Catalog") -> Iterator[Term]:
    from samverkan.pages import urls
    for year in sorted(c.by_year):
        yield Term(year, urls.year_url(year), f"År {year}")


def _theme_terms(c: "Catalog") -> Iterator[Term]:
    from samverkan.pages import urls
    for slug in sorted(c.by_theme):
        yield Term(slug, urls.theme_url(slug), f"Tema: {c.theme_names[slug]}")


# In the order the page plan lists them.
TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy("type", "", PageKind.TYPE, None, "", "", "typ", "typ", _type_terms),
    Taxonomy("kind", "slag/", PageKind.KIND, PageKind.KINDS, "Slag av poster", "", "typ", "kind", _kind_terms),
    Taxonomy("county", "lan/", PageKind.COUNTY, PageKind.COUNTIES, "Län",
             "Sveriges 21 län och vad Samverkansbasen vet om dem.", "lan", "lan", _county_terms),
    Taxonomy("municipality", "kommun/", PageKind.MUNICIPALITY, PageKind.MUNICIPALITIES, "Kommuner",
             "Sveriges 290 kommuner och vad Samverkansbasen vet om dem.", "kommun", "kommun", _municipality_terms),
    Taxonomy("year", "ar/", PageKind.YEAR, PageKind.YEARS, "År", "", "ar", "ar", _year_terms, feed=False),
    Taxonomy("theme", "tema/", PageKind.THEME, PageKind.THEMES, "Teman", "", "tema", "tema", _theme_terms),
)
BY_NAME = {t.name: t for t in TAXONOMIES}
# Term pages that link a feed of their own (samverkan.publish.feed.term_feeds writes them).
FEED_KINDS = frozenset(t.term_kind for t in TAXONOMIES if t.feed)
