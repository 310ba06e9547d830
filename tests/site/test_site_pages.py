"""The built site, read as a visitor would: pages, links both ways, status, escaping."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from samverkan.read.records import TYPE_FOLDERS, folder_type_of, record_files

pytestmark = pytest.mark.slow

SEGMENT = {"agreement": "overenskommelser", "consultation": "samrad", "report": "rapporter",
           "document": "dokument", "organisation": "organisationer"}


class _Text(HTMLParser):
    """The links (href -> text) and visible text of one element of a page (by id or the main content)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}
        self.text: list[str] = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self.links.setdefault(self._href, "")

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None

    def handle_data(self, data):
        self.text.append(data)
        if self._href is not None:
            self.links[self._href] += data


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def main(html: str) -> str:
    """The content area of a page (no header, navigation or footer)."""
    start = html.index('<div class="md-content"')
    return html[start:html.index('<footer class="md-footer"', start)]


def parse(html: str) -> _Text:
    p = _Text()
    p.feed(main(html))
    return p


def section(html: str, heading_id: str) -> str:
    """The HTML from <h2 id=heading_id> to the next <h2>."""
    start = html.index(f'<h2 id="{heading_id}"')
    end = html.find("<h2", start + 4)
    return html[start:end if end != -1 else len(html)]


def record_urls(data_dir: Path) -> list[str]:
    return [f"{SEGMENT[folder_type_of(p)]}/{p.stem}/" for p in record_files(data_dir)]


# -- one page per record, per län, per kommun ----------------------------------------

@pytest.mark.parametrize("which, data", [("fixture_site", "fixture_data"), ("real_site", "real_data")])
def test_one_page_per_record_and_place(which, data, request):
    site = request.getfixturevalue(which)
    data_dir = request.getfixturevalue(data)
    urls = record_urls(data_dir)
    assert urls, "no records found"
    for url in urls:
        assert (site / url / "index.html").is_file(), url
    for folder, t in TYPE_FOLDERS.items():
        built = {p.name for p in (site / SEGMENT[t]).iterdir() if p.is_dir()}
        expected = {Path(u).name for u in urls if u.startswith(SEGMENT[t] + "/")}
        assert built == expected, f"{SEGMENT[t]}: extra {built - expected}, missing {expected - built}"
    assert len([p for p in (site / "lan").iterdir() if p.is_dir()]) == 21
    assert len([p for p in (site / "kommun").iterdir() if p.is_dir()]) == 290


def test_nothing_is_generated_into_docs(real_site, repo_root):
    docs = repo_root / "docs"
    assert all(p.suffix == ".md" or p.name.startswith(".") for p in docs.rglob("*") if p.is_file())
    assert not (docs / "overenskommelser").exists() and not (docs / "kommun").exists()


def test_record_pages_stay_out_of_the_nav(fixture_site):
    html = page(fixture_site, "")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):html.index("</nav>", html.index('md-nav--primary'))]
    assert "test-lok-vasteras" not in html[:html.index('<div class="md-content"')]
    assert "overenskommelser/" in nav and "kommun/" in nav


def test_swedish_and_private(fixture_site):
    html = page(fixture_site, "overenskommelser/test-lok-vasteras-3")
    assert '<html lang="sv"' in html
    assert "fonts.googleapis" not in html
    # The header's repository link must not fetch stars from api.github.com.
    assert 'data-md-component="source"' not in html


# -- a record page -------------------------------------------------------------------

