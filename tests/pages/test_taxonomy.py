"""The taxonomy table drives the page plan: every term has its page, every page kind is a PageKind."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from samverkan.build import build
from samverkan.settings import Settings
from samverkan.taxonomy import TAXONOMIES, PageKind


REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built():
    fixture = REPO / "tests" / "fixtures" / "site_data"
    return build(Settings.from_env(REPO, {"SOURCE_DATE_EPOCH": "1735689600"}, data_dir=fixture))


def test_every_page_kind_is_a_page_kind_and_every_url_is_unique(built):
    pages = built.site.pages()
    assert all(isinstance(p.kind, PageKind) for p in pages)
    assert len({p.url for p in pages}) == len(pages)


def test_each_taxonomy_has_one_page_per_term_and_its_index(built):
    kinds = Counter(p.kind for p in built.site.pages())
    c = built.catalog
    expected = {"type": 5, "kind": sum(1 for _ in TAXONOMIES[1].terms(c)), "county": len(c.places.counties),
                "municipality": len(c.places.municipalities), "year": len(c.by_year), "theme": len(c.by_theme)}
    for tax in TAXONOMIES:
        assert kinds[tax.term_kind] == expected[tax.name], tax.name
        if tax.index_kind is not None:
            assert kinds[tax.index_kind] == 1
            assert built.site.page(tax.segment).kind == tax.index_kind
        for term in tax.terms(c):
            assert built.site.page(term.url).key == term.key


def test_record_pages_carry_the_taxonomies_filters(built):
    r = next(r for r in built.catalog.records if r.type == "agreement" and r.municipality_codes and r.get("themes"))
    html = built.site.render(built.site.page(f"overenskommelser/{r.id}/")).html
    for name in ("type", "kind", "county", "municipality", "theme"):
        tax = next(t for t in TAXONOMIES if t.name == name)
        assert f'data-pagefind-filter="{tax.filter}' in html or f"{tax.filter}:" in html, name


def test_every_term_page_lists_the_terms_records_and_has_its_feed(built):
    """The table drives the listing and the feed: each term page of a taxonomy links every record
    that belongs to the term by the catalog's one definition (Catalog.term_records) and, when the row
    says so, the term's own feed; the feed file is published beside the page."""
    from samverkan.pages import urls
    c, files = built.catalog, built.publication.files()
    for tax in TAXONOMIES:
        for term in tax.terms(c):
            html = built.site.render(built.site.page(term.url)).html
            shown = {r.id for r in c.records if f'href="{urls.root_of(term.url)}{urls.record_url(r)}"' in html}
            want = {r.id for r in c.term_records(tax.name, term.key)}
            if tax.name not in ("county", "municipality"):  # a place's page lists by kind of place
                assert shown == want, (tax.name, term.key)
            assert (f'href="{urls.TERM_FEED}"' in html) == tax.feed, (tax.name, term.key)
            assert (urls.term_feed(term.url) in files) == tax.feed, (tax.name, term.key)
