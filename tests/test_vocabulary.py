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


# -- Swedish codes in addresses, natural labels (issue 14) -----------------------------------

def test_address_codes_are_swedish_unique_and_distinct_from_the_kinds():
    from samverkan.vocabulary import KINDS, OLD_ADDRESS_CODES, TYPE_CODES, kind_code, type_code

    codes = [type_code(t) for t in TYPE_CODES] + [kind_code(k) for ks in KINDS.values() for k in ks]
    assert len(codes) == len(set(codes))
    assert all(c.isascii() and c == c.lower() for c in codes)
    assert type_code("agreement") == "overenskommelser" and kind_code("national") == "nationell"
    assert kind_code("lok") == "lok"
    # Every English code an older address may carry maps to a code the site writes now.
    assert set(OLD_ADDRESS_CODES.values()) <= set(codes)
    assert not set(OLD_ADDRESS_CODES) & set(codes)


def test_party_note_drops_what_the_heading_says():
    from samverkan.vocabulary import party_note

    assert party_note("part") == ""
    assert party_note("part (genom socialnämnden)") == "genom socialnämnden"
    assert party_note("undertecknare (bland de första)") == "undertecknare (bland de första)"
    assert party_note(None) == ""


def test_coverage_sentences_are_natural_swedish():
    from samverkan.vocabulary import coverage_sentences

    assert coverage_sentences(0, 0, 1, 1) == "Länets enda kommun har ingen känd LÖK och inget känt IOP."
    assert coverage_sentences(1, 0, 0, 1) == "Länets enda kommun har en känd LÖK och inget känt IOP."
    text = coverage_sentences(0, 2, 8, 10)
    assert text.startswith("Ingen av de 10 kommunerna har en känd LÖK. 2 av 10 kommuner har ett känt IOP.")
    assert "8 av 10 kommuner har ingen känd LÖK eller IOP." in text
    assert "0 av" not in coverage_sentences(0, 0, 0, 5) and "av 1 kommuner" not in coverage_sentences(0, 0, 1, 1)