def test_record_facts_links_and_lineage(fixture_site):
    html = page(fixture_site, "overenskommelser/test-lok-vasteras-3")
    links = parse(html).links
    for href in ["../../organisationer/test-kommun-vasteras/", "../../organisationer/test-forening/",
                 "../../kommun/1980-vasteras/", "../../lan/19-vastmanland/", "../../slag/lok/",
                 "../../overenskommelser/", "../../tema/social-valfard/", "../../tema/integration/",
                 "../../overenskommelser/test-lok-vasteras-2/", "https://example.org/lok/3",
                 "https://example.org/lok/3.pdf"]:
        assert href in links, href
    facts = section(html, "fakta")
    assert '<th scope="row">Parter</th>' in facts and "undertecknare" not in facts  # v3's parties are both "part"
    assert "från januari 2020 till och med december 2030" in facts
    assert "Öppenhet och insyn" in facts
    # Year page: the record is dated 2019-12-10 (date wins over valid_from).
    assert 'data-pagefind-filter="ar:2019"' in html
    assert "test-lok-vasteras-3/" in page(fixture_site, "ar/2019")


def test_lineage_reads_as_a_chain(fixture_site):
    v2 = section(page(fixture_site, "overenskommelser/test-lok-vasteras-2"), "versioner")
    assert "ersätter" in v2 and "test-lok-vasteras-1/" in v2
    assert "har ersatts av" in v2 and "test-lok-vasteras-3/" in v2
    chain = re.findall(r"test-lok-vasteras-(\d)/|<strong aria-current", v2[v2.index("<ol"):])
    assert chain == ["1", "", "3"]  # 1.0, this version, 3.0: oldest first
    v3 = section(page(fixture_site, "overenskommelser/test-lok-vasteras-3"), "versioner")
    assert "har ersatts av" not in v3 and "test-lok-vasteras-2/" in v3


def test_links_back_hanvisas_fran(fixture_site):
    national = section(page(fixture_site, "overenskommelser/test-nationell"), "hanvisas-fran")
    assert "../../samrad/test-samrad-2019/" in national and "relaterad" in national
    v3 = section(page(fixture_site, "overenskommelser/test-lok-vasteras-3"), "hanvisas-fran")
    assert "../../rapporter/test-rapport/" in v3
    v1 = section(page(fixture_site, "overenskommelser/test-lok-vasteras-1"), "hanvisas-fran")
    assert "../../overenskommelser/test-lok-vasteras-2/" in v1 and "Ersätter denna post" in v1
    alone = section(page(fixture_site, "overenskommelser/test-minimal"), "hanvisas-fran")
    assert "Inga andra poster hänvisar hit ännu." in alone


def test_organisation_page_lists_the_records_naming_it(fixture_site):
    html = page(fixture_site, "organisationer/test-forening")
    party = section(html, "part-i")
    assert "test-lok-vasteras-1/" in party and "test-lok-vasteras-3/" in party
    assert "test-lok-vasteras-2/" not in party
    assert "../../rapporter/test-rapport/" in section(html, "namns-i")
    assert "https://example.org/forening" in section(html, "fakta")
    lonely = page(fixture_site, "organisationer/test-ensam-organisation")
    assert "inte part i någon post" in lonely and "Ingen annan post nämner organisationen" in lonely


def test_unknown_facts_say_uppgift_saknas(fixture_site):
    facts = section(page(fixture_site, "overenskommelser/test-minimal"), "fakta")
    for label in ["Parter", "Giltighetstid", "Nivå", "Län", "Kommun", "Principer", "Teman"]:
        row = re.search(rf'<th scope="row">{label}</th><td>(.*?)</td></tr>', facts, re.S)
        assert row and "uppgift saknas" in row[1], label
    sources = section(page(fixture_site, "overenskommelser/test-minimal"), "kallor")
    assert "Testkälla utan adress" in sources and "<a href" not in sources


def test_derived_status_as_of_build_date(fixture_site):
    expected = {"test-lok-vasteras-3": "gällande", "test-lok-vasteras-2": "upphört",  # replaced by 3.0
                "test-lok-vasteras-1": "upphört", "test-iop-upphord": "upphört",  # ended 2020-06-30
                "test-iop-okand": "okänd", "test-iop-framtida": "okänd", "test-minimal": "okänd"}
    for rid, status in expected.items():
        html = page(fixture_site, f"overenskommelser/{rid}")
        assert f'data-pagefind-filter="status:{status}">{status}</span>' in html, rid
    assert "ska börja gälla 2031" in page(fixture_site, "overenskommelser/test-iop-framtida")
    assert "Status bedömd 1 januari 2025" in page(fixture_site, "overenskommelser/test-lok-vasteras-3")


