"""The pictures in the built site, as a visitor sees and hears them.

Charts, the län map, the coverage and principles pages: where they appear, that their
numbers agree with the catalog and their links lead to built pages; then, in Chromium on
the served real site, their accessible names, a click from the map to a län, no axe
violations, and a record page on paper without the navigation.
"""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest

from samverkan.catalog.catalog import load_catalog
from samverkan.catalog.coverage import municipality_coverage
from samverkan.publish.pictures import county_agreement_counts
from samverkan.pages import urls
from samverkan.read.project import Project

pytestmark = pytest.mark.slow

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def catalog(repo_root):
    return load_catalog(Project.at(repo_root), dt.date.today())


@pytest.fixture(scope="module")
def busiest_year(catalog) -> int:
    return max(catalog.by_year, key=lambda y: (len(catalog.by_year[y]), y))


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def svgs(html: str, css_class: str) -> list[ET.Element]:
    found = re.findall(rf'<svg [^>]*class="sv-chart {css_class}".*?</svg>', html, re.S)
    return [ET.fromstring(s) for s in found]


def resolves(site: Path, from_url: str, href: str) -> bool:
    target = urljoin("https://x/" + from_url, href)[len("https://x/"):].split("#")[0]
    return (site / target / "index.html").is_file()


# -- where the pictures are and what they say ------------------------------------------------

def test_start_page_has_the_year_chart_and_the_map(real_site, catalog):
    html = page(real_site, "")
    [chart] = svgs(html, "sv-year-chart")
    [tiles_svg] = svgs(html, "sv-county-map")
    assert chart.get("role") == "group" and tiles_svg.get("role") == "group"
    bars = chart.findall(f"{SVG}a")
    assert {a.get("href") for a in bars} == {"./" + urls.year_url(y) for y in catalog.by_year}
    assert all(resolves(real_site, "", a.get("href")) for a in bars)
    # The numbers behind the chart, as a table.
    assert "<caption>Antal poster per år och typ</caption>" in html
    tiles = tiles_svg.findall(f"{SVG}a")
    assert len(tiles) == 21
    counts = county_agreement_counts(catalog)
    for a in tiles:
        county = catalog.places.counties[a.get("data-county")]
        assert a.get("href") == "./" + urls.county_url(county)
        assert resolves(real_site, "", a.get("href"))
        n = counts[county.code]
        assert a.get("aria-label") == f"{county.name}: {n} överenskommelse{'' if n == 1 else 'r'}"


def test_year_pages_have_their_chart_and_table(real_site, catalog, busiest_year):
    for year in catalog.by_year:
        html = page(real_site, urls.year_url(year))
        [chart] = svgs(html, "sv-year-chart")
        assert chart.get("role") == "img"
        title = chart.find(f"{SVG}title").text
        assert title == f"Poster år {year} per slag"
        assert f"<caption>Poster år {year} per slag</caption>" in html
    table = page(real_site, urls.year_url(busiest_year)).split(f"<caption>Poster år {busiest_year} per slag</caption>")[1]
    total = re.search(r'<tfoot><tr><th scope="row">Totalt</th><td></td><td>(\d+)</td>', table)[1]
    assert int(total) == sum(1 for r in catalog.by_year[busiest_year] if r.type != "organisation")
    # The year index shows the whole chart above its table of years.
    assert len(svgs(page(real_site, urls.YEARS), "sv-year-chart")) == 1


def test_lan_index_has_the_map_and_leads_to_coverage(real_site):
    html = page(real_site, urls.COUNTIES)
    assert len(svgs(html, "sv-county-map")) == 1
    assert 'href="../tackning/"' in html


def test_coverage_page_answers_which_kommuner_have_a_lok_or_iop(real_site, catalog):
    html = page(real_site, urls.COVERAGE)
    cover = municipality_coverage(catalog)
    rows = re.findall(r'<tr data-municipality="(\d{4})">(.*?)</tr>', html, re.S)
    assert len(rows) == len(catalog.places.municipalities) == 290
    for code, row in rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        for kind, cell in zip(("lok", "iop"), cells):
            if cover[code][kind]:
                assert cell.startswith("ja")
                for r in cover[code][kind]:
                    assert f'href="../{urls.record_url(r)}"' in cell
            else:
                assert cell == "ingen känd"
    with_lok = sum(1 for c in cover.values() if c["lok"])
    assert f"{with_lok} av 290 kommuner har en känd LÖK" in html
    # Reached from the nav and from the län index; each län's page has its part.
    assert 'href="tackning/"' in page(real_site, "")  # the nav on the start page
    assert 'href="../../tackning/#tackning-19"' in page(real_site, "lan/19-vastmanland/")
    assert 'id="tackning-19"' in html


