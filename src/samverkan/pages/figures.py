"""Which page shows which picture: charts, the län map, coverage and principles tables.

The pictures themselves are pure functions in samverkan.publish.pictures (inline SVG and HTML
tables, escaped there, no script in the browser); this module only decides where they go
and gives them links relative to the page they sit on, so the site works under any base
path. Site.render adds what figures_for() returns to a page's context; the templates
print a Figure with the macro in samverkan/pages/templates/figures.html.

    start page      records per year and type (each bar links to its year), the län map
    ar/             the same chart above the table of years
    ar/<year>/      that year's records per kind, and the numbers as a table
    lan/            the län map, a link to the coverage page
    lan/<code>-x/   the län's kommuner with a known LÖK or IOP, how many have neither
    tackning/       every kommun with a known LÖK or IOP, and the ones with none known
    principer/      agreements by the six principles they adopt
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from samverkan.publish import pictures
from samverkan.catalog.catalog import Catalog
from samverkan.catalog.coverage import coverage_counts, municipality_coverage
from samverkan.read.records import Record
from samverkan.pages import urls
from samverkan.pages.listings import TermRow, TermTable
from samverkan.taxonomy import PageKind
from samverkan.vocabulary import coverage_sentences, sort_key


@dataclass(frozen=True)
class Figure:
    """A picture with its heading and, for screen readers and anyone who wants them, its numbers."""

    id: str  # the heading's id ("" for no heading of its own)
    heading: str
    picture: Markup  # inline SVG or an HTML table, escaped by samverkan.publish.pictures
    table: Markup = Markup("")  # the same numbers as a table, in a <details> under the picture
    intro: list[str] = field(default_factory=list)
    table_summary: str = "Siffrorna i diagrammet som tabell"

    @property
    def is_chart(self) -> bool:
        """An SVG picture (a chart or the map), as opposed to a table."""
        return self.picture.lstrip().startswith("<svg")


@dataclass(frozen=True)
class CountyCoverage:
    """What a län's page says about LÖK and IOP in its kommuner."""

    summary: str
    lok: list[tuple[str, str, list[tuple[str, str]]]]  # (kommun, its url, [(agreement title, url)])
    iop: list[tuple[str, str, list[tuple[str, str]]]]
    url: str  # the län's part of the coverage page