def test_status_follows_the_build_date(built_site, fixture_data):
    # In 2031 version 3.0 has ended (valid to December 2030) and the future IOP is in force.
    site = built_site(fixture_data, "1956528000")  # 1 January 2032
    assert 'status:upphört">upphört' in page(site, "overenskommelser/test-lok-vasteras-3")
    assert 'status:gällande">gällande' in page(site, "overenskommelser/test-iop-framtida")


def test_edit_link_points_at_the_data_file(fixture_site):
    html = page(fixture_site, "overenskommelser/test-lok-vasteras-3")
    edit = "https://github.com/samverkansbasen/samverkansbasen/edit/main/data/agreements/test-lok-vasteras-3.yaml"
    assert f'href="{edit}">Föreslå ändring av posten på GitHub</a>' in html
    assert f'href="{edit}" title="Redigera sidan"' in html  # Material's own edit button agrees
    md = page(fixture_site, "samrad/test-samrad-2019")
    assert "/edit/main/data/consultations/test-samrad-2019.md" in md
    assert "/edit/main/docs/om.md" in page(fixture_site, "om")
    assert "Föreslå ändring" not in page(fixture_site, "kommun/1980-vasteras")


def test_pagefind_attributes_only_on_records(fixture_site):
    html = page(fixture_site, "overenskommelser/test-lok-vasteras-3")
    assert html.count("data-pagefind-body") == 1
    for f in ["typ:Överenskommelse", "kind:Lokal överenskommelse (LÖK)", "lan:Västmanlands län",
              "kommun:Västerås", "tema:integration", "status:gällande", "ar:2019"]:
        assert f'data-pagefind-filter="{f}"' in html, f
    assert 'data-pagefind-meta="title"' in html and 'data-pagefind-meta="summary"' in html
    assert 'data-pagefind-meta="date:2019-12-10"' in html
    # One sort key for every record, its place in newest-first order (views.Views.sort_keys).
    assert re.search(r'data-pagefind-sort="nyast:\d+"', html) and "data-pagefind-sort=\"date:" not in html
    for listing in ["", "kommun/1980-vasteras", "lan/19-vastmanland", "overenskommelser", "ar/2019"]:
        assert "data-pagefind-body" not in page(fixture_site, listing), listing


# -- escaping ------------------------------------------------------------------------

def test_record_text_is_escaped(fixture_site):
    html = page(fixture_site, "overenskommelser/test-script")
    # The head's JSON-LD repeats the record's text as JSON, with '<', '>' and '&' as \u escapes
    # (samverkan.publish.jsonld): inert inside its script element, and checked as such here.
    jsonld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(jsonld) == 1 and "<" not in jsonld[0] and ">" not in jsonld[0]
    html = html.replace(jsonld[0], "")
    assert "<script>alert" not in html and "onerror=alert" not in html.replace("&lt;img src=x onerror=alert", "")
    assert "<h1 data-pagefind-meta=\"title\">&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; - Samverkansbasen</title>" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html  # the body's script is text
    assert "javascript:" not in html
    assert "&lt;b&gt;fetstil&lt;/b&gt;" in html and "<b>fetstil</b>" not in html
    assert "<img" not in main(html) and 'href="https://example.org/bild.png"' in html  # image -> link
    assert "<div onclick" not in html
    # Listings that show the title escape it too.
    for listing in ["kommun/1980-vasteras", "overenskommelser", ""]:
        assert "<script>alert(1)" not in page(fixture_site, listing)


# -- places --------------------------------------------------------------------------

