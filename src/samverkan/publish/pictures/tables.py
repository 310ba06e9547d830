"""Tables that answer "where is there an agreement?" and "which principles does it adopt?" (templates/)."""
from __future__ import annotations

from typing import Callable

from samverkan.catalog.catalog import Catalog
from samverkan.publish.opendata import UrlFor
from samverkan.vocabulary import MISSING, PRINCIPLE_LABELS, sort_key
from samverkan.read.records import Record
from samverkan.catalog.coverage import COVERAGE_KINDS, coverage_counts, municipality_coverage
from samverkan.publish.pictures.render import render

CodeUrl = Callable[[str], str]
HIDDEN = "sv-visually-hidden"


def coverage_table_html(catalog: Catalog, municipality_url: CodeUrl, county_url: CodeUrl, *,
                        url_for: UrlFor | None = None, heading_level: int = 2) -> str:
    """Per län: a table of its kommuner with a known LÖK and a known IOP (yes / none known).

    Absence here means only that Samverkansbasen knows of none: the cells say "ingen känd",
    never "nej". With url_for, a "ja" cell links the agreements themselves.
    """
    places = catalog.places
    cover = municipality_coverage(catalog)
    counties = []
    for code in sorted(places.counties, key=lambda c: sort_key(places.counties[c].name)):
        munis = sorted(places.municipalities_in(code), key=lambda m: sort_key(m.name))
        counties.append({
            "code": code, "name": places.counties[code].name, "url": county_url(code),
            "counts": coverage_counts(cover, (m.code for m in munis)),
            "municipalities": [{"code": m.code, "name": m.name, "url": municipality_url(m.code),
                                "cells": [cover[m.code][kind] for kind in COVERAGE_KINDS]} for m in munis],
        })
    return render("coverage.html", total=coverage_counts(cover, cover), counties=counties, url_for=url_for,
                  h=max(2, min(6, heading_level)))


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
    rows = [{"record": r, "url": url_for(r), "year": catalog.year(r), "chosen": set(r.get("principles") or [])}
            for r in with_p]
    totals = {key: sum(1 for r in with_p if key in (r.get("principles") or [])) for key in PRINCIPLE_LABELS}
    return render("principles.html", rows=rows, without=len(without), principles=PRINCIPLE_LABELS,
                  totals=totals, hidden=HIDDEN, missing=MISSING)
