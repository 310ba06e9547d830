"""One vocabulary: the schema's enums and samverkan.vocabulary list the same codes, and every code
has its Swedish words."""
from __future__ import annotations

import json

from samverkan import vocabulary as v
from samverkan.read.records import FOLDER_OF_TYPE


def _schema(repo_root):
    return json.loads((repo_root / "data" / "schema" / "record.schema.json").read_text("utf-8"))


def test_types_kinds_scopes_and_principles_match_the_schema(repo_root):
    schema = _schema(repo_root)
    props = schema["properties"]
    assert props["type"]["enum"] == v.TYPE_ORDER == list(v.KINDS) == list(FOLDER_OF_TYPE)
    kinds = {rule["if"]["properties"]["type"]["const"]: rule["then"]["properties"]["kind"]["enum"]
             for rule in schema["allOf"] if "kind" in rule.get("then", {}).get("properties", {})}
    assert kinds == v.KINDS
    assert props["scope"]["enum"] == list(v.SCOPE_LABELS)
    assert props["principles"]["items"]["enum"] == list(v.PRINCIPLE_LABELS)


def test_every_code_has_its_words():
    every_kind = [k for kinds in v.KINDS.values() for k in kinds]
    assert len(every_kind) == len(set(every_kind)), "a kind belongs to one type"
    for table in (v.KIND_LABELS, v.KIND_SHORT, v.KIND_LONG_LABELS):
        assert list(table) == every_kind
    for table in (v.TYPE_SINGULAR, v.TYPE_PLURAL, v.TYPE_LABELS, v.TYPE_LABELS_PLURAL):
        assert list(table) == v.TYPE_ORDER
    assert v.kind_label("") == v.MISSING == "uppgift saknas"
    assert v.kinds_in_words("organisation") == "civilsamhalle, offentlig eller natverk"


def test_the_swedish_sort_key_puts_aao_last():
    words = ["Örebro", "Zeta", "Åre", "Älvdalen", "alfa", "Ödeshög", "Ørsta", "Æble"]
    assert sorted(words, key=v.sort_key) == ["alfa", "Zeta", "Åre", "Æble", "Älvdalen", "Ödeshög", "Örebro", "Ørsta"]