def test_kommun_page_lists_own_and_also_applying_records(fixture_site):
    html = page(fixture_site, "kommun/1880-orebro")
    own = html[html.index('<h2 id="overenskommelser"'):html.index('<h2 id="galler-ocksa-har"')]
    assert "test-iop-upphord/" in own and "test-regional-orebro/" not in own
    also = html[html.index('<h2 id="galler-ocksa-har"'):]
    assert "../../overenskommelser/test-regional-orebro/" in also
    assert "../../overenskommelser/test-nationell/" in also and "../../samrad/test-samrad-2019/" in also
    assert "../../lan/18-orebro/" in html
    # ... and the record links back to the län, whose page lists it as regional.
    assert "../../lan/18-orebro/" in page(fixture_site, "overenskommelser/test-regional-orebro")
    assert "test-regional-orebro/" in section(page(fixture_site, "lan/18-orebro"), "regionala-poster")


def test_empty_kommun_says_nothing_is_known_yet(fixture_site):
    html = page(fixture_site, "kommun/2506-arjeplog")
    assert "Samverkansbasen känner ännu inte till någon överenskommelse" in html
    assert '<a href="../../bidra/">Så lägger du till en post</a>' in html
    assert "test-nationell/" in html  # national records still apply


def test_county_page_lists_its_kommuner_with_counts(fixture_site):
    html = section(page(fixture_site, "lan/19-vastmanland"), "kommuner")
    assert re.search(r'href="../../kommun/1980-vasteras/">Västerås</a></th><td>7</td>', html)
    assert html.count("../../kommun/") == 10  # Västmanland has ten kommuner


def test_year_type_theme_and_kind_pages(fixture_site):
    assert "test-samrad-2019/" in page(fixture_site, "ar/2019")
    assert "test-lok-vasteras-3/" in page(fixture_site, "tema/integration")
    assert "test-iop-okand/" in page(fixture_site, "slag/iop")
    assert "test-motion/" in page(fixture_site, "dokument")
    assert "test-motion/" in page(fixture_site, "hela-landet")
    orgs = page(fixture_site, "organisationer")
    assert "test-ensam-organisation/" in orgs and "Testnätverket som ingen nämner" in orgs


def test_start_page(fixture_site):
    html = page(fixture_site, "")
    assert "<h1" in html and "18 poster. Sidorna byggdes 1 januari 2025" in html
    latest = section(html, "senast-tillagda")
    assert latest.index("test-rapport/") < latest.index("test-lok-vasteras-1/")  # newest first
    for href in ['href="./lan/19-vastmanland/"', 'href="./overenskommelser/"', 'href="./ar/2019/"',
                 'href="om/"', 'href="bidra/"']:
        assert href in html, href


# -- the build itself ----------------------------------------------------------------

def _site_files(site: Path) -> dict[Path, bytes]:
    # The whole site, pagefind/ included (samverkan.search.canonical puts Pagefind's output in order).
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_builds_are_byte_identical(fixture_site, tmp_path, mkdocs_build, fixture_data, fixture_epoch):
    again = tmp_path / "again"
    result = mkdocs_build(fixture_data, again, fixture_epoch)
    assert result.returncode == 0, result.stderr
    first, second = _site_files(fixture_site), _site_files(again)
    assert any(k.parts[0] == "pagefind" for k in first)
    assert first.keys() == second.keys()
    differing = [str(k) for k in first if first[k] != second[k]]
    assert not differing, differing[:10]


def test_nav_drawn_once_per_folder_is_what_material_draws(fixture_site, tmp_path, monkeypatch, mkdocs_build, fixture_data, fixture_epoch):
    """The hooks draw the nav of generated pages once per folder; it must equal a page-by-page build."""
    monkeypatch.setenv("SAMVERKAN_NAV_CACHE", "0")
    monkeypatch.setenv("SAMVERKAN_SEARCH_INDEX", "0")  # pages only; the search index is not compared
    plain = tmp_path / "plain"
    result = mkdocs_build(fixture_data, plain, fixture_epoch)
    assert result.returncode == 0, result.stderr
    for p in fixture_site.rglob("*.html"):
        assert p.read_bytes() == (plain / p.relative_to(fixture_site)).read_bytes(), p
