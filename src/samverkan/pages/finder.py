"""The two pages that find records across the whole catalog: Sök (search) and Bläddra (browse).

Both keep their state in the query string, with the same parameters and the
same codes, so a filtered view is a link that can be shared, bookmarked,
reloaded or reached with the back button:

    ?lan=19           county (SCB code)
    ?kommun=1980      municipality (SCB code)
    ?ar=2019          year; ?fran=2015&till=2019 a range of years
    ?typ=lok          a kind, or a whole type (?typ=overenskommelser): Swedish codes,
                      samverkan.vocabulary.TYPE_CODES; older English ones (?typ=agreement)
                      are read through the panel's aliases
    ?tema=integration theme slug
    ?status=gällande  status of an agreement
    ?dokument=ja      the agreement's text linked
    ?q=överenskommelse  the search words           search only
    ?ordning=...      the order                    search only

Every filter is the same on both pages (one panel, macros.html: filter_panel; one script,
filtrera.js): values within a group combine with OR (?lan=12&lan=14), groups with AND.

Bläddra is rendered here in full (every record, a plain GET form of filters)
and works without JavaScript; overrides/assets/javascripts/bladdra.js filters
its rows in place. Sök is Pagefind's search: its filter panel is rendered here
too, one checkbox per value that some record has, named and valued as in the
query string (name="lan" value="19") and carrying the Pagefind filter value a
record page has for it (data-value="Västmanlands län", see views.Views.facts),
with the number of records as a starting count; sok.js runs the search.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from samverkan.catalog.catalog import Catalog, slugify
from samverkan.catalog.evidence import has_document
from samverkan.vocabulary import KINDS
from samverkan.pages import urls
from samverkan.taxonomy import BY_NAME as _TAX
from samverkan.vocabulary import TYPE_ORDER, TYPE_PLURAL, TYPE_SINGULAR, kind_code, kind_label, type_code
from samverkan.vocabulary import DOCUMENT_FILTER, DOCUMENT_FILTER_CODE, DOCUMENT_FILTER_LABEL, DOCUMENT_FILTER_VALUE
from samverkan.vocabulary import OLD_ADDRESS_CODES
from samverkan.pages.views import Views
from samverkan.vocabulary import sort_key

# With JavaScript the browse page draws this many matching rows at a time ("Visa fler poster"
# adds as many again): laying out 10,000 table rows takes seconds; drawing the rows is most of a
# filter change's time (measured at 10,000 records: 100 rows about 33 ms of the browser's time per
# change, 50 rows about 23 ms; bench/PRESTANDA.md), and 50 rows fill more than a screen.
# samverkan.css hides rows after the 50th until the script runs: change both together.
BROWSE_PAGE_SIZE = 50


def count_text(n: int) -> str:
    """10000 -> '10 000', as Swedish writes numbers (and as the page's script does)."""
    return f"{n:,}".replace(",", "\u00a0")


@dataclass(frozen=True)
class BrowseRow:
    """One record on the browse page; the data strings are space-separated codes the script matches."""

    url: str
    title: str
    kind: str
    place: str
    year: str
    lan: str  # "19" or "19 03"
    kommun: str  # "1980"
    ar: str  # "2019"
    typ: str  # "overenskommelser lok": the type's and the kind's Swedish codes, so ?typ= takes either
    tema: str = ""  # theme slugs: "integration social-ekonomi"
    status: str = ""  # "gällande", or "" for records without a status
    dokument: str = ""  # "ja" when the agreement's own text is linked (?dokument=ja)


@dataclass(frozen=True)
class FilterOption:
    """One checkbox of the search page's filter panel."""

    code: str  # the value in the query string: "19", "1980", "2019", "lok", "integration"
    value: str  # the Pagefind filter value record pages carry: "Västmanlands län"
    label: str  # what the visitor reads
    count: int  # records with this value (Pagefind's count before any search)
    lan: str = ""  # a kommun's län code, so the kommun list can follow the chosen län


@dataclass(frozen=True)
class FilterGroup:
    key: str  # the Pagefind filter: lan, kommun, ar, typ, kind, tema, status
    param: str  # the query parameter: typ and kind share ?typ=
    label: str
    options: list[FilterOption]
    attr: str = ""  # the browse row attribute holding its codes (data-<attr>); default: key
    years: list[int] = field(default_factory=list)  # the year group's range choices, oldest first

    def __post_init__(self) -> None:
        if not self.attr:
            object.__setattr__(self, "attr", self.key)


@dataclass(frozen=True)
class FilterPanel:
    """The filter panel of both pages: the groups, and the older codes a shared link may carry."""

    groups: list[FilterGroup]
    aliases: dict[str, dict[str, str]]  # query parameter -> {older code: code}

    @property
    def aliases_json(self) -> str:
        return json.dumps(self.aliases, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Finder:
    def __init__(self, catalog: Catalog, views: Views):
        self.c = catalog
        self.v = views
        self.places = catalog.places

    # -- Bläddra ---------------------------------------------------------
    def browse_rows(self) -> list[BrowseRow]:
        rows = []
        for row in self.v.rows(self.c.records):  # newest first, then by title
            r = self.c.by_id[row.id]
            year = self.c.year(r)
            rows.append(BrowseRow(
                url=row.url, title=row.title, kind=row.kind_label, place=row.place,
                year=str(year) if year is not None else "",
                lan=" ".join(r.county_codes), kommun=" ".join(r.municipality_codes),
                ar=str(year) if year is not None else "", typ=f"{type_code(r.type)} {kind_code(r.kind)}",
                tema=" ".join(dict.fromkeys(slugify(t) for t in r.get("themes") or [])),
                status=self.v.status[r.id], dokument=DOCUMENT_FILTER_CODE if has_document(r) else ""))
        return rows

    def browse_page(self) -> dict:
        rows = self.browse_rows()
        return {"crumbs": [("Start", urls.HOME)], "rows": rows, "total": len(rows),
                "total_text": count_text(len(rows)), "page_size": BROWSE_PAGE_SIZE,
                "panel": self.panel()}

    # -- Sök -------------------------------------------------------------
    def search_groups(self) -> list[FilterGroup]:
        """The filter panel: every value some record has, in the order a reader looks for it.

        Values and counts are those Pagefind finds on the record pages (views.Views.facts and
        filters): a test compares them with the built index.
        """
        c, p = self.c, self.places
        by_name = lambda options: sorted(options, key=lambda o: sort_key(o.label))  # noqa: E731
        lan = by_name(FilterOption(code, p.counties[code].name, p.counties[code].name, len(rs))
                      for code, rs in c.by_county.items() if rs)
        kommun = by_name(FilterOption(code, p.municipalities[code].name, p.municipalities[code].name, len(rs),
                                      lan=code[:2])
                         for code, rs in c.by_municipality.items() if rs)
        ar = [FilterOption(str(y), str(y), str(y), len(c.by_year[y])) for y in sorted(c.by_year, reverse=True)]
        typ = [FilterOption(type_code(t), TYPE_SINGULAR[t], TYPE_PLURAL[t], len(c.by_type[t])) for t in TYPE_ORDER
               if c.by_type.get(t)]
        kind = [FilterOption(kind_code(k), kind_label(k), kind_label(k), len(c.by_kind[k])) for t in TYPE_ORDER
                for k in KINDS[t] if c.by_kind.get(k)]
        tema = by_name(FilterOption(slug, c.theme_names[slug], c.theme_names[slug], len({r.id for r in rs}))
                       for slug, rs in c.by_theme.items() if rs)
        statuses = Counter(self.v.status[r.id] for r in c.records if self.v.status[r.id])
        status = by_name(FilterOption(s, s, s, n) for s, n in statuses.items())
        # The Pagefind filter and query parameter of each taxonomy (samverkan.taxonomy).
        def group(name, label, options, **more):
            return FilterGroup(_TAX[name].filter, _TAX[name].param, label, options, **more)
        groups = [group("county", "Län", lan), group("municipality", "Kommun", kommun),
                  group("year", "År", ar, years=sorted(c.by_year)), group("type", "Typ", typ),
                  group("kind", "Slag", kind, attr=_TAX["type"].param), group("theme", "Tema", tema),
                  FilterGroup("status", "status", "Status (överenskommelser)", status)]
        # Records that link the agreement's own text (views.Views.filters): ?dokument=ja.
        documents = sum(1 for r in c.records if has_document(r))
        if documents:
            groups.append(FilterGroup(DOCUMENT_FILTER, DOCUMENT_FILTER, DOCUMENT_FILTER_LABEL, [
                FilterOption(DOCUMENT_FILTER_CODE, DOCUMENT_FILTER_VALUE, DOCUMENT_FILTER_VALUE, documents)]))
        return [g for g in groups if g.options]

    def aliases(self) -> dict[str, dict[str, str]]:
        """Older codes a shared link may carry: a theme as written ("Social ekonomi") for its slug, and
        the English type and kind codes (vocabulary.OLD_ADDRESS_CODES)."""
        themes = {}
        for r in self.c.records:
            for name in r.get("themes") or []:
                slug = slugify(name)
                if name != slug:
                    themes[name] = slug
        out = {"tema": dict(sorted(themes.items()))} if themes else {}
        # Addresses from before the Swedish codes: ?typ=agreement, ?typ=national.
        out[_TAX["type"].param] = dict(sorted(OLD_ADDRESS_CODES.items()))
        return out

    def panel(self) -> FilterPanel:
        return FilterPanel(self.search_groups(), self.aliases())

    def search_page(self) -> dict:
        return {"crumbs": [("Start", urls.HOME)], "total": count_text(len(self.c.records)),
                "panel": self.panel()}
