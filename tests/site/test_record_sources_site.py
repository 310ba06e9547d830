"""The record page as an officer reads it: the agreement's own text first, who decided it, the IOP's
details, a status that names its source, sources described as what they are."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from samverkan import vocabulary
from samverkan.read.records import record_files

pytestmark = pytest.mark.slow

RECORDS_DATA = Path(__file__).resolve().parents[1] / "fixtures" / "records_data"


@pytest.fixture(scope="module")
def records_site(built_site) -> Path:
    """The site of tests/fixtures/records_data (document, decision, IOP, tills vidare, title only)."""
    return built_site(RECORDS_DATA)


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def article(html: str) -> str:
    start = html.index('<article class="sv-record"')
    return html[start:html.index("</article>", start)]


def fact(html: str, label: str) -> str | None:
    m = re.search(rf'<th scope="row">{re.escape(label)}</th><td>(.*?)</td></tr>', html, re.S)
    return m[1] if m else None


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _fields(path: Path) -> dict:
    raw = path.read_text("utf-8")
    return yaml.safe_load(raw.split("---", 2)[1] if path.suffix == ".md" else raw)


def _agreements(data: Path):
    for path in record_files(data):
        fields = _fields(path)
        if fields["type"] == "agreement":
            yield path.stem, fields


def test_the_document_is_the_first_thing_in_the_article(fixture_site):
    body = article(page(fixture_site, "overenskommelser/test-lok-vasteras-3"))
    after_title = body[body.index("</h1>"):]
    first_link = re.search(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', after_title)
    assert first_link[2] == vocabulary.DOCUMENT_LINK and first_link[1] == "https://example.org/lok/3.pdf"
    assert after_title.index(vocabulary.DOCUMENT_LINK) < after_title.index('class="sv-summary"') \
        < after_title.index('id="fakta"')
    assert "pdf, original hos utgivaren, sedd 5 januari 2025" in text(body)


@pytest.mark.parametrize("site_name", ["fixture_site", "records_site", "real_site"])
def test_every_agreement_with_a_document_and_only_those_link_it_first(request, site_name, fixture_data, real_data):
    site = request.getfixturevalue(site_name)
    data = {"fixture_site": fixture_data, "records_site": RECORDS_DATA}.get(site_name, real_data)
    with_document = 0
    for rid, fields in _agreements(data):
        html = article(page(site, f"overenskommelser/{rid}"))
        doc = fields.get("document")
        if doc:
            with_document += 1
            after_title = html[html.index("</h1>"):]
            first = re.search(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', after_title)
            assert (first[1].replace("&amp;", "&"), first[2]) == (doc["url"], vocabulary.DOCUMENT_LINK), rid
            words = vocabulary.DOCUMENT_COPY if doc.get("copy") else vocabulary.DOCUMENT_ORIGINAL
            assert words in text(html), rid
            assert f'data-pagefind-filter="{vocabulary.DOCUMENT_FILTER}:{vocabulary.DOCUMENT_FILTER_VALUE}"' in html
        else:
            assert vocabulary.DOCUMENT_LINK not in html, rid
            assert f'data-pagefind-filter="{vocabulary.DOCUMENT_FILTER}:' not in html, rid
    # Each data set has agreements with their text, so the branch above ran. How many of the real
    # agreements link their text is a data goal (issue 13 asks for 20), reported by `samverkan stats`,
    # not a property of the build: the build must show exactly those the data has.
    assert with_document >= 1


def test_a_copy_says_so_with_its_host(records_site):
    body = article(page(records_site, "overenskommelser/test-iop-tills-vidare"))
    assert "pdf, kopia på en dokumentdelningssajt (docplayer.se), sedd 4 januari 2025" in text(body)
    sources = body[body.index('id="kallor"'):]
    assert "Testkälla som är en kopia (kopia)" in text(sources)
    assert "Källan anger giltighetstiden." in text(sources)
    assert "sedd 4 januari 2025" in text(sources)


def test_decision_and_iop_details_are_shown_where_the_record_has_them(records_site):
    fixture_site, fixture_data = records_site, RECORDS_DATA
    html = page(fixture_site, "overenskommelser/test-iop-tills-vidare")
    assert text(fact(html, "Beslutad av")) == "testnämnden, mars 2021"
    assert text(fact(html, "Verksamhet")) == "Testläxhjälp två kvällar i veckan"
    assert text(fact(html, "Målgrupp")) == "Testelever i årskurs 7–9"
    assert text(fact(html, "Den offentliga partens bidrag")) == "Testkommunen betalar lokalhyran och 100 000 kronor om året"
    assert text(fact(html, "Giltighetstid")) == "från 1 april 2021, tills vidare"
    for rid, fields in _agreements(fixture_data):
        other = page(fixture_site, f"overenskommelser/{rid}")
        assert (fact(other, "Beslutad av") is None) == (not fields.get("decision")), rid
        for key in ("activity", "target_group", "contribution"):
            shown = fact(other, vocabulary.FACT_LABELS[key])
            assert (shown is None) == (not (fields.get("iop") or {}).get(key)), (rid, key)


def test_the_status_names_its_source_and_when(records_site):
    status = text(fact(page(records_site, "overenskommelser/test-iop-tills-vidare"), "Status"))
    assert status == "gällande, gäller tills vidare enligt ”Testkälla som är en kopia” (sedd 4 januari 2025)"
    status = text(fact(page(records_site, "overenskommelser/test-lok-med-dokument"), "Status"))
    assert status == "gällande, gäller till och med december 2030 enligt ”Testkälla för version 3.0” (december 2019)"
    # An end date in the future that no source is marked for is not shown as in force.
    status = text(fact(page(records_site, "overenskommelser/test-iop-bara-titel"), "Status"))
    assert status.startswith("okänd, slutdatum 2029, men ingen källa är angiven för giltighetstiden")


def test_a_title_only_record_says_so_near_the_top(records_site):
    html = page(records_site, "overenskommelser/test-iop-bara-titel")
    body = article(html)
    notice = body.index(vocabulary.TITLE_ONLY_HEADING)
    assert notice < body.index('id="fakta"') and notice < body.index('class="sv-summary"')
    assert vocabulary.TITLE_ONLY_NOTICE in text(body)
    assert "(bara titeln)" in text(body[body.index('id="kallor"'):])
    link = re.search(r'href="([^"]*kallhantering/#([^"]+))"', body)
    target = page(records_site, "kallhantering")
    assert f'id="{link[2]}"' in target  # the anchor exists on Källhantering
    for other in ("test-lok-med-dokument", "test-iop-tills-vidare"):
        assert vocabulary.TITLE_ONLY_HEADING not in page(records_site, f"overenskommelser/{other}")


def test_real_title_only_records_show_the_notice(real_site, real_data):
    shown = 0
    for rid, fields in _agreements(real_data):
        only = all(s.get("title_only") for s in fields["sources"])
        html = article(page(real_site, f"overenskommelser/{rid}"))
        assert (vocabulary.TITLE_ONLY_HEADING + ".</strong>" in html) == only, rid
        shown += only
    assert shown >= 1
