"""What the filters of /sok/ and /bladdra/ must give, computed from a catalog in Python.

One definition for every browser test of the filter language: a record has, for each filter
group, a set of codes (the codes in the address); values within a group combine with OR, groups
with AND; a value's count is the number of records with it that match the choices in the *other*
groups (disjunctive facets).
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

from samverkan.catalog.catalog import Catalog, slugify
from samverkan.catalog.evidence import has_document
from samverkan.vocabulary import DOCUMENT_FILTER_CODE, kind_code, type_code

# Filter group -> query parameter (typ and kind share ?typ=).
PARAMS = {"lan": "lan", "kommun": "kommun", "ar": "ar", "typ": "typ", "kind": "typ", "tema": "tema",
          "status": "status", "dokument": "dokument"}
GROUPS = tuple(PARAMS)


def codes(catalog: Catalog, record) -> dict[str, set[str]]:
    year = catalog.year(record)
    status = catalog.status(record)
    return {
        "lan": set(record.county_codes),
        "kommun": set(record.municipality_codes),
        "ar": {str(year)} if year is not None else set(),
        "typ": {type_code(record.type)},  # the Swedish codes the site writes (?typ=overenskommelser)
        "kind": {kind_code(record.kind)},
        "tema": {slugify(t) for t in record.get("themes") or []},
        "status": {status} if status else set(),
        "dokument": {DOCUMENT_FILTER_CODE} if has_document(record) else set(),
    }


class Expected:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.by_id = {r.id: codes(catalog, r) for r in catalog.records}

    def values(self, group: str) -> list[str]:
        """Every code of a group that some record has."""
        return sorted({c for cs in self.by_id.values() for c in cs[group]})

    def matching(self, selection: dict[str, set[str]]) -> set[str]:
        return {rid for rid, cs in self.by_id.items()
                if all(cs[g] & values for g, values in selection.items() if values)}

    def count(self, group: str, value: str, selection: dict[str, set[str]]) -> int:
        """How many records have `value` in `group`, given the choices of the other groups."""
        others = {g: v for g, v in selection.items() if g != group}
        return sum(1 for rid in self.matching(others) if value in self.by_id[rid][group])


def query(selection: dict[str, set[str]], **extra) -> str:
    pairs = []
    for g in GROUPS:
        for v in sorted(selection.get(g) or ()):
            pairs.append((PARAMS[g], v))
    pairs += [(k, v) for k, v in extra.items() if v]
    return urlencode(pairs)


_NUMBER = re.compile(r"^(\d[\d\u00a0 ]*)")


def number(text: str) -> int:
    """'1 234 poster stämmer' -> 1234; 'Inga poster ...' -> 0."""
    text = text.strip()
    if text.startswith("Inga"):
        return 0
    m = _NUMBER.match(text)
    assert m, f"no number in {text!r}"
    return int(re.sub(r"\D", "", m.group(1)))
