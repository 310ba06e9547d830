"""The compare page's data: one small JSON file per agreement, written at build time.

jamfor/data/<id>.json holds what catalog.compare.compare_facts says about the agreement (the same
rows the pre-rendered version-chain pages show), so overrides/assets/javascripts/jamfor.js draws
2–4 agreements from the address (?id=a&id=b) by fetching only those files. Internal URLs are
site-relative; the script prefixes the page's root. The JSON is data, never markup: the script
puts every value in with textContent.
"""
from __future__ import annotations

import json

from samverkan.catalog.catalog import Catalog
from samverkan.catalog.compare import FACT_ROWS, OPTIONAL_ROWS, compare_facts
from samverkan.pages import urls
from samverkan.read.records import Record


def compare_record(catalog: Catalog, r: Record) -> dict:
    return {
        "id": r.id,
        "title": r.title,
        "url": urls.record_url(r),
        "supersedes": [i for i in r.get("supersedes") or [] if i in catalog.by_id],
        "superseded_by": [x.id for x in catalog.superseded_by.get(r.id, [])],
        "facts": [{"key": f.key, "label": f.label,
                   "values": [{k: v for k, v in (("text", x.text), ("url", x.url), ("note", x.note),
                                                 ("external", x.external)) if v} for x in f.values]}
                  for f in compare_facts(catalog, r)],
    }


def compare_files(catalog: Catalog) -> dict[str, bytes]:
    """Site-relative path -> JSON bytes, one per agreement (sorted keys: reproducible)."""
    return {urls.compare_data_url(r.id): json.dumps(compare_record(catalog, r), ensure_ascii=False,
                                                    sort_keys=True, separators=(",", ":")).encode("utf-8")
            for r in catalog.by_type.get("agreement", [])}


def rows_json() -> str:
    """The fact rows (key, label, optional) for the page, so the script needs no labels of its own."""
    return json.dumps([{"key": k, "label": label, "optional": k in OPTIONAL_ROWS} for k, label in FACT_ROWS],
                      ensure_ascii=False).replace("<", "\\u003c")  # safe inside <script>
