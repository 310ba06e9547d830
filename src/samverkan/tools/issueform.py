"""Turn a submitted issue form "Föreslå en ny överenskommelse" into an agreement record.

The issue body is attacker-controlled. It is parsed as text and never reaches a shell; the
record's id is an ASCII slug (no path separator, no `..`) and the file is written only inside
data/agreements/. A body that is too large, holds control characters, or does not look like the
form is refused with a Swedish message naming the form field and what to do; nothing is written.

The body is read exactly as GitHub renders a form: each field is a `### <label>` heading followed
by the answer, `_No response_` for an empty answer, and `- [X] label` / `- [ ] label` lines for
checkboxes. Line endings may be CRLF.

Pure API:   parse_body(body) -> (answers, messages)
            convert(body, root, today=...) -> Conversion (record, record_id, path, messages)
            to_yaml(record) -> str
            messages_markdown(messages) -> str
Command:    python -m samverkan.tools.issueform --event $GITHUB_EVENT_PATH --write ...
            (main(argv) -> int: 0 written or valid, 1 refused with messages, 2 usage error)

Only the standard library and PyYAML are used, so that the module stands on its own.
"""
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

# -- the form --------------------------------------------------------------------------------------

FORM_PATH = Path(".github") / "ISSUE_TEMPLATE" / "ny-overenskommelse.yml"
NO_RESPONSE = "_No response_"

# Form field id -> its label, in form order. The labels are the `### ` headings GitHub writes.
LABELS: dict[str, str] = {
    "title": "Titel",
    "kind": "Slag",
    "scope": "Nivå",
    "municipalities": "Kommun eller kommuner",
    "counties": "Län",
    "parties_public": "Offentliga parter",
    "parties_civil": "Idéburna parter",
    "organisations": "Andra organisationer",
    "date": "Datum",
    "valid_from": "Gäller från",
    "valid_to": "Gäller till och med",
    "until_further_notice": "Tills vidare",
    "decision_body": "Beslutande organ",
    "decision_date": "Beslutsdatum",
    "reference": "Diarienummer eller beteckning",
    "principles": "Principer",
    "themes": "Teman",
    "summary": "Sammanfattning",
    "iop_activity": "IOP: verksamheten",
    "iop_target_group": "IOP: målgruppen",
    "iop_contribution": "IOP: den offentliga partens bidrag",
    "document_url": "Överenskommelsens dokument",
    "document_copy": "Kopia",
    "source_title": "Källans titel",
    "source_url": "Källans adress",
    "source_publisher": "Källans utgivare",
    "source_date": "Källans datum",
    "attachments": "Bilagor",
    "related": "Hänger ihop med",
    "supersedes": "Ersätter",
    "people": "Personer i offentlig roll",
    "notes": "Övrigt",
    "honesty": "Källor och personuppgifter",
}
BY_LABEL = {label: fid for fid, label in LABELS.items()}

SINGLE_LINE = {"title", "kind", "scope", "municipalities", "counties", "date", "valid_from", "valid_to",
               "decision_body", "decision_date", "reference", "themes", "iop_target_group",
               "iop_contribution", "document_url", "source_title", "source_url", "source_publisher",
               "source_date", "supersedes"}
CHECKBOXES = {"until_further_notice", "principles", "document_copy", "honesty"}
REQUIRED = ("title", "kind", "source_title", "source_url")

