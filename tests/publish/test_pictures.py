"""Pictures: year chart and table, county tile map, coverage tables, principles matrix, print CSS.

Every picture must parse as XML, carry its accessible names and links, agree with the
catalog's numbers and escape whatever text a record holds.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from itertools import combinations

import pytest

from samverkan.catalog.catalog import Catalog
from samverkan.vocabulary import PRINCIPLE_LABELS
from samverkan.publish.pictures import (county_agreement_counts, county_map_svg, coverage_table_html,
                                principles_matrix_html, year_chart_svg, year_chart_table)
from samverkan.publish.pictures._common import (CHART_TYPES, TYPE_COLOURS, WHITE, contrast, luminance, text_colour_on)
from samverkan.publish.pictures.countymap import SCALE, TILE_POSITIONS, county_bins



@pytest.fixture(scope="module")
def catalog(opendata_catalog) -> Catalog:
    return opendata_catalog

SVG = "{http://www.w3.org/2000/svg}"








def html_tree(fragment: str) -> ET.Element:
    """Our HTML fragments are well-formed XML too; wrapping them lets ElementTree check that."""
    return ET.fromstring(f"<root>{fragment}</root>")


def text_of(el: ET.Element) -> str:
    return "".join(el.itertext())


def assert_labelled(svg: ET.Element):
    ids = svg.get("aria-labelledby").split()
    found = {el.get("id"): el for el in svg.iter() if el.get("id")}
    assert [found[i].tag for i in ids] == [f"{SVG}title", f"{SVG}desc"]
    assert all(text_of(found[i]).strip() for i in ids)


# -- colours ---------------------------------------------------------------------------
def test_type_colours_contrast_with_white_and_each_other():
    for t in CHART_TYPES:
        assert contrast(TYPE_COLOURS[t], WHITE) >= 3, t
    for a, b in combinations(CHART_TYPES, 2):
        assert TYPE_COLOURS[a] != TYPE_COLOURS[b]


def test_map_scale_steps_and_tile_text_contrast():
    assert len(SCALE) >= 5  # "none" plus at least four steps
    lums = [luminance(c) for c in SCALE]
    assert lums == sorted(lums, reverse=True), "a sequential scale: each step darker"
    for fill in SCALE:
        assert contrast(text_colour_on(fill), fill) >= 4.5, fill
    assert contrast("#595959", WHITE) >= 3  # tile outlines, so a pale tile is still visible


def test_county_bins_cover_every_count():
    for maximum in (0, 1, 3, 4, 5, 11, 40, 401):
        bins = county_bins(maximum)
        assert len(bins) == 5 and bins[0] == (0, 0) and bins[-1][1] is None
        for (_, hi), (lo, _) in zip(bins, bins[1:]):
            assert lo == hi + 1


# -- year chart -------------------------------------------------------------------------
def test_year_chart_links_names_and_numbers(catalog, year_url):
    svg = ET.fromstring(year_chart_svg(catalog, year_url))
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "group"  # it holds links, which role="img" would hide
    assert_labelled(svg)
    links = svg.findall(f".//{SVG}a")
    dated_years = sorted(catalog.by_year)
    assert [a.get("href") for a in links] == [year_url(y) for y in dated_years]
    for a, y in zip(links, dated_years):
        n = len(catalog.by_year[y])
        label = a.get("aria-label")
        assert label.startswith(f"{y}: {n} post")
        assert a.find(f"{SVG}title").text == label
    assert next(a for a in links if a.get("href") == year_url(2019)).get("aria-label") == \
        "2019: 2 poster (1 överenskommelse, 1 riksdags- eller regeringsdokument)"
    # Years without records still stand on the axis, unlinked.
    assert "2009" in text_of(svg) and year_url(2009) not in [a.get("href") for a in links]
    desc = svg.find(f"{SVG}desc").text
    assert "2008–2022" in desc and "utan datum ingår inte" in desc


def test_year_chart_legend_names_every_type_in_text(catalog, year_url):
    svg = ET.fromstring(year_chart_svg(catalog, year_url))
    legend = svg.find(f".//{SVG}g[@class='sv-legend']")
    assert [t.text for t in legend.findall(f"{SVG}text")] == [
        "Överenskommelser (5)", "Samråd och möten (1)", "Rapporter (1)", "Riksdags- och regeringsdokument (1)"]
    patterns = {p.get("id") for p in svg.iter(f"{SVG}pattern")}
    assert {"sv-years-pat-consultation", "sv-years-pat-report", "sv-years-pat-document"} <= patterns


def test_year_chart_without_links_is_an_image(catalog):
    svg = ET.fromstring(year_chart_svg(catalog, id_prefix="other"))
    assert svg.get("role") == "img"
    assert svg.findall(f".//{SVG}a") == []
    assert svg.get("aria-labelledby") == "other-title other-desc"


def test_year_table_has_the_same_numbers(catalog, year_url):
    table = html_tree(year_chart_table(catalog, year_url)).find("table")
    assert table.find("caption").text == "Antal poster per år och typ"
    assert all(th.get("scope") == "col" for th in table.find("thead").iter("th"))
    body = table.find("tbody").findall("tr")
    assert [int(text_of(tr.find("th"))) for tr in body] == list(range(2008, 2023))
    for tr in body:
        y = int(text_of(tr.find("th")))
        assert tr.find("th").get("scope") == "row"
        cells = [int(td.text) for td in tr.findall("td")]
        expected = Counter(r.type for r in catalog.by_year.get(y, []))
        assert cells == [expected[t] for t in CHART_TYPES] + [sum(expected.values())]
        link = tr.find("th/a")
        assert (link is not None) == bool(expected)
    total = [int(td.text) for td in table.find("tfoot/tr").findall("td")]
    assert total[-1] == sum(len(v) for v in catalog.by_year.values())


def test_single_year_variant(catalog, year_url):
    svg = ET.fromstring(year_chart_svg(catalog, year_url, year=2019, id_prefix="y2019"))
    assert svg.get("role") == "img"
    assert_labelled(svg)
    assert svg.find(f"{SVG}title").text == "Poster år 2019 per slag"
    assert "LÖK 1" in svg.find(f"{SVG}desc").text and "motion 1" in svg.find(f"{SVG}desc").text
    table = html_tree(year_chart_table(catalog, year=2019)).find("table")
    assert [text_of(tr.find("th")) for tr in table.find("tbody").findall("tr")] == ["LÖK", "motion"]
    assert year_chart_svg(catalog, year=1999) == "" and year_chart_table(catalog, year=1999) == ""


def test_empty_catalog_draws_nothing(catalog, build_date, county_url, year_url):
    empty = Catalog([], catalog.places, build_date)
    assert year_chart_svg(empty, year_url) == "" and year_chart_table(empty) == ""
    svg = ET.fromstring(county_map_svg(empty, county_url))
    assert len(svg.findall(f".//{SVG}a")) == 21


# -- county map -------------------------------------------------------------------------
def test_tile_positions_follow_the_map(catalog):
    assert set(TILE_POSITIONS) == set(catalog.places.counties)
    assert len(set(TILE_POSITIONS.values())) == 21, "two län on one tile"
    rows = {code: row for code, (_, row) in TILE_POSITIONS.items()}
    assert rows["25"] == 0 and rows["12"] == max(rows.values())  # Norrbotten top, Skåne bottom


def test_county_map_links_and_names(catalog, county_url):
    svg = ET.fromstring(county_map_svg(catalog, county_url))
    assert_labelled(svg)
    links = svg.findall(f".//{SVG}a")
    assert sorted(a.get("href") for a in links) == sorted(county_url(c) for c in catalog.places.counties)
    names = {a.get("data-county"): a.get("aria-label") for a in links}
    assert names["19"] == "Västmanlands län: 3 överenskommelser"
    assert names["03"] == "Uppsala län: 1 överenskommelse"
    assert names["12"] == "Skåne län: 1 överenskommelse"
    assert names["25"] == "Norrbottens län: 0 överenskommelser"
    counts = county_agreement_counts(catalog)
    for a in links:
        code = a.get("data-county")
        texts = [t.text for t in a.findall(f"{SVG}text")]
        assert texts == [catalog.places.counties[code].short_name, str(counts[code])]
        fill = a.find(f"{SVG}rect").get("fill")
        ink = a.find(f"{SVG}text").get("fill")
        assert contrast(fill, ink) >= 4.5
    desc = svg.find(f"{SVG}desc").text
    assert "1 överenskommelse gäller hela landet" in desc
    legend = svg.find(f".//{SVG}g[@class='sv-legend']")
    assert len(legend.findall(f"{SVG}rect")) == 5


# -- coverage -----------------------------------------------------------------------------
def test_coverage_tables(catalog, url_for, municipality_url, county_url):
    root = html_tree(coverage_table_html(catalog, municipality_url, county_url, url_for=url_for))
    sections = root.findall(".//section")
    assert len(sections) == 21
    rows = root.findall(".//tbody/tr")
    assert len(rows) == 290
    by_code = {tr.get("data-municipality"): tr for tr in rows}
    vasteras = by_code["1980"]
    assert vasteras.find("th").get("scope") == "row"
    assert vasteras.find("th/a").get("href") == municipality_url("1980")
    lok, iop = vasteras.findall("td")
    assert text_of(lok).startswith("ja") and text_of(iop).startswith("ja")
    assert [a.get("href") for a in lok.findall("a")] == [url_for(catalog.by_id["test-lok-vasteras"]),
                                                         url_for(catalog.by_id["test-lok-vasteras-2012"])]
    uppsala = by_code["0380"]
    assert [text_of(td) for td in uppsala.findall("td")][0] == "ingen känd"
    assert text_of(uppsala.findall("td")[1]).startswith("ja")
    assert [text_of(td) for td in by_code["0114"].findall("td")] == ["ingen känd", "ingen känd"]
    vm = next(s for s in sections if s.get("data-county") == "19")
    assert vm.find("h2/a").get("href") == county_url("19")
    summary = text_of(vm.find("p"))
    assert "1 av 10 kommuner har en känd LÖK" in summary
    assert "9 av 10 kommuner har ingen känd LÖK eller IOP" in summary
    assert vm.find("table/caption").text.startswith("Kommuner i Västmanlands län")
    for s in sections:
        n = len(catalog.places.municipalities_in(s.get("data-county")))
        assert len(s.findall(".//tbody/tr")) == n
        text = text_of(s.find("p"))
        # Natural Swedish: a län of one kommun (Gotland) is not "0 av 1 kommuner".
        assert ("Länets enda kommun" in text) if n == 1 else (f"av {n} kommuner" in text or f"av de {n} kommunerna" in text)
        assert "av 1 kommuner" not in text


def test_coverage_without_record_links(catalog, municipality_url, county_url):
    root = html_tree(coverage_table_html(catalog, municipality_url, county_url, heading_level=3))
    assert len(root.findall(".//h3")) == 21
    vasteras = next(tr for tr in root.iter("tr") if tr.get("data-municipality") == "1980")
    assert [text_of(td) for td in vasteras.findall("td")] == ["ja", "ja"]


# -- principles matrix ------------------------------------------------------------------------
def test_principles_matrix_rows_and_cells(catalog, url_for):
    root = html_tree(principles_matrix_html(catalog, url_for))
    table = root.find(".//table")
    assert "De sex principerna" in table.find("caption").text
    heads = [th.text for th in table.find("thead").iter("th")]
    assert heads == ["Överenskommelse"] + list(PRINCIPLE_LABELS.values())
    rows = table.find("tbody").findall("tr")
    with_principles = {r.id for r in catalog.by_type["agreement"] if r.get("principles")}
    assert {tr.get("data-record") for tr in rows} == with_principles == {
        "test-lok-vasteras", "test-regional-skane", "test-hostile"}
    for tr in rows:
        r = catalog.by_id[tr.get("data-record")]
        assert tr.find("th").get("scope") == "row"
        assert tr.find("th/a").get("href") == url_for(r)
        assert tr.find("th/a").text == r.title
        for td in tr.findall("td"):
            if td.get("data-principle") in r.get("principles"):
                assert td.text == "ja"
            else:
                assert td.find("span").get("class") == "sv-visually-hidden"
                assert td.find("span").text == "anges inte"
    totals = [int(td.text) for td in table.find("tfoot/tr").findall("td")]
    assert totals == [sum(1 for r in catalog.by_type["agreement"] if k in (r.get("principles") or []))
                      for k in PRINCIPLE_LABELS]
    assert "3 överenskommelser anger inte vilka principer de antar" in text_of(root)


# -- escaping -----------------------------------------------------------------------------------
def test_hostile_text_is_escaped_everywhere(catalog, url_for, municipality_url, county_url, year_url):
    outputs = [
        year_chart_svg(catalog, year_url), year_chart_table(catalog, year_url),
        county_map_svg(catalog, county_url),
        coverage_table_html(catalog, municipality_url, county_url, url_for=url_for),
        principles_matrix_html(catalog, url_for),
    ]
    for out in outputs:
        assert "<script" not in out
        assert "<b>" not in out and "<img" not in out
    matrix = principles_matrix_html(catalog, url_for)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in matrix
    coverage = coverage_table_html(catalog, municipality_url, county_url, url_for=url_for)
    assert "&lt;script&gt;" in coverage


def test_urls_are_escaped_in_attributes(catalog, example_site):
    odd = lambda code: f'{example_site}lan/{code}/?a=1&b="x"<'  # noqa: E731
    svg = county_map_svg(catalog, odd)
    tree = ET.fromstring(svg)
    assert tree.find(f".//{SVG}a").get("href").endswith('?a=1&b="x"<')


# -- print stylesheet -----------------------------------------------------------------------------
def test_print_css(repo_root):
    css = (repo_root / "overrides" / "assets" / "stylesheets" / "samverkan-pictures.css").read_text("utf-8")
    PRINT_CSS = css[css.index("@media print"):]
    assert PRINT_CSS.lstrip().startswith("@media print")
    assert PRINT_CSS.count("{") == PRINT_CSS.count("}")
    assert re.search(r'a\[href\^="http"\]::after\s*\{\s*content:\s*" \(" attr\(href\) "\)"', PRINT_CSS)
    for selector in (".md-header", ".md-sidebar", ".md-footer", ".md-tabs"):
        assert selector in PRINT_CSS
    assert "color: #000" in PRINT_CSS


# -- the real data ------------------------------------------------------------------------------------
def test_real_data_pictures(real_catalog, url_for, year_url, county_url, municipality_url):
    svg = ET.fromstring(year_chart_svg(real_catalog, year_url) or "<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert len(svg.findall(f".//{SVG}a")) == len(real_catalog.by_year)
    table = year_chart_table(real_catalog, year_url)
    if table:
        body = html_tree(table).find("table/tbody")
        assert sum(int(tr.findall("td")[-1].text) for tr in body.findall("tr")) == \
            sum(len(v) for v in real_catalog.by_year.values())
    m = ET.fromstring(county_map_svg(real_catalog, county_url))
    assert len(m.findall(f".//{SVG}a")) == 21
    matrix = html_tree(principles_matrix_html(real_catalog, url_for))
    assert len(matrix.findall(".//tbody/tr")) == sum(
        1 for r in real_catalog.by_type.get("agreement", []) if r.get("principles"))
    cover = html_tree(coverage_table_html(real_catalog, municipality_url, county_url, url_for=url_for))
    assert len(cover.findall(".//tbody/tr")) == 290
    for y in real_catalog.by_year:
        ET.fromstring(year_chart_svg(real_catalog, year_url, year=y, id_prefix=f"y{y}") or "<svg/>")
