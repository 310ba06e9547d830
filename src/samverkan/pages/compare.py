"""The compare pages: /jamfor/ (2–4 agreements chosen in the address) and one pre-rendered page per
version chain (/jamfor/versioner/<newest id>/), which shows what changed from version to version.

Both read an agreement's facts through catalog.compare.compare_facts only. /jamfor/ is one static
page: without JavaScript it explains how to choose and links the version chains; with JavaScript
(overrides/assets/javascripts/jamfor.js) it reads ?id=a&id=b, fetches each agreement's
jamfor/data/<id>.json (samverkan.publish.compare) and draws the same table the chain pages have.
"""
from __future__ import annotations

from dataclasses import dataclass

from samverkan.catalog.catalog import Catalog
from samverkan.catalog.compare import (MAX_COMPARED, MIN_COMPARED, CompareFact, changed, chain_of, compare_facts,
                                       shown_rows, version_chains)
from samverkan.pages import urls
from samverkan.pages.views import Row, Views
from samverkan.publish.compare import rows_json
from samverkan.read.records import Record
from samverkan.vocabulary import KINDS, kind_label, sort_key


@dataclass(frozen=True)
class Column:
    row: Row
    facts: dict[str, CompareFact]
    changed: frozenset[str]  # facts that differ from the previous version (chain pages)


@dataclass(frozen=True)
class Choice:
    id: str
    title: str
    detail: str  # "Västerås, 2019": tells two agreements of the same title apart


class ComparePages:
    def __init__(self, catalog: Catalog, views: Views):
        self.c, self.v = catalog, views
        self.chains = version_chains(catalog)
        self._chain_of = {x.id: chain for chain in self.chains for x in chain}

    def chain_url_of(self, r: Record) -> str:
        chain = self._chain_of.get(r.id)
        return urls.chain_url(chain[-1]) if chain else ""

    def columns(self, records: list[Record], mark_changes: bool) -> tuple[list[tuple[str, str]], list[Column]]:
        facts = [compare_facts(self.c, r) for r in records]
        cols = []
        for i, (r, f) in enumerate(zip(records, facts)):
            diff = changed(facts[i - 1], f) if mark_changes and i > 0 else set()
            cols.append(Column(self.v.row(r), {x.key: x for x in f}, frozenset(diff)))
        return shown_rows(facts), cols

    def _choices(self) -> list[tuple[str, list[Choice]]]:
        groups = []
        for kind in KINDS["agreement"]:
            rs = sorted(self.c.by_kind.get(kind, []), key=lambda r: (sort_key(r.title), r.id))
            if rs:
                groups.append((kind_label(kind), [Choice(r.id, r.title, ", ".join(
                    x for x in (self.v.row(r).place, self.v.row(r).date_text) if x)) for r in rs]))
        return groups

    def compare_page(self) -> dict:
        chains = [(urls.chain_url(ch[-1]), ch[-1].title, len(ch)) for ch in self.chains]
        return {"crumbs": [("Start", urls.HOME), ("Överenskommelser", urls.type_url("agreement"))],
                "groups": self._choices(), "chains": chains, "rows_json": rows_json(),
                "max": MAX_COMPARED, "min": MIN_COMPARED, "build_date": self.v.build_date_text,
                "data_url": urls.COMPARE_DATA}

    def chain_page(self, newest_id: str) -> dict:
        chain = chain_of(self.c, self.c.by_id[newest_id])
        rows, cols = self.columns(chain, mark_changes=True)
        return {"crumbs": [("Start", urls.HOME), ("Jämför", urls.COMPARE)],
                "rows": rows, "columns": cols, "newest": self.v.row(chain[-1]),
                "build_date": self.v.build_date_text,
                "live_url": urls.compare_url([x.id for x in chain[-MAX_COMPARED:]]),
                "changed_count": sum(len(c.changed) for c in cols)}