KINDS = {
    "iop": "iop: idéburet offentligt partnerskap (om en konkret verksamhet)",
    "lok": "lok: lokal överenskommelse mellan en kommun och det lokala civilsamhället",
    "regional": "regional: regional överenskommelse (region eller landsting)",
    "national": "national: nationell överenskommelse (regeringen och idéburna organisationer)",
    "samverkansavtal": "samverkansavtal: annat samverkansavtal, t.ex. mellan Arbetsförmedlingen och en kommun",
}
SCOPES = {"local": "local: kommun", "regional": "regional: län eller region", "national": "national: hela landet"}
PRINCIPLES = {
    "sjalvstandighet": "Självständighet och oberoende (sjalvstandighet)",
    "dialog": "Dialog (dialog)",
    "kvalitet": "Kvalitet (kvalitet)",
    "langsiktighet": "Långsiktighet (langsiktighet)",
    "oppenhet": "Öppenhet och insyn (oppenhet)",
    "mangfald": "Mångfald (mangfald)",
}
UNTIL_FURTHER_NOTICE = "Källan säger att överenskommelsen gäller tills vidare."
DOCUMENT_COPY = ("Dokumentets adress är en kopia på en dokumentdelningssajt (t.ex. docplayer eller issuu), "
                 "inte utgivarens egen.")
HONESTY = (
    "Uppgifterna ovan står i källan jag anger; jag har inte gissat något.",
    "Jag har inte skrivit personnummer, privata e-postadresser eller privata telefonnummer.",
)
CHECKBOX_OPTIONS = {
    "until_further_notice": (UNTIL_FURTHER_NOTICE,),
    "principles": tuple(PRINCIPLES.values()),
    "document_copy": (DOCUMENT_COPY,),
    "honesty": HONESTY,
}

# -- limits ----------------------------------------------------------------------------------------

MAX_BODY = 65_536          # characters; GitHub's own limit for an issue body
MAX_LINE_FIELD = 500       # characters in a one-line answer
MAX_TEXT_FIELD = 5_000     # characters in a text area
MAX_ID = 80

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
THEME_RE = re.compile(r"^[a-zåäöé0-9][a-zåäöé0-9 -]*$")
HEADING = re.compile(r"^### (.*)$")
CHECKBOX = re.compile(r"^- \[( |x|X)\] (.*)$")
# Characters refused anywhere: C0/C1 controls other than tab and line feed (CR is a line ending),
# Unicode line/paragraph separators, and the bidirectional controls that make text read otherwise
# than it is stored.
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
RECORD_SUFFIXES = (".yaml", ".yml", ".md")


@dataclass
class Message:
    """One thing the proposer must fix: the form field (its label) and what to do, in Swedish."""

    field: str | None
    text: str

    def __str__(self) -> str:
        return f"{self.field}: {self.text}" if self.field else self.text


@dataclass
class Conversion:
    record: dict | None = None
    record_id: str | None = None
    path: Path | None = None
    messages: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.messages and self.record is not None


def _msg(fid: str | None, text: str) -> Message:
    return Message(LABELS.get(fid, fid) if fid else None, text)


def _show(value: str, limit: int = 80) -> str:
    """A value quoted in a message: one line, shortened, still only text."""
    value = " ".join(value.split())
    return "”" + (value if len(value) <= limit else value[: limit - 1] + "…") + "”"


# -- parsing ---------------------------------------------------------------------------------------

def _bad_character(text: str) -> str | None:
    for ch in text:
        if ch in "\t\n":
            continue
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in BIDI:
            return f"U+{ord(ch):04X}"
    return None


