"""The record JSON Schema (data/schema/record.schema.json), read as Swedish advice.

The schema is the single definition of a record; this module only turns its
errors into messages that say what is wrong and what to do.
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

import fastjsonschema

from samverkan.read.records import Record

from samverkan.vocabulary import KINDS

SCHEMA_RELPATH = Path("schema") / "record.schema.json"

_TYPE_SV = {"string": "text", "integer": "ett heltal", "array": "en lista", "object": "fält med värden",
            "boolean": "ja/nej", "number": "ett tal", "null": "tomt"}


@lru_cache(maxsize=4)
def load_schema(data_dir: Path) -> dict:
    return json.loads((Path(data_dir) / SCHEMA_RELPATH).read_text("utf-8"))


@lru_cache(maxsize=4)
def _validator(data_dir: Path):
    import jsonschema  # only needed to explain a failure; importing it costs ~0.1 s

    schema = load_schema(data_dir)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@lru_cache(maxsize=4)
def _fast_gates(data_dir: Path) -> dict:
    """fastjsonschema compiles the same schema to Python: ~10x faster on valid records.

    One compiled gate per record type, with the schema's `if type == X then ...`
    branch for that type already applied (the generated code otherwise raises
    and catches an exception for every branch that does not apply), and the
    whole schema under the key None for anything else. The gates only answer
    valid or not; the reference validator (jsonschema, draft 2020-12) explains
    failures, and a property test checks that the two always agree.
    """
    schema = load_schema(data_dir)
    gates = {None: fastjsonschema.compile(schema)}
    for branch in schema.get("allOf", []):
        const = branch.get("if", {}).get("properties", {}).get("type", {}).get("const")
        if const is not None and set(branch) == {"if", "then"}:
            rest = [b for b in schema["allOf"] if b is not branch and
                    b.get("if", {}).get("properties", {}).get("type", {}).get("const") is None]
            specialised = {**schema, "allOf": [branch["then"], *rest]}
            gates[const] = fastjsonschema.compile(specialised)
    return gates


def schema_problems(record: Record, data_dir: Path) -> list[tuple[tuple[int, int], str]]:
    """Return (position, message) for every way the record breaks the schema."""
    try:
        gates = _fast_gates(data_dir)
        kind = record.data.get("type")
        gates[kind if isinstance(kind, str) and kind in gates else None](record.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    validator = _validator(Path(data_dir))
    out = []
    for error in validator.iter_errors(record.data):
        out.extend(_explain(error, record, Path(data_dir)))
    return out


def _field_label(path: list) -> str:
    text = ""
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "posten"


def _explain(error, record: Record, data_dir: Path):
    path = list(error.absolute_path)
    where = record.position(*path)
    name = _field_label(path)
    v = error.validator
    leaf = path[-1] if path else None
    if v == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        for key in sorted(set(error.instance) - set(known), key=str):
            pos = error.instance.key_positions.get(key, where) if hasattr(error.instance, "key_positions") else where
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
            hint = f"menade du '{close[0]}'?" if close else "ta bort det eller se fälten i mallen (samverkan new)"
            place = "posten" if not path else f"'{name}'"
            yield pos, f"okänt fält '{key}' i {place}; {hint}"
        return
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        place = "posten" if not path else f"'{name}'"
        yield where, f"fältet '{missing}' saknas i {place}; lägg till det"
        return
    if error.schema is False:
        # jsonschema leaves the property out of the path here; find the forbidden keys ourselves.
        node = load_schema(data_dir)
        for step in error.absolute_schema_path:
            node = node[step]
        for key, sub in node.items():
            if sub is False and key in record.data:
                yield record.position(key), (f"fältet '{key}' hör inte till en post av typen "
                                             f"{record.get('type')}; ta bort det")
        return
    if v == "enum":
        allowed = error.validator_value
        if leaf == "kind" and record.get("type") in KINDS:
            allowed = KINDS[record.get("type")]
        close = difflib.get_close_matches(str(error.instance), [str(a) for a in allowed], n=1)
        hint = f"menade du '{close[0]}'?" if close else "välj ett av: " + ", ".join(map(str, allowed))
        yield where, f"'{error.instance}' är inte ett tillåtet värde för {name}; {hint}"
        return
    if v == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted_sv = " eller ".join(_TYPE_SV.get(w, w) for w in wanted)
        if isinstance(error.instance, bool):
            yield where, (f"{name} ska vara {wanted_sv}, men YAML läser värdet som ja/nej; "
                          "sätt det inom citattecken (\"...\")")
        elif error.instance is None:
            yield where, f"{name} är tomt; skriv ett värde eller ta bort fältet"
        else:
            yield where, f"{name} ska vara {wanted_sv}; skriv om värdet"
        return
    if v == "pattern":
        yield where, _pattern_message(name, leaf, path, error.instance)
        return
    if v == "minLength":
        if _is_required(path, data_dir):
            yield where, f"{name} är tomt; skriv ett värde, det här fältet måste finnas"
        else:
            yield where, f"{name} är tomt; skriv ett värde eller ta bort fältet"
        return
    if v == "minItems":
        if leaf == "sources":
            yield where, "posten saknar källor; ange minst en källa (titel, och adress om den finns)"
        else:
            yield where, f"{name} är en tom lista; fyll i den eller ta bort fältet"
        return
    if v == "uniqueItems":
        yield where, f"{name} innehåller samma värde två gånger; ta bort dubbletten"
        return
    if v in ("minimum", "maximum"):
        yield where, f"{name}: {error.instance} är inget rimligt årtal; skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD"
        return
    yield where, f"{name}: {error.message}"


def _is_required(path: list, data_dir: Path) -> bool:
    """Whether the field at `path` is required where it stands (top level or a list item's)."""
    schema = load_schema(data_dir)
    if len(path) == 1:
        return path[0] in schema.get("required", [])
    if len(path) == 3 and isinstance(path[1], int):
        items = schema["properties"].get(path[0], {}).get("items", {})
        return path[2] in items.get("required", [])
    return False


def _pattern_message(name: str, leaf, path: list, value) -> str:
    fields = [p for p in path if isinstance(p, str)]
    last = fields[-1] if fields else ""
    if last in ("url", "website"):
        return f"{name}: '{value}' är ingen webbadress; skriv en fullständig adress som börjar med https:// (eller http://)"
    if last in ("date", "valid_from", "valid_to"):
        return f"{name}: '{value}' är inget datum; skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, bara så exakt som källan säger"
    if last in ("added", "updated"):
        return f"{name}: '{value}' ska vara en dag, ÅÅÅÅ-MM-DD"
    if last == "themes":
        return f"{name}: '{value}' är inget giltigt tema; skriv temat med små bokstäver, siffror, mellanslag eller bindestreck"
    return f"{name}: '{value}' är inget giltigt id; ett id skrivs med små bokstäver a–z, siffror och bindestreck (filnamnet utan .yaml)"