class Figures:
    def __init__(self, catalog: Catalog):
        self.c = catalog
        self.places = catalog.places

    # -- links from a page at `root` ---------------------------------------
    def _links(self, root: str):
        p = self.places
        return {
            "record": lambda r: root + urls.record_url(r),
            "year": lambda y: root + urls.year_url(y),
            "county": lambda code: root + urls.county_url(p.counties[code]),
            "municipality": lambda code: root + urls.municipality_url(p.municipalities[code]),
        }

    # -- the pictures --------------------------------------------------------
    def years(self, root: str, *, with_table: bool = True) -> Figure | None:
        link = self._links(root)["year"]
        svg = pictures.year_chart_svg(self.c, link)
        if not svg:
            return None
        table = pictures.year_chart_table(self.c, link) if with_table else ""
        return Figure("", "", Markup(svg), Markup(table))

    def one_year(self, year: int) -> Figure | None:
        svg = pictures.year_chart_svg(self.c, year=year, id_prefix=f"sv-ar-{year}")
        if not svg:
            return None
        return Figure("per-slag", f"Poster {year} per slag", Markup(svg),
                      Markup(pictures.year_chart_table(self.c, year=year)))

    def county_map(self, root: str, intro: list[str] | None = None) -> Figure:
        svg = pictures.county_map_svg(self.c, self._links(root)["county"])
        return Figure("", "", Markup(svg), intro=intro or [])

    @cached_property
    def _coverage(self) -> dict[str, dict[str, list[Record]]]:
        return municipality_coverage(self.c)

    def county_coverage(self, code: str) -> CountyCoverage:
        """A län's kommuner with a known LÖK or IOP, and how many have neither (links are site-relative)."""
        munis = sorted(self.places.municipalities_in(code), key=lambda m: sort_key(m.name))
        cover = {m.code: self._coverage[m.code] for m in munis}

        def having(kind: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
            return [(m.name, urls.municipality_url(m), [(r.title, urls.record_url(r)) for r in cover[m.code][kind]])
                    for m in munis if cover[m.code][kind]]

        counts = coverage_counts(cover, cover)
        n = counts.municipalities
        lok, iop = having("lok"), having("iop")
        summary = coverage_sentences(counts.lok, counts.iop, counts.none, n)
        if counts.none:
            summary += (" Att Samverkansbasen inte känner till någon betyder att ingen källa finns här ännu, "
                        "inte att " + ("kommunen" if n == 1 else "kommunerna") + " saknar en.")
        return CountyCoverage(summary, lok, iop, f"{urls.COVERAGE}#tackning-{code}")

    # -- pages of their own ---------------------------------------------------
    def coverage_page(self) -> dict:
        root = urls.root_of(urls.COVERAGE)
        links = self._links(root)
        rows = []
        # In the order of the tables below: by name, as Swedish sorts.
        for code, county in sorted(self.places.counties.items(), key=lambda kv: sort_key(kv[1].name)):
            n = coverage_counts(self._coverage, (m.code for m in self.places.municipalities_in(code)))
            rows.append(TermRow(county.name, f"{urls.COVERAGE}#tackning-{code}",
                                [str(n.municipalities), str(n.lok), str(n.iop), str(n.none)]))
        summary = TermTable("Kommuner med känd LÖK eller IOP, per län",
                            ["Län", "Kommuner", "Med känd LÖK", "Med känt IOP", "Utan känd LÖK eller IOP"], rows)
        details = pictures.coverage_table_html(self.c, links["municipality"], links["county"],
                                               url_for=links["record"], heading_level=3)
        return {
            "crumbs": [("Start", urls.HOME), ("Län", urls.COUNTIES)],
            "intro": ["Vilka kommuner har en lokal överenskommelse (LÖK) eller ett idéburet offentligt "
                      "partnerskap (IOP) som Samverkansbasen känner till, och vilka har ingen känd? "
                      "Räknat är överenskommelser som anger kommunen. Regionala och nationella "
                      "överenskommelser gäller också i kommunerna men räknas inte här."],
            "see_also": [("Län", urls.COUNTIES), ("Alla LÖK", urls.kind_url("lok")),
                         ("Alla IOP", urls.kind_url("iop"))],
            "summary": summary,
            "coverage": Markup(details),
        }

    def principles_page(self) -> dict:
        root = urls.root_of(urls.PRINCIPLES)
        matrix = pictures.principles_matrix_html(self.c, self._links(root)["record"])
        return {
            "crumbs": [("Start", urls.HOME), ("Överenskommelser", urls.type_url("agreement"))],
            "intro": ["Många överenskommelser bygger på de sex principer som den nationella överenskommelsen "
                      "på det sociala området slog fast 2008: självständighet och oberoende, dialog, kvalitet, "
                      "långsiktighet, öppenhet och insyn samt mångfald.",
                      "Tabellen visar vilka principer varje överenskommelse säger att den antar, enligt dess "
                      "källa. En tom ruta betyder att posten inte anger principen, inte att överenskommelsen "
                      "saknar den."],
            "see_also": [("Alla överenskommelser", urls.type_url("agreement")),
                         ("Täckning: LÖK och IOP i kommunerna", urls.COVERAGE)],
            "figures": [Figure("matris", "Överenskommelser och principer", Markup(matrix))],
        }

    # -- what each page gets ----------------------------------------------------
    def figures_for(self, kind: PageKind, key, url: str, context: dict) -> dict:
        """Extra context for the page `kind`/`key` at `url` (a longer see_also list, never changing `context`)."""
        root = urls.root_of(url)
        if kind == PageKind.HOME:
            return {"year_figure": self.years(root), "county_figure": self.county_map(root, [
                "Kartan visar hur många kända överenskommelser som gäller varje län eller en kommun i det. "
                "Välj ett län för att se dess kommuner och poster."])}
        if kind == PageKind.YEARS:
            figure = self.years(root, with_table=False)  # the table of years below has the numbers
            return {"figures": [figure]} if figure else {}
        if kind == PageKind.YEAR:
            figure = self.one_year(key)
            return {"figures": [figure]} if figure else {}
        if kind == PageKind.COUNTIES:
            see_also = [*context.get("see_also", []), ("Täckning: LÖK och IOP i kommunerna", urls.COVERAGE)]
            # the table of län below has links and counts
            return {"figures": [self.county_map(root)], "see_also": see_also}
        if kind == PageKind.COUNTY:
            return {"coverage": self.county_coverage(key)}
        if kind == PageKind.TYPE and key == "agreement":
            return {"see_also": [*context.get("see_also", []),
                                 ("De sex principerna i överenskommelserna", urls.PRINCIPLES),
                                 ("Täckning: LÖK och IOP i kommunerna", urls.COVERAGE)]}
        return {}