def parse_body(body: str | None) -> tuple[dict[str, object], list[Message]]:
    """The answers of a rendered issue form, by field id.

    Text fields give a str ("" when empty or `_No response_`), checkbox fields a list of the
    checked labels. Headings the form does not have are part of the answer above them; a form
    heading that appears twice (someone wrote one into a text field) is refused.
    """
    if body is None:
        body = ""
    if not isinstance(body, str):
        return {}, [_msg(None, "Ärendets text saknas eller är inte text. Skicka förslaget med formuläret "
                               "”Föreslå en ny överenskommelse”.")]
    if len(body) > MAX_BODY:
        return {}, [_msg(None, f"Ärendets text är för lång ({len(body)} tecken; högst {MAX_BODY}). "
                               "Korta texten i Sammanfattning och Övrigt och länka hellre till dokument.")]
    body = body.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")

    sections: dict[str, list[str]] = {}
    current: str | None = None
    messages: list[Message] = []
    preamble: list[str] = []
    for line in body.split("\n"):
        m = HEADING.match(line)
        label = m.group(1).strip() if m else None
        if label in BY_LABEL:
            fid = BY_LABEL[label]
            if fid in sections:
                messages.append(_msg(fid, "rubriken står två gånger i ärendet. Skriv inga rader som börjar "
                                          "med ### i textfälten."))
            sections[fid] = []
            current = fid
        elif current is None:
            preamble.append(line)
        else:
            sections[current].append(line)

    if not sections:
        return {}, [_msg(None, "Ärendet ser inte ut att komma från formuläret ”Föreslå en ny överenskommelse” "
                               "(inga av formulärets rubriker finns). Skicka förslaget med formuläret.")]
    if any(line.strip() for line in preamble):
        messages.append(_msg(None, "Ärendet har text före formulärets första rubrik. Skriv bara i formulärets fält."))

    answers: dict[str, object] = {}
    for fid, lines in sections.items():
        text = "\n".join(lines).strip("\n")
        bad = _bad_character(text)
        if bad:
            messages.append(_msg(fid, f"svaret innehåller ett styrtecken ({bad}). Skriv om svaret med vanlig text."))
            continue
        if fid in CHECKBOXES:
            checked = []
            for raw in text.split("\n"):
                line = raw.strip()
                if not line or line == NO_RESPONSE:
                    continue
                m = CHECKBOX.match(line)
                if not m:
                    messages.append(_msg(fid, f"raden {_show(line)} är inte en kryssruta från formuläret."))
                    continue
                option = m.group(2).strip()
                if option not in CHECKBOX_OPTIONS[fid]:
                    messages.append(_msg(fid, f"kryssrutan {_show(option)} finns inte i formuläret."))
                    continue
                if m.group(1) in "xX":
                    checked.append(option)
            answers[fid] = checked
            continue
        text = text.strip()
        if text == NO_RESPONSE:
            text = ""
        limit = MAX_LINE_FIELD if fid in SINGLE_LINE else MAX_TEXT_FIELD
        if len(text) > limit:
            messages.append(_msg(fid, f"svaret är för långt ({len(text)} tecken; högst {limit}). Korta det."))
            continue
        if fid in SINGLE_LINE and "\n" in text:
            messages.append(_msg(fid, "svaret ska vara en enda rad."))
            continue
        answers[fid] = text
    return answers, messages


# -- the data set ----------------------------------------------------------------------------------

