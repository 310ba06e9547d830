"""Tables that answer "where is there an agreement?" and "which principles does it adopt?"."""
from __future__ import annotations

from typing import Callable

from samverkan.catalog.catalog import Catalog
from samverkan.publish.opendata import UrlFor
from samverkan.vocabulary import MISSING, PRINCIPLE_LABELS, sort_key
from samverkan.read.records import Record
from samverkan.publish.pictures._common import count_words, esc

CodeUrl = Callable[[str], str]
HIDDEN = "sv-visually-hidden"


def _record_links(records: list[Record], url_for: UrlFor | None) -> str:
    if not url_for:
        return ""
    links = ", ".join(f'<a href="{esc(url_for(r))}">{esc(r.title)}</a>' for r in records)
    return f": {links}"


def municipality_coverage(catalog: Catalog) -> dict[str, dict[str, list[Record]]]:
    """kommun code -> {"lok": [...], "iop": [...]} of the agreements that name that kommun."""
    out = {}
    for code in sorted(catalog.places.municipalities):
        local = catalog.by_municipality.get(code, [])
        out[code] = {kind: sorted((r for r in local if r.type == "agreement" and r.kind == kind),
                                  key=lambda r: r.id)
                     for kind in ("lok", "iop")}
    return out


def _share(n: int, of: int, what: str) -> str:
    return f"{n} av {of} kommuner {what}"


def coverage_table_html(catalog: Catalog, municipality_url: CodeUrl, county_url: CodeUrl, *,
                        url_for: UrlFor | None = None, heading_level: int = 2) -> str:
    """Per län: a table of its kommuner with a known LÖK and a known IOP (yes / none known).

    Absence here means only that Samverkansbasen knows of none: the cells say "ingen känd",
    never "nej". With url_for, a "ja" cell links the agreements themselves.
    """
    places = catalog.places
    cover = municipality_coverage(catalog)
    h = max(2, min(6, heading_level))
    n_all = len(cover)
    n_lok = sum(1 for c in cover.values() if c["lok"])
    n_iop = sum(1 for c in cover.values() if c["iop"])
    n_none = sum(1 for c in cover.values() if not c["lok"] and not c["iop"])
    out = [
        '<div class="sv-coverage">',
        f"<p>{_share(n_lok, n_all, 'har en känd LÖK')}, {_share(n_iop, n_all, 'ett känt IOP')} "
        f"(idéburet offentligt partnerskap). För {count_words(n_none, 'kommun', 'kommuner')} känner "
        "Samverkansbasen inte till någon av dem: det betyder att ingen källa finns här ännu, inte att "
        "kommunen saknar en.</p>",
    ]
    for county_code in sorted(places.counties, key=lambda c: sort_key(places.counties[c].name)):
        county = places.counties[county_code]
        munis = sorted(places.municipalities_in(county_code), key=lambda m: sort_key(m.name))
        n = len(munis)
        lok = sum(1 for m in munis if cover[m.code]["lok"])
        iop = sum(1 for m in munis if cover[m.code]["iop"])
        none = sum(1 for m in munis if not cover[m.code]["lok"] and not cover[m.code]["iop"])
        out.append(f'<section class="sv-coverage-county" data-county="{county_code}">')
        out.append(f'<h{h} id="tackning-{county_code}"><a href="{esc(county_url(county_code))}">'
                   f"{esc(county.name)}</a></h{h}>")
        out.append(f"<p>{_share(lok, n, 'har en känd LÖK')}. {_share(iop, n, 'har ett känt IOP')}. "
                   f"{_share(none, n, 'har ingen känd LÖK eller IOP')}.</p>")
        out.append(f"<table><caption>Kommuner i {esc(county.name)}: känd LÖK och känt IOP</caption>"
                   '<thead><tr><th scope="col">Kommun</th><th scope="col">LÖK</th>'
                   '<th scope="col">IOP</th></tr></thead><tbody>')
        for m in munis:
            cells = []
            for kind in ("lok", "iop"):
                found = cover[m.code][kind]
                if found:
                    cells.append(f'<td class="sv-yes">ja{_record_links(found, url_for)}</td>')
                else:
                    cells.append('<td class="sv-none">ingen känd</td>')
            out.append(f'<tr data-municipality="{m.code}"><th scope="row">'
                       f'<a href="{esc(municipality_url(m.code))}">{esc(m.name)}</a></th>{"".join(cells)}</tr>')
        out.append("</tbody></table></section>")
    out.append("</div>")
    return "".join(out)


def agreements_with_principles(catalog: Catalog) -> tuple[list[Record], list[Record]]:
    """(agreements that list principles, agreements that list none), each in title order."""
    agreements = sorted(catalog.by_type.get("agreement", []), key=lambda r: (sort_key(r.title), r.id))
    with_p = [r for r in agreements if r.get("principles")]
    without = [r for r in agreements if not r.get("principles")]
    return with_p, without


def principles_matrix_html(catalog: Catalog, url_for: UrlFor) -> str:
    """Agreements (rows, linked) by the six principles (columns): "ja" or an empty cell.

    Only agreements that list their principles are rows; a note counts those that list none.
    An empty cell carries visually hidden text ("anges inte") for screen readers.
    """
    with_p, without = agreements_with_principles(catalog)
    out = ['<div class="sv-principles">']
    if with_p:
        out.append("<table><caption>De sex principerna i överenskommelserna: "
                   f"{count_words(len(with_p), 'överenskommelse', 'överenskommelser')} som anger vilka "
                   "principer de antar</caption><thead><tr><th scope=\"col\">Överenskommelse</th>")
        out += [f'<th scope="col">{esc(label)}</th>' for label in PRINCIPLE_LABELS.values()]
        out.append("</tr></thead><tbody>")
        for r in with_p:
            chosen = set(r.get("principles") or [])
            year = catalog.year(r)
            extra = f' <span class="sv-meta">({year})</span>' if year else ""
            row = [f'<tr data-record="{esc(r.id)}"><th scope="row"><a href="{esc(url_for(r))}">'
                   f"{esc(r.title)}</a>{extra}</th>"]
            for key in PRINCIPLE_LABELS:
                if key in chosen:
                    row.append(f'<td class="sv-yes" data-principle="{key}">ja</td>')
                else:
                    row.append(f'<td data-principle="{key}"><span class="{HIDDEN}">anges inte</span></td>')
            row.append("</tr>")
            out.append("".join(row))
        out.append('</tbody><tfoot><tr><th scope="row">Antal</th>')
        out += [f"<td>{sum(1 for r in with_p if key in (r.get('principles') or []))}</td>" for key in PRINCIPLE_LABELS]
        out.append("</tr></tfoot></table>")
    else:
        out.append("<p>Ingen överenskommelse i Samverkansbasen anger ännu vilka principer den antar.</p>")
    if without:
        out.append(f"<p>{count_words(len(without), 'överenskommelse', 'överenskommelser').capitalize()} "
                   f"anger inte vilka principer {'den' if len(without) == 1 else 'de'} antar "
                   f"({MISSING}).</p>")
    out.append("</div>")
    return "".join(out)