def test_principles_page_is_a_matrix_of_agreements(real_site, catalog):
    html = page(real_site, urls.PRINCIPLES)
    agreements = catalog.by_type["agreement"]
    listed = {r.id for r in agreements if r.get("principles")}
    assert set(re.findall(r'<tr data-record="([^"]+)">', html)) == listed
    assert f"{len(agreements) - len(listed)} överenskommelser anger inte vilka principer" in html
    for r in agreements:
        if r.id in listed:
            assert f'href="../{urls.record_url(r)}"' in html
    assert 'href="../principer/"' in page(real_site, urls.type_url("agreement"))
    assert 'href="principer/"' in page(real_site, "")  # the nav


def test_pictures_load_nothing_from_elsewhere(real_site):
    for url in ["", urls.YEARS, urls.COUNTIES, urls.COVERAGE, urls.PRINCIPLES]:
        html = page(real_site, url)
        assert "<img" not in html[html.index('<article'):html.index("</article>")], url
    css = (real_site / "assets" / "stylesheets" / "samverkan-pictures.css").read_text("utf-8")
    assert "@media print" in css and "url(" not in css


# -- in a browser ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base(real_site, served_site) -> str:
    return served_site(real_site)


@pytest.mark.browser
def test_map_and_chart_have_names_and_lead_to_their_pages(base, browser_page, catalog, busiest_year):
    from playwright.sync_api import expect

    pg = browser_page
    pg.goto(base)
    chart = pg.get_by_role("group", name=re.compile(r"^Poster per år och typ Staplat stapeldiagram"))
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 300
    county_map = pg.get_by_role("group", name=re.compile(r"^Överenskommelser per län Sveriges 21 län"))
    expect(county_map).to_be_visible()
    n = county_agreement_counts(catalog)["19"]
    tile = county_map.get_by_role("link", name=f"Västmanlands län: {n} överenskommelse{'' if n == 1 else 'r'}")
    expect(tile).to_be_visible()
    tile.click()
    pg.wait_for_url(base + "lan/19-vastmanland/")
    expect(pg.get_by_role("heading", level=1)).to_have_text("Västmanlands län")

    pg.goto(base)
    bar = pg.get_by_role("link", name=re.compile(rf"^{busiest_year}: \d+ poster"))
    expect(bar).to_have_count(1)
    bar.click()
    pg.wait_for_url(base + urls.year_url(busiest_year))
    expect(pg.get_by_role("img", name=re.compile(rf"^Poster år {busiest_year} per slag Stapeldiagram"))).to_be_visible()
    # The numbers behind the chart: a table behind a summary a keyboard or screen reader opens.
    table = pg.get_by_role("table", name=f"Poster år {busiest_year} per slag")
    expect(table).to_be_hidden()
    pg.get_by_text("Siffrorna i diagrammet som tabell").click()
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader")).to_have_text(["Slag", "Typ", "Antal"])


@pytest.mark.browser
def test_no_axe_violations_on_the_pictures_pages(base, browser_page, busiest_year):
    from browser_checks import axe_violations, describe

    found = []
    for url in ["", urls.year_url(busiest_year), urls.YEARS, urls.COUNTIES, "lan/19-vastmanland/",
                urls.COVERAGE, urls.PRINCIPLES, urls.DOWNLOADS, "overenskommelser/lok-vasteras/"]:
        response = browser_page.goto(base + url)
        assert response.status == 200, url
        found += [describe(v, url or "/") for v in axe_violations(browser_page)]
    assert not found, "\n".join(found)


@pytest.mark.browser
def test_a_record_page_prints_without_navigation(base, browser_page, site_url):
    pg = browser_page
    pg.goto(base + "overenskommelser/lok-vasteras/")
    assert pg.locator(".md-sidebar--primary").is_visible()
    assert not pg.locator(".sv-print-only").is_visible()
    pg.emulate_media(media="print")
    for hidden in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".sv-crumbs"]:
        assert not pg.locator(hidden).first.is_visible(), hidden
    assert pg.locator("h1").is_visible()
    address = pg.locator(".sv-print-only")
    assert address.is_visible() and site_url + "overenskommelser/lok-vasteras/" in address.inner_text()
    # An outside link (a source) prints its address after it.
    after = pg.evaluate("""() => {
        const a = document.querySelector('.sv-sources a[href^="http"]');
        return [a.getAttribute('href'), getComputedStyle(a, '::after').content];
    }""")
    assert after[1] == '" (" attr(href) ")"' or after[0] in after[1], after


@pytest.mark.browser
def test_pages_with_pictures_and_the_feed_link_request_nothing_more(base, browser_page):
    """No request leaves the site, and the feed link does not make Material fetch a sitemap."""
    from browser_checks import outside_requests

    pg = browser_page
    for url in ["", urls.COVERAGE, "overenskommelser/lok-vasteras/"]:
        pg.goto(base + url)
        pg.wait_for_load_state("networkidle")
    assert pg.requests
    assert outside_requests(pg.requests, base) == []
    assert not [u for u in pg.requests if "sitemap" in u]