def _front_matter(path: Path) -> dict:
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        if not text.startswith("---"):
            return {}
        text = text[3:].split("\n---", 1)[0]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def slug(text: str) -> str:
    """ASCII slug: å→a, ö→o, anything else that is not a letter or digit becomes one hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass
class DataSet:
    """What the converter needs from data/: organisations by name, and every record id."""

    root: Path
    organisations: dict[str, dict] = field(default_factory=dict)  # id -> record
    names: dict[str, str] = field(default_factory=dict)           # normalised name -> id
    ids: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, root: Path) -> "DataSet":
        root = Path(root)
        ds = cls(root)
        data = root / "data"
        for folder in sorted(p for p in data.iterdir() if p.is_dir() and p.name not in ("schema", "places")):
            for path in sorted(folder.iterdir()):
                if path.suffix not in RECORD_SUFFIXES or not path.is_file():
                    continue
                ds.ids.add(path.stem)
                if folder.name == "organisations":
                    rec = _front_matter(path)
                    ds.organisations[path.stem] = rec
                    for name in (rec.get("title"), rec.get("short_name"), path.stem):
                        if isinstance(name, str) and name.strip():
                            ds.names.setdefault(_norm(name), path.stem)
        return ds

    def organisation(self, name: str) -> str | None:
        return self.names.get(_norm(name)) or (slug(name) if slug(name) in self.organisations else None)

    def closest_organisations(self, name: str, n: int = 3) -> list[str]:
        by_title = {_norm(str(r.get("title", oid))): oid for oid, r in self.organisations.items()}
        hits = difflib.get_close_matches(_norm(name), list(by_title), n=n, cutoff=0.5)
        found = [by_title[h] for h in hits]
        for oid in difflib.get_close_matches(slug(name), list(self.organisations), n=n, cutoff=0.5):
            if oid not in found:
                found.append(oid)
        return found[:n]


# -- answers -> record -----------------------------------------------------------------------------

def _items(text: str) -> list[str]:
    """Comma- or line-separated items, bullets removed, duplicates dropped (order kept)."""
    out: list[str] = []
    for part in re.split(r"[,\n]", text):
        part = re.sub(r"^\s*[-*•]\s+", "", part).strip()
        if part and part not in out:
            out.append(part)
    return out


def _lines(text: str) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*[-*•]\s+", "", line).strip()
        if line and line not in out:
            out.append(line)
    return out


def _partial_date(fid: str, value: str, messages: list[Message]) -> str | None:
    if not value:
        return None
    m = PARTIAL_DATE.match(value)
    ok = bool(m) and 1800 <= int(m.group(1)) <= 2200
    if ok and m.group(2):
        ok = 1 <= int(m.group(2)) <= 12
    if ok and m.group(3):
        try:
            dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            ok = False
    if not ok:
        messages.append(_msg(fid, f"{_show(value)} är inget datum. Skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD "
                                  "(t.ex. 2012, 2012-06 eller 2012-06-21), bara så exakt som källan säger."))
        return None
    return value


def _url(fid: str, value: str, messages: list[Message]) -> str | None:
    if not value:
        return None
    parts = urlsplit(value) if not re.search(r"\s", value) else None
    if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname
            or "." not in parts.hostname or parts.username or parts.password
            or not re.match(r"^https?://[^\s/?#.][^\s]*$", value)):
        messages.append(_msg(fid, f"{_show(value)} är ingen webbadress. Skriv en hel adress som börjar med "
                                  "https:// (eller http://)."))
        return None
    return value


def _organisation_ids(fid: str, text: str, data: DataSet, messages: list[Message]) -> list[str]:
    found: list[str] = []
    for name in _lines(text):
        oid = data.organisation(name)
        if oid is None:
            close = data.closest_organisations(name)
            hint = (f"Närmast: {', '.join(close)}." if close else "Inga liknande namn finns.")
            messages.append(_msg(fid, f"{_show(name)} finns inte bland organisationerna i data/organisations/. "
                                      f"{hint} Skriv namnet som organisationen har i Samverkansbasen, eller be "
                                      "en förvaltare lägga till organisationen först."))
        elif oid not in found:
            found.append(oid)
    return found


def _record_ids(fid: str, text: str, data: DataSet, messages: list[Message]) -> list[str]:
    found: list[str] = []
    for item in _items(text):
        candidate = item
        if re.match(r"^https?://", item):
            path = urlsplit(item).path.rstrip("/")
            candidate = path.rsplit("/", 1)[-1].removesuffix(".html") if path else ""
        if ID_RE.match(candidate) and candidate in data.ids:
            if candidate not in found:
                found.append(candidate)
            continue
        close = difflib.get_close_matches(slug(candidate), sorted(data.ids), n=3, cutoff=0.6)
        hint = f" Närmast: {', '.join(close)}." if close else ""
        messages.append(_msg(fid, f"{_show(item)} är ingen post i Samverkansbasen.{hint} Skriv postens id "
                                  "(filnamnet utan .yaml) eller en länk till dess sida."))
    return found


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _checked(value: object) -> list[str]:
    return value if isinstance(value, list) else []


def answers_to_record(answers: dict[str, object], data: DataSet, today: dt.date) -> tuple[dict, list[Message]]:
    """The agreement record the answers describe; messages for every answer that cannot be used."""
    msgs: list[Message] = []
    a = {fid: _text(v) for fid, v in answers.items() if not isinstance(v, list)}
    c = {fid: _checked(v) for fid, v in answers.items() if isinstance(v, list)}

    for fid in REQUIRED:
        if not a.get(fid):
            msgs.append(_msg(fid, "fältet måste fyllas i."))

    rec: dict[str, object] = {"type": "agreement"}
    kind = None
    if a.get("kind"):
        code = a["kind"].split(":", 1)[0].strip()
        if code in KINDS:
            kind = code
        else:
            msgs.append(_msg("kind", f"{_show(a['kind'])} är inget av alternativen. Välj slag i listan: "
                                     f"{', '.join(KINDS)}."))
    rec["kind"] = kind
    if a.get("title"):
        rec["title"] = a["title"]
    if a.get("summary"):
        rec["summary"] = a["summary"]

    dates = {fid: _partial_date(fid, a.get(fid, ""), msgs) for fid in ("date", "valid_from", "valid_to")}
    for fid, value in dates.items():
        if value:
            rec[fid] = value
    if dates["valid_from"] and dates["valid_to"]:
        n = min(len(dates["valid_from"]), len(dates["valid_to"]))
        if dates["valid_to"][:n] < dates["valid_from"][:n]:
            msgs.append(_msg("valid_to", f"{dates['valid_to']} är före {LABELS['valid_from']} "
                                         f"({dates['valid_from']}). Kontrollera datumen mot källan."))

    until = bool(c.get("until_further_notice"))
    if until:
        if a.get("valid_to"):
            msgs.append(_msg("until_further_notice", "rutan är ikryssad men Gäller till och med är också ifyllt. "
                                                     "Ange det som källan säger: ett slutdatum eller tills vidare."))
        rec["until_further_notice"] = True

    decision_date = _partial_date("decision_date", a.get("decision_date", ""), msgs)
    if a.get("decision_body"):
        decision: dict[str, object] = {"body": a["decision_body"]}
        if decision_date:
            decision["date"] = decision_date
        rec["decision"] = decision
    elif decision_date:
        msgs.append(_msg("decision_date", "ange också Beslutande organ, eller lämna beslutsdatumet tomt."))

    if a.get("reference"):
        rec["reference"] = a["reference"]

    if a.get("scope"):
        code = a["scope"].split(":", 1)[0].strip()
        if code in SCOPES:
            rec["scope"] = code
        else:
            msgs.append(_msg("scope", f"{_show(a['scope'])} är inget av alternativen ({', '.join(SCOPES)})."))
    for fid in ("counties", "municipalities"):
        places = _items(a.get(fid, ""))
        if places:
            rec[fid] = places

    public = _organisation_ids("parties_public", a.get("parties_public", ""), data, msgs)
    civil = _organisation_ids("parties_civil", a.get("parties_civil", ""), data, msgs)
    for fid, ids, wrong, side in (("parties_public", public, "civilsamhalle", "idéburen"),
                                  ("parties_civil", civil, "offentlig", "offentlig")):
        for oid in ids:
            if data.organisations.get(oid, {}).get("kind") == wrong:
                msgs.append(_msg(fid, f"{oid} är en {side} organisation i Samverkansbasen. Flytta den till "
                                      f"{LABELS['parties_civil' if fid == 'parties_public' else 'parties_public']}."))
    parties = []
    for oid in public + civil:
        if oid not in [p["organisation"] for p in parties]:
            parties.append({"organisation": oid, "role": "part"})
    if parties:
        rec["parties"] = parties
    others = [o for o in _organisation_ids("organisations", a.get("organisations", ""), data, msgs)
              if o not in public + civil]
    if others:
        rec["organisations"] = others

    people = []
    for line in _lines(a.get("people", "")):
        name, sep, role = line.partition(",")
        if not sep or not name.strip() or not role.strip():
            msgs.append(_msg("people", f"{_show(line)}: skriv namn och offentlig roll, åtskilda med komma "
                                       "(t.ex. ”Anna Andersson, kommunstyrelsens ordförande”)."))
            continue
        people.append({"name": name.strip(), "role": role.strip()})
    if people:
        rec["people"] = people

    themes = []
    for theme in _items(a.get("themes", "")):
        theme = theme.lower()
        if not THEME_RE.match(theme) or len(theme) > 60:
            msgs.append(_msg("themes", f"{_show(theme)}: ett tema är ord med små bokstäver, siffror, mellanslag "
                                       "eller bindestreck (högst 60 tecken), t.ex. integration eller social välfärd."))
        elif theme not in themes:
            themes.append(theme)
    if themes:
        rec["themes"] = themes

    principles = [code for code, label in PRINCIPLES.items() if label in c.get("principles", [])]
    if principles:
        rec["principles"] = principles

    for fid in ("related", "supersedes"):
        ids = _record_ids(fid, a.get(fid, ""), data, msgs)
        if ids:
            rec[fid] = ids

    iop = {key: a[f"iop_{key}"] for key in ("activity", "target_group", "contribution") if a.get(f"iop_{key}")}
    if iop:
        if kind not in (None, "iop"):
            msgs.append(_msg("iop_activity", "IOP-fälten gäller bara en IOP. Välj slaget iop eller lämna "
                                             "IOP-fälten tomma."))
        rec["iop"] = iop

    document_url = _url("document_url", a.get("document_url", ""), msgs)
    if document_url:
        document: dict[str, object] = {"url": document_url}
        if c.get("document_copy"):
            document["copy"] = True
        rec["document"] = document
    elif c.get("document_copy") and not a.get("document_url"):
        msgs.append(_msg("document_copy", "rutan är ikryssad men Överenskommelsens dokument saknar adress."))

    source: dict[str, object] = {}
    if a.get("source_title"):
        source["title"] = a["source_title"]
    if a.get("source_publisher"):
        source["publisher"] = a["source_publisher"]
    source_url = _url("source_url", a.get("source_url", ""), msgs)
    if source_url:
        source["url"] = source_url
    source_date = _partial_date("source_date", a.get("source_date", ""), msgs)
    if source_date:
        source["date"] = source_date
    if dates["valid_from"] or dates["valid_to"] or until:
        source["states_period"] = True  # the form's one source is where the period was read
    rec["sources"] = [source]

    attachments = []
    for line in _lines(a.get("attachments", "")):
        m = re.match(r"^!?\[([^\]]+)\]\((https?://[^\s)]+)\)$", line)  # a dragged-in file: [name](url)
        if m:
            title, url = m.group(1).strip(), m.group(2)
        else:
            title, _, url = line.rpartition(" ")
            title = title.strip().rstrip(",:–-").strip()
        url = _url("attachments", url, msgs) if url else None
        if url is None:
            continue
        if not title:
            msgs.append(_msg("attachments", f"{_show(line)}: ge bilagan en titel före adressen."))
            continue
        attachments.append({"title": title, "url": url})
    if attachments:
        rec["attachments"] = attachments

    honesty = c.get("honesty", [])
    if "honesty" not in answers or len(set(honesty)) < len(HONESTY):
        msgs.append(_msg("honesty", "kryssa i båda rutorna: att uppgifterna står i källan och att inga "
                                    "personuppgifter finns i förslaget."))

    rec["added"] = today.isoformat()
    return rec, msgs


# -- id and file -----------------------------------------------------------------------------------

STOPWORDS = {"overenskommelse", "overenskommelsen", "mellan", "och", "i", "den", "det", "om", "for", "med",
             "en", "ett", "av", "pa", "till", "lokal", "lokala", "regional", "nationell", "idebur", "ideburna",
             "ideburen", "sektorn", "sektor", "iop", "partnerskap", "offentligt", "ideburet", "kommun", "stad"}


def _short(text: str, words: int = 5) -> str:
    kept = [w for w in slug(text).split("-") if w and w not in STOPWORDS][:words]
    return "-".join(kept)


def _trim(record_id: str) -> str:
    if len(record_id) <= MAX_ID:
        return record_id
    return record_id[:MAX_ID].rsplit("-", 1)[0]


def _place(rec: dict) -> str:
    for fid in ("municipalities", "counties"):
        for place in rec.get(fid, []) or []:
            name = re.sub(r"\s+län$", "", str(place).strip(), flags=re.I)
            if slug(name):
                return slug(name)
    return ""


def candidate_ids(rec: dict) -> list[str]:
    """Ids to try, in order: `<kind>-<place>`, with the year, with words of the title."""
    kind = rec["kind"]
    place = _place(rec)
    title = _short(str(rec.get("title", "")))
    year = str(rec.get("date") or rec.get("valid_from") or "")[:4]
    found = []
    options = ([f"{kind}-{place}-{title}", f"{kind}-{place}"] if kind == "iop"
               else [f"{kind}-{place}", f"{kind}-{place}-{year}", f"{kind}-{place}-{title}"])
    options += [f"{kind}-{title}", f"{kind}-{title}-{year}"]
    for option in options:
        option = _trim(re.sub(r"-+", "-", option).strip("-"))
        if option != kind and ID_RE.match(option) and option not in found:
            found.append(option)
    return found


def agreements_dir(root: Path) -> Path:
    return (Path(root) / "data" / "agreements").resolve()


def record_path(root: Path, record_id: str) -> Path:
    """data/agreements/<id>.yaml; refuses an id that is not a slug or would leave the folder."""
    if not ID_RE.match(record_id) or ".." in record_id or "/" in record_id or "\\" in record_id:
        raise ValueError(f"ogiltigt id: {record_id!r}")
    folder = agreements_dir(root)
    path = (folder / f"{record_id}.yaml").resolve()
    if path.parent != folder:
        raise ValueError(f"sökvägen hamnar utanför {folder}: {path}")
    return path


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    # Dates and codes stay strings: '2012', '2012-06', '1980' (never a number or a date).
    style = "'" if re.fullmatch(r"[0-9][0-9:.\-]*", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)

HEADER = "# yaml-language-server: $schema=../schema/record.schema.json\n"


def to_yaml(record: dict) -> str:
    return HEADER + yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                              default_flow_style=False)


def convert(body: str | None, root: Path, today: dt.date | None = None, data: DataSet | None = None) -> Conversion:
    """Parse, map and name; nothing is written. `ok` when there is no message."""
    today = today or dt.datetime.now(dt.timezone.utc).date()
    answers, messages = parse_body(body)
    if not answers:
        return Conversion(messages=messages)
    data = data or DataSet.load(root)
    record, more = answers_to_record(answers, data, today)
    messages += more
    result = Conversion(record=record, messages=messages)
    if record.get("kind") and record.get("title"):
        candidates = candidate_ids(record)
        free = [c for c in candidates if c not in data.ids]
        if not candidates:
            messages.append(_msg("title", "titeln ger inget id (den har inga bokstäver eller siffror). "
                                          "Skriv överenskommelsens titel som den står i dokumentet."))
        elif not free:
            messages.append(_msg("title", f"det finns redan poster med id {', '.join(candidates)}. Är det samma "
                                          "överenskommelse? Använd i så fall formuläret ”Rätta en post”; annars "
                                          "skriv titeln som den står i dokumentet."))
        else:
            result.record_id = free[0]
            result.path = record_path(root, free[0])
    return result


def write(result: Conversion) -> Path:
    """Write the record; never replaces an existing file."""
    assert result.ok and result.path is not None
    result.path.parent.mkdir(parents=True, exist_ok=True)
    with open(result.path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(to_yaml(result.record))
    return result.path


# -- messages for the issue ------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md_escape(text: str) -> str:
    """Text shown as text on GitHub: no markup, no HTML, no @-mention, no #-reference."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def messages_markdown(messages: list[Message]) -> str:
    lines = ["Tack för förslaget! Innan det kan bli en post behöver följande rättas. Redigera ärendet "
             "(”…” → ”Edit”) och ändra svaren i fälten nedan; kontrollen körs igen när du sparar.", ""]
    for m in messages:
        where = f"**{md_escape(m.field)}**: " if m.field else ""
        lines.append(f"- {where}{md_escape(m.text)}")
    lines += ["", "Ingen post har skrivits."]
    return "\n".join(lines) + "\n"


