"""The same truth everywhere a number appears (point 6 of issue 12): for every län and kommun of
the real site, the count on its own page, the starting count of its value in the filter panels of
/bladdra/ and /sok/, and the catalog's count (Catalog.term_records, the one definition of what
belongs to a place) are equal; the regional records of a län are the same list on the län page
and on each of its kommun pages; every term page links to its own Atom feed, which holds the
term's records."""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from samverkan.catalog.catalog import load_catalog
from samverkan.catalog.expiry import expiring_for_place
from samverkan.pages import urls
from samverkan.read.project import Project

pytestmark = pytest.mark.slow


class _Panel(HTMLParser):
    """{group: {code: starting count}} of a filter panel."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.counts: dict[str, dict[str, int]] = {}
        self._group = None
        self._code = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "details" and "data-sv-group" in a:
            self._group = a["data-sv-group"]
        if tag == "input" and a.get("type") == "checkbox" and self._group:
            self._code = a["value"]
        if tag == "span" and "data-total" in a and self._code:
            self.counts.setdefault(self._group, {})[self._code] = int(a["data-total"])
            self._code = None


def _panel(html: str) -> dict[str, dict[str, int]]:
    p = _Panel()
    p.feed(html)
    return p.counts


def _read(site, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def catalog(repo_root):
    return load_catalog(Project.at(repo_root), dt.date.today())


def test_every_lan_and_kommun_has_the_same_count_everywhere(real_site, catalog):
    browse = _panel(_read(real_site, "bladdra"))
    search = _panel(_read(real_site, "sok"))
    assert browse == search
    wrong = []
    places = catalog.places
    for kind, group, items in (("county", "lan", places.counties.values()),
                               ("municipality", "kommun", places.municipalities.values())):
        for place in items:
            want = len(catalog.term_records(kind, place.code))
            url = urls.county_url(place) if kind == "county" else urls.municipality_url(place)
            page = _read(real_site, url.rstrip("/"))
            m = re.search(r'data-sv-place-count="(\d+)"', page)
            on_page = int(m.group(1)) if m else None
            in_panel = browse.get(group, {}).get(place.code, 0)
            if (on_page, in_panel) != (want, want):
                wrong.append(f"{place.name}: page {on_page}, filters {in_panel}, catalog {want}")
            # A place without records offers no way to browse or search an empty list.
            leads_on = re.search(r'class="sv-place-count"[^>]*>.*?href="[^"]*\?' + group + "=" + place.code, page)
            if bool(leads_on) != bool(want):
                wrong.append(f"{place.name}: {want} records, links to Bläddra and Sök: {bool(leads_on)}")
    assert not wrong, "\n".join(wrong[:30])


def test_regional_records_are_one_list_on_the_lan_page_and_its_kommun_pages(real_site, catalog):
    heading = re.compile(r"Regionala poster i ([^<(]+) \((\d+)\)")
    for code, county in catalog.places.counties.items():
        want = len(catalog.regional_records(code))
        county_page = _read(real_site, urls.county_url(county).rstrip("/"))
        for m in catalog.places.municipalities_in(code):
            found = heading.findall(_read(real_site, urls.municipality_url(m).rstrip("/")))
            assert found == [(county.name, str(want))] or (want == 0 and found == []), (m.name, found, want)
        found = heading.findall(county_page)
        assert found in ([], [(county.name, str(want))]), (county.name, found)


ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_term_page_links_its_own_feed_with_the_terms_records(real_site, catalog):
    checked = 0
    for kind, key, url in ([("county", c.code, urls.county_url(c)) for c in catalog.places.counties.values()]
                           + [("type", t, urls.type_url(t)) for t in catalog.by_type]
                           + [("theme", s, urls.theme_url(s)) for s in catalog.by_theme]
                           + [("municipality", m.code, urls.municipality_url(m))
                              for m in list(catalog.places.municipalities.values())[:40]]):
        page = _read(real_site, url.rstrip("/"))
        assert f'href="{urls.TERM_FEED}"' in page, url  # the visible link
        assert re.search(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="[^"]*'
                         + re.escape(urls.term_feed(url)) + '">', page), url
        feed = ElementTree.fromstring((real_site / urls.term_feed(url)).read_bytes())
        entries = [(e.find(f"{ATOM}id").text, e.find(f"{ATOM}link").get("href")) for e in feed.iter(f"{ATOM}entry")]
        links = {href.rstrip("/").rsplit("/", 1)[-1] for _, href in entries}
        records = {r.id for r in catalog.term_records(kind, key) if r.get("added") or r.get("updated")}
        # A place's feed also has an entry per agreement that expires soon or just did (its id ends
        # in #loper-ut-snart-<day> or #har-lopt-ut-<day>); they share the feed's 50 entries.
        expiring = (expiring_for_place(catalog, **{kind: key}) if kind in ("county", "municipality") else None)
        expiry = len(expiring.soon) + len(expiring.ended) if expiring else 0
        record_entries = sum(1 for entry_id, _ in entries if "#" not in entry_id)
        assert links <= records | ({e.record.id for e in expiring.soon + expiring.ended} if expiring else set()), url
        assert len(entries) == min(len(records) + expiry, 50), url
        assert len(entries) - record_entries <= expiry, url
        checked += 1
    assert checked > 60
    opensearch = (real_site / "opensearch.xml").read_text("utf-8")
    assert 'template="' in opensearch and "sok/?q={searchTerms}" in opensearch
    assert '<link rel="search" type="application/opensearchdescription+xml"' in _read(real_site, "")
