"""What the listing pages show: types, kinds, places, years, themes, the start page.

Each method returns the context of one page as plain values. A record appears
on a bounded number of listings (its type, kind, year, themes, places), so all
listings together cost O(records), with one exception kept in check: national
records apply in all 290 kommuner, so a kommun page shows only the newest few
and links to the full list.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from samverkan.catalog.catalog import Catalog
from samverkan.vocabulary import KINDS
from samverkan.pages import urls
from samverkan.taxonomy import BY_NAME as _TAX
from samverkan.vocabulary import TYPE_ORDER, TYPE_PLURAL, kind_label
from samverkan.catalog.expiry import expiring_for_place
from samverkan.pages.views import Row, Table, Views, expiry_view
from samverkan.vocabulary import sort_key

NATIONAL_ON_KOMMUN_PAGE = 10
LATEST_ON_START_PAGE = 10

TYPE_INTROS = {
    "agreement": "Överenskommelser mellan idéburen sektor och det offentliga: nationella, regionala och lokala "
                 "överenskommelser (LÖK), idéburna offentliga partnerskap (IOP) och andra samverkansavtal.",
    "consultation": "Samråd, sakråd, dialogmöten och konferenser mellan det offentliga och civilsamhället.",
    "report": "Rapporter, utredningar, minnesanteckningar och remissvar om samverkan mellan det offentliga "
              "och civilsamhället.",
    "document": "Riksdags- och regeringsdokument: skriftliga frågor, motioner, interpellationer och kommittédirektiv.",
    "organisation": "Organisationer som är parter i eller nämns i posterna: idéburna organisationer, offentliga "
                    "organisationer och nätverk. Varje organisations sida visar posterna som nämner den.",
}


@dataclass
class TermRow:
    label: str
    url: str
    cells: list = field(default_factory=list)


@dataclass
class TermTable:
    """A captioned table of terms (län, years, themes ...) with counts."""

    caption: str
    headers: list[str]  # the first names the term column
    rows: list[TermRow]


@dataclass
class Section:
    id: str
    heading: str
    table: Table | None  # None or no rows: the section says `empty`
    empty: str = ""
    note: str = ""


def _count(n: int) -> str:
    return str(n) if n else "–"


class Listings:
    def __init__(self, catalog: Catalog, views: Views):
        self.c = catalog
        self.v = views
        self.places = catalog.places

    # -- helpers ---------------------------------------------------------
    def by_type_sections(self, records, empty_text: str, what: str = "") -> list[Section]:
        """One section per type that has records; one empty section when none has."""
        rows = self.v.rows(records)
        sections = []
        for t in TYPE_ORDER:
            of_type = [r for r in rows if r.type == t]
            if of_type:
                caption = f"{TYPE_PLURAL[t]}{what} ({len(of_type)})"
                table = Table(caption, of_type, caption_hidden=True)
                sections.append(Section(urls.TYPE_SEGMENTS[t], f"{TYPE_PLURAL[t]} ({len(of_type)})", table))
        return sections or [Section("poster", "Poster", None, empty_text)]

    def _kind_table(self, t: str, caption: str) -> TermTable:
        rows = [TermRow(kind_label(k), urls.kind_url(k), [_count(len(self.c.term_records("kind", k)))]) for k in KINDS[t]]
        return TermTable(caption, ["Slag", "Antal poster"], rows)

    def _crumbs(self, *middle) -> list[tuple[str, str]]:
        return [("Start", urls.HOME), *middle]

    # -- type and kind ---------------------------------------------------
    def type_page(self, t: str) -> dict:
        records = self.c.term_records("type", t)
        ctx = {"crumbs": self._crumbs(), "intro": [TYPE_INTROS[t]],
               "term_tables": [self._kind_table(t, f"{TYPE_PLURAL[t]} efter slag")], "sections": []}
        if t == "organisation":
            rows = [TermRow(o.title, urls.record_url(o), [kind_label(o.kind), self.v.place_text(o) or "–",
                                                          _count(len(self.c.by_organisation.get(o.id, [])))])
                    for o in sorted(records, key=lambda o: (sort_key(o.title), o.id))]
            ctx["term_tables"].append(TermTable(f"Alla organisationer ({len(rows)})",
                                                ["Organisation", "Slag", "Plats", "Poster som nämner den"], rows))
            if not rows:
                ctx["sections"] = [Section("poster", "Organisationer", None, "Inga organisationer ännu.")]
        else:
            rows = self.v.rows(records)
            ctx["sections"] = [Section("poster", f"Alla {TYPE_PLURAL[t].lower()} ({len(rows)})",
                                       Table(f"{TYPE_PLURAL[t]}, nyaste först", rows, show_type=False),
                                       f"Inga {TYPE_PLURAL[t].lower()} ännu.")]
        return ctx

    def kind_page(self, kind: str) -> dict:
        t = next(t for t, kinds in KINDS.items() if kind in kinds)
        rows = self.v.rows(self.c.term_records("kind", kind))
        return {"crumbs": self._crumbs(("Slag", urls.KINDS)),
                "intro": [f"Alla poster av slaget {kind_label(kind)}, nyaste först."],
                "see_also": [(f"Alla {TYPE_PLURAL[t].lower()}", urls.type_url(t))],
                "sections": [Section("poster", f"Poster ({len(rows)})",
                                     Table(f"{kind_label(kind)} ({len(rows)})", rows, show_type=False),
                                     "Inga poster av det här slaget ännu.")]}

    def kind_index(self) -> dict:
        return {"crumbs": self._crumbs(), "intro": ["Varje typ av post delas in i slag."],
                "term_tables": [self._kind_table(t, TYPE_PLURAL[t]) for t in TYPE_ORDER]}

    # -- places ----------------------------------------------------------
    def county_index(self) -> dict:
        rows = []
        for code, county in sorted(self.places.counties.items()):
            munis = self.places.municipalities_in(code)
            with_records = sum(1 for m in munis if self.c.local_records(m.code))
            rows.append(TermRow(county.name, urls.county_url(county),
                                [code, f"{with_records} av {len(munis)}",
                                 _count(len(self.c.regional_records(code))),
                                 _count(len(self.c.by_county.get(code, [])))]))
        return {"crumbs": self._crumbs(),
                "intro": ["Sveriges 21 län. Länets sida visar dess kommuner och de regionala posterna."],
                "see_also": [("Nationella poster, som gäller i hela landet", urls.NATIONAL)],
                "term_tables": [TermTable("Län", ["Län", "Länskod", "Kommuner med poster", "Regionala poster",
                                                  "Alla poster i länet"], rows)]}

    def municipality_index(self) -> dict:
        tables = []
        for code, county in sorted(self.places.counties.items()):
            rows = [TermRow(m.name, urls.municipality_url(m), [m.code, _count(len(self.c.local_records(m.code)))])
                    for m in sorted(self.places.municipalities_in(code), key=lambda m: sort_key(m.name))]
            tables.append(TermTable(f"Kommuner i {county.name}", ["Kommun", "Kommunkod", "Poster"], rows))
        return {"crumbs": self._crumbs(), "intro": ["Sveriges 290 kommuner, län för län."], "term_tables": tables}

    def county_page(self, code: str) -> dict:
        county = self.places.counties[code]
        munis = sorted(self.places.municipalities_in(code), key=lambda m: sort_key(m.name))
        rows = [TermRow(m.name, urls.municipality_url(m), [_count(len(self.c.local_records(m.code)))]) for m in munis]
        regional = self.v.rows(self.c.regional_records(code))
        return {"crumbs": self._crumbs(("Län", urls.COUNTIES)), "county": county,
                "municipalities": TermTable(f"Kommuner i {county.name}", ["Kommun", "Poster i kommunen"], rows),
                "regional": Table(f"Regionala poster i {county.name} ({len(regional)})", regional),
                "national_count": len(self.c.national_records()),
                "expiry": self.expiry(county=code),
                "place_count": len(self.c.term_records("county", code)),
                "place_browse": f"{urls.BROWSE}?{_TAX['county'].param}={code}"}

    def expiry(self, county: str | None = None, municipality: str | None = None):
        """Löper ut snart and Har löpt ut for a place (catalog.expiry), as rows."""
        return expiry_view(self.v, expiring_for_place(self.c, county=county, municipality=municipality))

    def municipality_page(self, code: str) -> dict:
        m = self.places.municipalities[code]
        county = self.places.counties[m.county_code]
        own = self.c.local_records(code)
        # also_applies gives the län's regional records, then the national ones: split them for the reader.
        # The län's regional records exactly as the län page lists them (Catalog.regional_records).
        also = self.c.also_applies(code)
        in_region = {r.id for r in self.c.regional_records(m.county_code)}
        regional = self.v.rows(r for r in also if r.id in in_region)
        national = self.v.rows(r for r in also if r.id not in in_region)
        return {"crumbs": self._crumbs(("Kommuner", urls.MUNICIPALITIES), (county.name, urls.county_url(county))),
                "municipality": m, "county": county,
                "sections": self.by_type_sections(own, "") if own else [],
                "regional": Table(f"Regionala poster i {county.name} ({len(regional)})", regional),
                "national": Table(f"Nationella poster ({len(national)})" if len(national) <= NATIONAL_ON_KOMMUN_PAGE
                                  else f"Nationella poster, de {NATIONAL_ON_KOMMUN_PAGE} nyaste av {len(national)}",
                                  national[:NATIONAL_ON_KOMMUN_PAGE]),
                "national_count": len(national),
                "expiry": self.expiry(municipality=code),
                "place_count": len(self.c.term_records("municipality", code)),
                "place_browse": f"{urls.BROWSE}?{_TAX['municipality'].param}={code}"}

    def national_page(self) -> dict:
        records = [r for r in self.c.records if r.get("scope") == "national"]
        return {"crumbs": self._crumbs(("Län", urls.COUNTIES)),
                "intro": ["Poster med nationell räckvidd: de gäller i hela Sverige och visas också på "
                          "varje kommuns sida."],
                "sections": self.by_type_sections(records, "Inga nationella poster ännu.")}

    # -- years and themes ------------------------------------------------
    def year_index(self) -> dict:
        rows = []
        for year in sorted(self.c.by_year, reverse=True):
            records = self.c.term_records("year", year)
            counts = [sum(1 for r in records if r.type == t) for t in TYPE_ORDER if t != "organisation"]
            rows.append(TermRow(str(year), urls.year_url(year), [_count(n) for n in counts] + [str(len(records))]))
        headers = ["År"] + [TYPE_PLURAL[t] for t in TYPE_ORDER if t != "organisation"] + ["Totalt"]
        return {"crumbs": self._crumbs(),
                "intro": ["Poster efter år: datum för samråd, rapporter och dokument, för överenskommelser "
                          "datum eller första giltighetsdag. Poster utan känt år finns bara under sin typ."],
                "term_tables": [TermTable("Poster per år och typ", headers, rows)] if rows else [],
                "sections": [] if rows else [Section("poster", "Poster", None, "Inga daterade poster ännu.")]}

    def year_page(self, year: int) -> dict:
        return {"crumbs": self._crumbs(("År", urls.YEARS)),
                "intro": [f"Poster från {year}, efter typ."],
                "sections": self.by_type_sections(self.c.term_records("year", year), "", f" {year}")}

    def theme_index(self) -> dict:
        rows = [TermRow(self.c.theme_names[s], urls.theme_url(s), [str(len(self.c.term_records("theme", s)))])
                for s in sorted(self.c.by_theme, key=lambda s: sort_key(self.c.theme_names[s]))]
        return {"crumbs": self._crumbs(), "intro": ["Teman som posterna anger."],
                "term_tables": [TermTable("Teman", ["Tema", "Antal poster"], rows)] if rows else [],
                "sections": [] if rows else [Section("poster", "Teman", None, "Inga teman ännu.")]}

    def theme_page(self, slug: str) -> dict:
        name = self.c.theme_names[slug]
        return {"crumbs": self._crumbs(("Teman", urls.THEMES)), "intro": [f"Poster med temat {name}, efter typ."],
                "sections": self.by_type_sections(self.c.term_records("theme", slug), "")}

    # -- start page ------------------------------------------------------
    def home(self) -> dict:
        counts = [(TYPE_PLURAL[t], urls.type_url(t), len(self.c.term_records("type", t))) for t in TYPE_ORDER]
        latest: list[Row] = [self.v.row(r) for r in self.c.latest_added(LATEST_ON_START_PAGE)]
        counties = [(county.name, urls.county_url(county), len(self.c.by_county.get(code, [])))
                    for code, county in sorted(self.places.counties.items())]
        years = [(str(y), urls.year_url(y), len(self.c.term_records("year", y))) for y in sorted(self.c.by_year, reverse=True)]
        return {"counts": counts, "total": len(self.c.records),
                "latest": Table("De senast tillagda posterna", latest, show_added=True),
                "counties": counties, "years": years, "build_date": self.v.build_date_text,
                "expiry": self.expiry()}
