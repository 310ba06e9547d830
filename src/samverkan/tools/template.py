"""`samverkan new`: a record template with Swedish comments, pre-filled where we can."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from samverkan.catalog.places import Places
from samverkan.read.records import FOLDER_OF_TYPE

# What a maintainer may type for a type: English (the folder's type) or Swedish.
from samverkan.vocabulary import KINDS, kinds_in_words
TYPE_ALIASES = {
    "agreement": "agreement", "overenskommelse": "agreement", "överenskommelse": "agreement",
    "consultation": "consultation", "samrad": "consultation", "samråd": "consultation",
    "report": "report", "rapport": "report",
    "document": "document", "dokument": "document",
    "organisation": "organisation", "organization": "organisation", "organisation-post": "organisation",
}



@dataclass
class NewRecord:
    type: str
    id: str
    kind: str = ""
    title: str = ""
    summary: str = ""
    date: str = ""
    counties: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    source_title: str = ""
    source_url: str = ""
    source_publisher: str = ""
    added: str = ""


def _q(value: str) -> str:
    """A YAML scalar that is always read back as the same text."""
    return json.dumps(value, ensure_ascii=False)


def _list(values: list[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def render(new: NewRecord, places: Places) -> str:
    """The file's text. Names are written as the canonical names from data/places."""
    counties = [places.counties[places.resolve_county(c)].name for c in new.counties]
    munis = [places.municipalities[places.resolve_municipality(m)].name for m in new.municipalities]
    added = new.added or dt.date.today().isoformat()
    t = new.type
    lines = [
        "# yaml-language-server: $schema=../schema/record.schema.json",
        "# Ny post i Samverkansbasen. Filnamnet är postens id och ändras inte efter publicering.",
        "# Skriv bara det som källan säger. Lämna ett fält tomt (ta bort raden) hellre än att gissa.",
        f"type: {t}",
        f"# Slag: {kinds_in_words(t)}",
        f"kind: {new.kind or KINDS[t][0]}",
        "# Titeln som den står i källan" + (" (organisationens namn)" if t == "organisation" else "") + ".",
        f"title: {_q(new.title)}",
        "# En eller två meningar med egna ord.",
        f"summary: {_q(new.summary)}" if new.summary else "# summary: \"\"",
    ]
    if t == "organisation":
        lines += ["# Kortnamn, t.ex. SKR.", "# short_name: \"\"",
                  "# Webbplats, bara om den finns i en källa.", "# website: https://"]
    else:
        lines += ["# Datum: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, bara så exakt som källan säger.",
                  f"date: {_q(new.date)}" if new.date else "# date: \"\""]
    if t == "agreement":
        lines += ["# Giltighetstid, om källan anger den.", "# valid_from: \"\"", "# valid_to: \"\""]
    if t == "document":
        lines += ["# Beteckning, t.ex. 2019/20:511.", "# reference: \"\""]
    lines += [
        "# Nivå: national, regional eller local.",
        "# scope: local",
        "# Län och kommuner med namn som i data/places/ (t.ex. \"Västmanlands län\", \"Västerås\").",
        f"counties: {_list(counties)}" if counties else "# counties: []",
        f"municipalities: {_list(munis)}" if munis else "# municipalities: []",
    ]
    if t != "organisation":
        lines += ["# Parter: organisationspostens id (filnamn i data/organisations/) och roll.",
                  "# parties:", "#   - organisation: vasteras-stad", "#     role: part"]
    lines += ["# Organisationer som nämns eller deltog (id i data/organisations/).", "# organisations: []",
              "# Teman med små bokstäver, t.ex. integration, social välfärd.", "# themes: []"]
    if t == "agreement":
        lines += ["# Vilka av de sex principerna överenskommelsen antar, om den säger det:",
                  "# sjalvstandighet, dialog, kvalitet, langsiktighet, oppenhet, mangfald.",
                  "# principles: []"]
    lines += [
        "# Relaterade poster och poster som denna ersätter (id).",
        "# related: []",
        "# supersedes: []",
        "# Källor: minst en. Adressen bara om den finns.",
        "sources:",
        f"  - title: {_q(new.source_title)}",
    ]
    if new.source_publisher:
        lines.append(f"    publisher: {_q(new.source_publisher)}")
    lines.append(f"    url: {_q(new.source_url)}" if new.source_url else "    # url: https://")
    lines += ["# Bilagor: titel och adress.", "# attachments: []", f"added: {_q(added)}", ""]
    return "\n".join(lines)


def target_path(data_dir: Path, new: NewRecord) -> Path:
    return Path(data_dir) / FOLDER_OF_TYPE[new.type] / f"{new.id}.yaml"
