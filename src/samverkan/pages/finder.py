"""The two pages that find records across the whole catalog: Sök (search) and Bläddra (browse).

Both keep their state in the query string, with the same parameters and the
same codes, so a filtered view is a link that can be shared, bookmarked,
reloaded or reached with the back button:

    ?lan=19           county (SCB code)            both pages
    ?kommun=1980      municipality (SCB code)      both pages
    ?ar=2019          year                         both pages
    ?typ=lok          a kind, or a whole type      both pages
    ?typ=overenskommelser   (Swedish codes, samverkan.vocabulary.TYPE_CODES; the older
                      English ?typ=agreement still matches on Bläddra)
    ?tema=integration theme, as written            search only
    ?status=gällande  status of an agreement       search only
    ?q=överenskommelse  the search words           search only

Bläddra is rendered here in full (every record, a plain GET form of filters)
and works without JavaScript; overrides/assets/javascripts/bladdra.js filters
its rows in place. Sök is Pagefind's search: its filter panel is rendered here
too, one checkbox per value that some record has, named and valued as in the
query string (name="lan" value="19") and carrying the Pagefind filter value a
record page has for it (data-value="Västmanlands län", see views.Views.facts),
with the number of records as a starting count; sok.js runs the search.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from samverkan.catalog.catalog import Catalog
from samverkan.vocabulary import KINDS
from samverkan.pages import urls
from samverkan.taxonomy import BY_NAME as _TAX
from samverkan.vocabulary import TYPE_ORDER, TYPE_PLURAL, TYPE_SINGULAR, kind_code, kind_label, type_code
from samverkan.pages.views import Views
from samverkan.vocabulary import sort_key

# With JavaScript the browse page draws this many matching rows at a time ("Visa fler poster"
# adds as many again): laying out 10,000 table rows takes seconds, 100 take milliseconds.
# samverkan.css hides rows after the 100th until the script runs: change both together.
BROWSE_PAGE_SIZE = 100


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
    typ: str  # "overenskommelser lok agreement": the type and the kind, so ?typ= takes either (and the old codes)


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class OptionGroup:
    label: str
    options: list[Option]


@dataclass(frozen=True)
class Field:
    """One <select> of the browse form: a name (the query parameter), a label, options or groups."""

    name: str
    label: str
    any_label: str  # the first option, value "", meaning no filter
    options: list[Option]
    groups: list[OptionGroup]


@dataclass(frozen=True)
class FilterOption:
    """One checkbox of the search page's filter panel."""

    code: str  # the value in the query string: "19", "1980", "2019", "lok", "integration"
    value: str  # the Pagefind filter value record pages carry: "Västmanlands län"
    label: str  # what the visitor reads
    count: int  # records with this value (Pagefind's count before any search)


@dataclass(frozen=True)
class FilterGroup:
    key: str  # the Pagefind filter: lan, kommun, ar, typ, kind, tema, status
    param: str  # the query parameter: typ and kind share ?typ=
    label: str
    options: list[FilterOption]


def _typ_codes(r) -> str:
    """A browse row's type and kind codes: the Swedish ones the site writes, then the older English
    ones, so an address from before (?typ=agreement, ?typ=national) still finds the record."""
    codes = [type_code(r.type), kind_code(r.kind), r.type, r.kind]
    return " ".join(dict.fromkeys(codes))


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
                ar=str(year) if year is not None else "", typ=_typ_codes(r)))
        return rows

    def browse_fields(self) -> list[Field]:
        counties = sorted(self.places.counties.values(), key=lambda c: sort_key(c.name))
        lan = Field("lan", "Län", "Alla län", [Option(c.code, c.name) for c in counties], [])
        kommun_groups = [
            OptionGroup(c.name, [Option(m.code, m.name) for m in sorted(self.places.municipalities_in(c.code),
                                                                          key=lambda m: sort_key(m.name))])
            for c in counties]
        kommun = Field("kommun", "Kommun", "Alla kommuner", [], kommun_groups)
        years = sorted(self.c.by_year, reverse=True)
        ar = Field("ar", "År", "Alla år", [Option(str(y), str(y)) for y in years], [])
        typ_groups = [OptionGroup(TYPE_PLURAL[t], [Option(type_code(t), f"Alla {TYPE_PLURAL[t].lower()}")]
                                  + [Option(kind_code(k), kind_label(k)) for k in KINDS[t]])
                      for t in TYPE_ORDER]
        typ = Field("typ", "Typ", "Alla typer", [], typ_groups)
        return [lan, kommun, ar, typ]

    def browse_page(self) -> dict:
        rows = self.browse_rows()
        return {"crumbs": [("Start", urls.HOME)], "rows": rows, "total": len(rows),
                "total_text": count_text(len(rows)), "page_size": BROWSE_PAGE_SIZE,
                "fields": self.browse_fields()}

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
        kommun = by_name(FilterOption(code, p.municipalities[code].name, p.municipalities[code].name, len(rs))
                         for code, rs in c.by_municipality.items() if rs)
        ar = [FilterOption(str(y), str(y), str(y), len(c.by_year[y])) for y in sorted(c.by_year, reverse=True)]
        typ = [FilterOption(type_code(t), TYPE_SINGULAR[t], TYPE_PLURAL[t], len(c.by_type[t])) for t in TYPE_ORDER
               if c.by_type.get(t)]
        kind = [FilterOption(kind_code(k), kind_label(k), kind_label(k), len(c.by_kind[k])) for t in TYPE_ORDER
                for k in KINDS[t] if c.by_kind.get(k)]
        themes = Counter(name for r in c.records for name in dict.fromkeys(r.get("themes") or []))
        tema = by_name(FilterOption(name, name, name, n) for name, n in themes.items())
        statuses = Counter(self.v.status[r.id] for r in c.records if self.v.status[r.id])
        status = by_name(FilterOption(s, s, s, n) for s, n in statuses.items())
        # The Pagefind filter and query parameter of each taxonomy (samverkan.taxonomy).
        group = lambda name, label, options: FilterGroup(_TAX[name].filter, _TAX[name].param, label, options)  # noqa: E731
        groups = [group("county", "Län", lan), group("municipality", "Kommun", kommun),
                  group("year", "År", ar), group("type", "Typ", typ),
                  group("kind", "Slag", kind), group("theme", "Tema", tema),
                  FilterGroup("status", "status", "Status (överenskommelser)", status)]
        return [g for g in groups if g.options]

    def search_page(self) -> dict:
        return {"crumbs": [("Start", urls.HOME)], "total": count_text(len(self.c.records)),
                "groups": self.search_groups()}
