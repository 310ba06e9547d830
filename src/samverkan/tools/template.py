"""`samverkan new`: a record template with Swedish comments, pre-filled where we can."""
from __future__ import annotations

import datetime as dt
import json
import os
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
        lines += ["# Giltighetstid, om källan anger den.", "# valid_from: \"\"", "# valid_to: \"\"",
                  "# Bara om en källa säger att överenskommelsen gäller tills vidare; markera då den källan",
                  "# med states_period: true.",
                  "# until_further_notice: true",
                  "# Vem som beslutade och när, om en källa säger det (kommunfullmäktige, regionfullmäktige, en nämnd).",
                  "# decision:",
                  "#   body: kommunfullmäktige",
                  "#   date: \"\"",
                  "# Överenskommelsens egen text, om den går att läsa: adressen du själv har öppnat, formatet",
                  "# (pdf, html, doc, docx, odt eller rtf), om det är en kopia på en dokumentdelningssajt",
                  "# (docplayer, issuu och liknande), och dagen du såg den (ÅÅÅÅ-MM-DD).",
                  "# document:",
                  "#   url: https://",
                  "#   format: pdf",
                  "#   copy: true  # bara om det är en kopia",
                  "#   seen: \"\"",
                  "# För en IOP: verksamheten, målgruppen och den offentliga partens bidrag, om en källa anger dem.",
                  "# iop:",
                  "#   activity: \"\"",
                  "#   target_group: \"\"",
                  "#   contribution: \"\""]
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
    lines += ["    # seen: \"\"  # dagen du läste källan, ÅÅÅÅ-MM-DD",
              "    # copy: true  # bara om adressen är en kopia på en dokumentdelningssajt (docplayer, issuu …)"]
    if t == "agreement":
        lines += ["    # states_period: true  # bara om just den här källan anger giltighetstiden"]
    lines += ["# Bilagor: titel och adress.", "# attachments: []", f"added: {_q(added)}", ""]
    return "\n".join(lines)


def target_path(data_dir: Path, new: NewRecord) -> Path:
    return Path(os.path.abspath(data_dir)) / FOLDER_OF_TYPE[new.type] / f"{new.id}.yaml"


def existing_with_id(data_dir: Path, record_id: str) -> list[Path]:
    """Every file under data_dir that is, or would be read as, or looks like, the record `record_id`.

    In any type folder (an id is unique across types) and in any form: .yaml, .yml, .md, a
    suffix in capitals, a misnamed copy (lok-a.yaml.txt), or a link; also outside the type folders.
    """
    wanted = record_id.casefold()
    found = []
    for dirpath, dirnames, filenames in os.walk(data_dir):
        dirnames[:] = sorted(d for d in dirnames if d not in ("schema", "places")
                             or Path(dirpath) != Path(data_dir))
        for name in sorted(filenames):
            if name.lstrip(".").split(".")[0].casefold() == wanted:
                found.append(Path(dirpath) / name)
    return found


class UnsafeTarget(RuntimeError):
    """`samverkan new` would write outside data/ or through a link; the message says so in Swedish."""


def write_inside(data_dir: Path, path: Path, text: str, overwrite: bool = False) -> None:
    """Write a new record file at `path`, which must be inside data_dir, through no symbolic link.

    The type folder is created when missing. The file is opened with O_NOFOLLOW (and O_EXCL
    unless overwriting), so a link put there in the meantime is refused, not written through.
    """
    data_dir = Path(os.path.abspath(data_dir))
    path = Path(os.path.abspath(path))
    if data_dir not in path.parents:
        raise UnsafeTarget(f"{path} ligger utanför {data_dir}; samverkan new skriver bara i data-mappen")
    if not data_dir.is_dir():
        raise UnsafeTarget(f"mappen {data_dir} finns inte; kör i projektets mapp eller ange --data")
    for step in [*reversed(path.relative_to(data_dir).parents[:-1]), path.relative_to(data_dir)]:
        here = data_dir / step
        if here.is_symlink():
            raise UnsafeTarget(f"{here} är en symbolisk länk (till {os.readlink(here)}); samverkan new skriver "
                               "inte genom länkar. Ta bort länken eller välj ett annat id")
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | (os.O_TRUNC if overwrite else os.O_EXCL)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        raise UnsafeTarget(f"{path} finns redan; välj ett annat id") from None
    except OSError as err:
        raise UnsafeTarget(f"{path} kan inte skrivas ({err.strerror}); samverkan new skriver inte genom "
                           "länkar") from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
