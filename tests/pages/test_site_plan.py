"""The site package on its own: no MkDocs, no build; URL scheme, page list, safe bodies."""
from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.build import build
from samverkan.settings import Settings
from samverkan.catalog.places import load_places
from samverkan.vocabulary import KINDS
from samverkan.pages import Site
from samverkan.pages import urls
from samverkan.pages.body import BodyRenderer


@pytest.fixture(scope="module")
def site(repo_root, fixture_data) -> Site:
    settings = Settings.from_env(repo_root, {"SOURCE_DATE_EPOCH": "1735689600"}, data_dir=fixture_data)
    return build(settings, "https://github.com/samverkansbasen/samverkansbasen", "edit/main/").site


def test_place_urls_are_unique_and_readable(repo_root):
    places = load_places(repo_root / "data" / "places")
    county_urls = {urls.county_url(c) for c in places.counties.values()}
    muni_urls = {urls.municipality_url(m) for m in places.municipalities.values()}
    assert len(county_urls) == 21 and len(muni_urls) == 290
    assert urls.municipality_url(places.municipalities["1980"]) == "kommun/1980-vasteras/"
    # Håbo and Habo fold to the same letters; the code keeps them apart.
    assert urls.municipality_url(places.municipalities["0305"]) != urls.municipality_url(places.municipalities["0643"])
    assert urls.root_of("") == "./" and urls.root_of("om/") == "../" and urls.root_of("kommun/1980-x/") == "../../"


def test_page_list(site):
    pages = site.pages()
    c = site.catalog
    kinds = Counter(p.kind for p in pages)
    assert kinds["record"] == len(c.records)
    assert (kinds["county"], kinds["municipality"], kinds["type"]) == (21, 290, 5)
    assert kinds["kind"] == sum(len(k) for k in KINDS.values())
    assert (kinds["year"], kinds["theme"]) == (len(c.by_year), len(c.by_theme))
    for index in ("kinds", "counties", "municipalities", "years", "themes", "national"):
        assert kinds[index] == 1, index
    assert len({p.url for p in pages}) == len(pages)
    record = site.page("overenskommelser/test-lok-vasteras-3/")
    assert record.edit_path == "data/agreements/test-lok-vasteras-3.yaml"
    assert site.edit_url(c.by_id["test-lok-vasteras-3"]) == (
        "https://github.com/samverkansbasen/samverkansbasen/edit/main/data/agreements/test-lok-vasteras-3.yaml")
    assert site.page("kommun/1980-vasteras/").edit_path is None


def test_every_page_renders_with_headings(site):
    for spec in site.pages():
        rendered = site.render(spec)
        assert "<h1" in rendered.html, spec.url
    headings = site.render(site.page("overenskommelser/test-lok-vasteras-2/")).headings
    assert [h for h, _ in headings][:3] == ["fakta", "versioner", "hanvisas-fran"]


# -- the Markdown body of a record -----------------------------------------------------

_ALLOWED_TAGS = {"p", "h3", "h4", "h5", "h6", "em", "strong", "a", "span", "ul", "ol", "li", "code", "pre",
                 "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _check_safe(html: str):
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in _ALLOWED_TAGS, (tag, html)
        for name, value in attrs.items():
            assert name in ("href", "align", "style") or tag == "a" and name == "title", (tag, name, html)
            if name == "href":
                assert value.startswith(("http://", "https://", "mailto:", "&#")), value
            if name == "style":  # the tables extension aligns columns, nothing else
                assert value.startswith("text-align:"), value


def test_body_keeps_text_and_drops_markup():
    html = BodyRenderer()("# Rubrik\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) "
                          "![bild](https://example.org/a.png) [ok](https://example.org)")
    assert "<h3>Rubrik</h3>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript" not in html and "<img" not in html
    assert '<a href="https://example.org/a.png">Bild: bild</a>' in html
    _check_safe(html)


_PIECES = list("<>\"'=/()[]!#*`-: \nab&") + ["script", "javascript:", "onerror", "https://x.se", "<img src=x ",
                                             "<a href=", "mailto:", "\n\n", "<div>", "](", "!["]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_body_never_lets_markup_through(text):
    _check_safe(BodyRenderer()(text))