# -- command ---------------------------------------------------------------------------------------

def _read_event(path: Path) -> tuple[str | None, int | None]:
    event = json.loads(Path(path).read_text("utf-8"))
    issue = event.get("issue") or {}
    number = issue.get("number")
    return issue.get("body"), number if isinstance(number, int) else None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="samverkan forslag",
        description="Gör en överenskommelsepost av ett ärende från formuläret ”Föreslå en ny överenskommelse”.")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--event", help="GitHubs händelsefil (GITHUB_EVENT_PATH) för ett issues-event")
    src.add_argument("--body-file", help="en fil med ärendets text")
    p.add_argument("--root", default=".", help="projektets mapp (standard: .)")
    p.add_argument("--write", action="store_true", help="skriv posten i data/agreements/ (annars visas den bara)")
    p.add_argument("--messages", help="skriv meddelandena som Markdown i den här filen när förslaget inte går att använda")
    p.add_argument("--github-output", help="lägg till id=… och file=… i den här filen (GITHUB_OUTPUT)")
    p.add_argument("--today", help="dagens datum för added (ÅÅÅÅ-MM-DD; standard: i dag, UTC)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = Path(args.root)
    if not (root / "data" / "agreements").is_dir():
        print(f"{root}: hittar inte data/agreements/. Ange projektets mapp med --root.", file=sys.stderr)
        return 2
    try:
        today = dt.date.fromisoformat(args.today) if args.today else None
    except ValueError:
        print(f"--today: {args.today!r} är inget datum (ÅÅÅÅ-MM-DD).", file=sys.stderr)
        return 2
    try:
        if args.event:
            body, _ = _read_event(Path(args.event))
        else:
            with open(args.body_file, "rb") as fh:
                raw = fh.read(MAX_BODY * 4 + 1)  # a UTF-8 character is at most 4 bytes
            # More bytes than MAX_BODY characters can take: read no further, parse_body refuses it.
            body = raw.decode("utf-8") if len(raw) <= MAX_BODY * 4 else "x" * (MAX_BODY + 1)
    except (OSError, ValueError) as exc:
        print(f"Kunde inte läsa ärendet: {exc}", file=sys.stderr)
        return 2

    def refuse(messages: list[Message]) -> int:
        for m in messages:
            print(m, file=sys.stderr)
        if args.messages:
            Path(args.messages).write_text(messages_markdown(messages), "utf-8")
        return 1

    result = convert(body, root, today=today)
    if not result.ok:
        return refuse(result.messages)
    if args.write:
        try:
            path = write(result)
        except FileExistsError:
            return refuse([_msg("title", f"det finns redan en post med id {result.record_id}. Är det samma "
                                         "överenskommelse? Använd i så fall formuläret ”Rätta en post”.")])
        rel = path.relative_to(root.resolve())
        print(rel)
        if args.github_output:
            with open(args.github_output, "a", encoding="utf-8") as out:
                out.write(f"id={result.record_id}\nfile={rel.as_posix()}\n")
    else:
        sys.stdout.write(to_yaml(result.record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
