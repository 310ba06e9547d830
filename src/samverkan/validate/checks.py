"""Checks beyond the schema: places, dates, personal numbers, references, lineage."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from samverkan.read.dates import PartialDate
from samverkan.catalog.places import Places, place_codes
from samverkan.read.records import FOLDER_OF_TYPE, ID_PATTERN, Record
from samverkan.validate.text import find_personal_numbers, reader_view, text_problems, visible

Found = tuple[tuple[int, int], str]  # (line, column), message

DATE_FIELDS = ("date", "valid_from", "valid_to")

def find_personal_number(text: str) -> str | None:
    """Return the first substring that is a valid-looking Swedish personnummer or samordningsnummer."""
    for _, found, _ in find_personal_numbers(reader_view(text)):
        return found
    return None


def check_record(record: Record, places: Places) -> list[Found]:
    """Everything that can be said of one record on its own."""
    out: list[Found] = []
    data = record.data
    if not ID_PATTERN.fullmatch(record.id):
        out.append(((1, 1), f"filnamnet '{visible(record.path.name)}' duger inte som id; byt namn till små bokstäver a–z, "
                            "siffror och bindestreck, t.ex. lok-vasteras.yaml"))
    rtype = data.get("type")
    if record.folder_type and isinstance(rtype, str) and rtype != record.folder_type and rtype in FOLDER_OF_TYPE:
        out.append((record.position("type"),
                    f"posten har type: {rtype} men ligger i mappen {FOLDER_OF_TYPE[record.folder_type]}/; "
                    f"flytta filen till data/{FOLDER_OF_TYPE[rtype]}/ eller rätta type"))

    dates: dict[str, PartialDate] = {}
    for key in DATE_FIELDS:
        # Only well-formed dates here: the schema already explains a wrong format.
        if key in data and PartialDate.well_formed(data[key]):
            try:
                dates[key] = PartialDate.parse(data[key])
            except ValueError as err:
                out.append((record.position(key), f"{key}: {err}"))
    if "valid_from" in dates and "valid_to" in dates and dates["valid_to"].last_day < dates["valid_from"].first_day:
        out.append((record.position("valid_to"),
                    f"valid_to ({dates['valid_to'].iso()}) ligger före valid_from ({dates['valid_from'].iso()}); "
                    "rätta ordningen eller datumen"))
    for i, source in enumerate(_as_list(data.get("sources"))):
        if isinstance(source, dict) and PartialDate.well_formed(source.get("date")):
            try:
                PartialDate.parse(source["date"])
            except ValueError as err:
                out.append((record.position("sources", i, "date"), f"sources[{i + 1}].date: {err}"))
    for key in ("added", "updated"):
        if PartialDate.well_formed(data.get(key)):
            try:
                PartialDate.parse(data[key])
            except ValueError as err:
                out.append((record.position(key), f"{key}: {err}"))

    out.extend(_place_problems(record, places))

    # The text as a reader sees it: control and invisible characters, personnummer, e-mail.
    out.extend(text_problems(record))
    return out


def _place_problems(record: Record, places: Places) -> list[Found]:
    """Unknown or inconsistent places; the codes themselves are the catalog's (place_codes)."""
    return [(record.position(*where), advice) for where, advice in place_codes(record.data, places)[2]]


def _as_list(value) -> list:
    return value if isinstance(value, list) else []


def check_catalog(records: Iterable[Record]) -> list[tuple[Record, Found]]:
    """What can only be seen across records: duplicate ids, references, supersedes cycles."""
    records = list(records)
    out: list[tuple[Record, Found]] = []
    by_id: dict[str, Record] = {}
    seen: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        seen[r.id].append(r)
    for rid, group in seen.items():
        by_id[rid] = group[0]
        for other in group[1:]:
            first = f"{group[0].path.parent.name}/{group[0].path.name}"
            out.append((other, ((1, 1), f"id '{rid}' används redan av {first}; "
                                         "ge en av filerna ett annat namn")))

    def ref(r: Record, key: str, index: int, target_id, want_type: str | None, *path):
        if not isinstance(target_id, str) or not ID_PATTERN.fullmatch(target_id):
            return  # not an id at all: the schema says so
        if target_id == r.id:
            out.append((r, (r.position(*path), f"{key}: posten hänvisar till sig själv; ta bort '{target_id}'")))
            return
        target = by_id.get(target_id)
        if target is None:
            out.append((r, (r.position(*path), f"{key}: det finns ingen post med id '{target_id}'; "
                                 f"skapa den (samverkan new) eller rätta id:t")))
        elif want_type and target.type != want_type:
            out.append((r, (r.position(*path), f"{key}: '{target_id}' är en post av typen {target.type}, inte {want_type}; "
                                 "hänvisa till rätt post")))

    for r in records:
        for i, party in enumerate(_as_list(r.data.get("parties"))):
            if isinstance(party, dict):
                ref(r, "parties", i, party.get("organisation"), "organisation", "parties", i, "organisation")
        for i, oid in enumerate(_as_list(r.data.get("organisations"))):
            ref(r, "organisations", i, oid, "organisation", "organisations", i)
        for i, rid in enumerate(_as_list(r.data.get("related"))):
            ref(r, "related", i, rid, None, "related", i)
        for i, rid in enumerate(_as_list(r.data.get("supersedes"))):
            ref(r, "supersedes", i, rid, r.type, "supersedes", i)

    out.extend(_supersedes_cycles(records, by_id))
    return out


def _supersedes_cycles(records: list[Record], by_id: dict[str, Record]) -> list[tuple[Record, Found]]:
    graph = {r.id: [s for s in _as_list(r.data.get("supersedes")) if isinstance(s, str) and s in by_id and s != r.id]
             for r in records}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    reported: set[frozenset] = set()
    out = []
    for start in sorted(graph):
        if state.get(start):
            continue
        stack = [(start, iter(graph[start]))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if state.get(child) == 1:
                cycle = path[path.index(child):] + [child]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    r = by_id[node]
                    idx = _as_list(r.data.get("supersedes")).index(child)
                    out.append((r, (r.position("supersedes", idx),
                                    "supersedes bildar en cirkel (" + " → ".join(cycle) + "); "
                                    "en version kan inte ersätta en senare version, rätta kedjan")))
            elif not state.get(child):
                state[child] = 1
                stack.append((child, iter(graph[child])))
                path.append(child)
    return out
