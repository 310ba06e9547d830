"""One check of the text a reader will see, after YAML and Markdown have decoded it.

A value is checked as it will be published, not as it is spelt in the file: YAML
escapes ("\\x38"), line continuations and Markdown entities, backslashes and
emphasis are undone first. Then:

- no control characters (a newline only in prose fields and the body, a tab only in the body);
- no characters that hide or reorder text (zero-width space, soft hyphen, bidi overrides ...);
  zero-width joiners and direction marks, which some scripts need, only in prose;
- no value made only of spaces and invisible characters;
- no personnummer or samordningsnummer, with any dash or space between the parts, in a
  value, the file name or the body as a reader sees it;
- no private e-mail address (see CONTRIBUTING.md: an organisation's functional address is fine).
"""
from __future__ import annotations

import html
import re
import unicodedata
from typing import Iterator

from samverkan.read.records import Record

Found = tuple[tuple[int, int], str]

# Fields whose value is prose: a newline there is text (a block scalar ends in one).
PROSE_FIELDS = frozenset({"summary", "note", "activity", "target_group", "contribution", "description"})
# Fields that hold a name or code to be compared: no invisible character at all.
NAME_FIELDS = frozenset({"counties", "municipalities", "url", "website", "organisation", "organisations",
                         "related", "supersedes", "themes", "principles", "kind", "type", "date", "valid_from",
                         "valid_to", "added", "updated", "seen", "format"})

# Hide text or change its order; never needed in a record.
HIDING = frozenset(
    [0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x200B, 0x2028, 0x2029, 0x2060, 0x2061,
     0x2062, 0x2063, 0x2064, 0x2800, 0x3164, 0xFEFF, 0xFFA0]
    + list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A)) + list(range(0xFFF9, 0xFFFC))
)
# Joiners and direction marks: Persian, Arabic, Indic scripts and emoji need them in prose.
JOINERS = frozenset([0x200C, 0x200D, 0x200E, 0x200F])

_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "tabb", 0x0A: "radbrytning", 0x0B: "VT", 0x0C: "FF",
          0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x00A0: "hårt mellanslag"}

# Any character that is not plain ASCII text or a letter: the slow path is taken only then.
_SUSPECT = re.compile(r"[^\x20-\x7e\u00c0-\u00ff]")
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = " \t\r\n\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SEP = f"(?:[{_SPACES}]*[{_DASHES}+][{_SPACES}]*|[{_SPACES}]+)?"
# YYMMDD or YYYYMMDD, then the four last digits, with any dash, plus or space between the parts.
_PNR = re.compile(rf"(?<![0-9])((?:19|20)?([0-9]{{2}})([0-9]{{2}})([0-9]{{2}})){_SEP}([0-9]{{4}})(?![0-9])")
_SIX_DIGITS = re.compile(r"[0-9]{6}")
_EMAIL = re.compile(r"([A-Za-z0-9._%+\-\u00c0-\u024f]+)@([A-Za-z0-9\-\u00c0-\u024f]+(?:\.[A-Za-z0-9\-\u00c0-\u024f]+)+)")

# Mailboxes that always belong to a person.
PERSONAL_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.se", "outlook.com", "outlook.se", "live.com",
    "live.se", "msn.com", "yahoo.com", "yahoo.se", "icloud.com", "me.com", "mac.com", "telia.com",
    "spray.se", "bredband.net", "comhem.se", "tele2.se", "passagen.se", "glocalnet.net", "aol.com",
    "protonmail.com", "proton.me", "gmx.com", "gmx.se", "mail.com",
})


_CHARACTER_PROBLEMS = ("innehåller ett styrtecken", "innehåller ett osynligt tecken", "består bara av mellanslag",
                       "slutar med en radbrytning")


def is_character_problem(message: str) -> bool:
    """Whether a message refuses a value for its characters (other checks of it are then moot)."""
    return any(marker in message for marker in _CHARACTER_PROBLEMS)


def visible(text: str, keep: str = "") -> str:
    """Text safe to print: control and invisible characters as escapes (\\n, \\x1b, \\u200b).

    `keep`: characters left as they are (the GitHub form escapes CR and LF its own way)."""
    if not _SUSPECT.search(text):
        return text
    out = []
    for ch in text:
        cp = ord(ch)
        if ch in keep:
            out.append(ch)
        elif cp < 0x20 or 0x7F <= cp < 0xA0 or cp in HIDING or cp in JOINERS or 0xD800 <= cp < 0xE000 \
                or unicodedata.category(ch) in ("Cf", "Co", "Cn", "Zl", "Zp"):
            out.append({0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(cp) or
                       (f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}"))
        else:
            out.append(ch)
    return "".join(out)


def _char_name(ch: str) -> str:
    cp = ord(ch)
    name = _NAMES.get(cp) or unicodedata.name(ch, "")
    return f"U+{cp:04X} {name}".rstrip()


def _bad_char(value: str, *, newline: bool, tab: bool, joiners: bool) -> str | None:
    for ch in value:
        cp = ord(ch)
        if cp < 0x20 or 0x7F <= cp < 0xA0:
            if (cp == 0x0A and newline) or (cp == 0x09 and tab) or (cp == 0x0D and tab):
                continue
            return ch
        if cp in HIDING or 0xD800 <= cp < 0xE000 or (cp in JOINERS and not joiners):
            return ch
    return None


def _character_message(label: str, value: str, bad: str) -> str:
    shown = f"{label}: '{visible(value)}'"
    if bad == "\n" and value.index("\n") == len(value) - 1:
        return (f"{shown} slutar med en radbrytning (ett block med | eller >, eller \\n); skriv värdet på "
                "samma rad som fältet, inom citattecken om det behövs")
    what = "ett styrtecken" if unicodedata.category(bad) == "Cc" else "ett osynligt tecken"
    advice = "ta bort det, eller skriv värdet på en rad" if bad == "\n" else "ta bort det"
    if bad == "\u2029" or bad == "\u2028":
        advice += " (inom \"...\" blir \\P och \\L sådana tecken: skriv \\\\ för ett omvänt snedstreck)"
    return f"{shown} innehåller {what} ({_char_name(bad)}); {advice}"


def _invisible_only(value: str) -> bool:
    for ch in value:
        if not (ch.isspace() or ord(ch) in HIDING or ord(ch) in JOINERS
                or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp")):
            return False
    return True


def _strings(node, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, path + (i,))


# A value worth a closer look: anything but printable ASCII and Latin-1 letters, a leading
# space, six digits in a row or an @. Most values of most records are none of these.
_LOOK = re.compile(r"[^\x21-\x7e\u00c0-\u00ff ]|^ |[0-9]{6}|@|\A\Z")


_RAW_RISK_CHAR = re.compile(r"[^\n\x20-\x3d\x3f\x41-\x5b\x5d-\x7b\x7d\x7e\u00c0-\u00ff]")  # not \\ @ | >
_RAW_RISK_SPAN = re.compile(r"""[0-9]{6}|\n[ \t]*\n|[:\[,{-][ \t]*(["'])[ \t]*\1""")


def _risky(text: str) -> bool:
    """Whether the file's text could decode to a value the checks refuse (a character beyond
    printable ASCII and Latin-1 letters, tab included; an escape, an @, a block scalar; six
    digits; a blank line inside a value; a quoted value of only spaces), or
    holds a quoted value over several lines (a line with an odd number of " or ')."""
    if not text or _RAW_RISK_CHAR.search(text) or _RAW_RISK_SPAN.search(text):
        return True
    return any(line.count('"') & 1 or line.count("'") & 1 for line in text.split("\n"))


def _values_to_look_at(node) -> Iterator[tuple[tuple, str]]:
    """(path, value) of the strings that need the full check, without building a path for the rest."""
    look = _LOOK.search
    stack = [((), node)]
    while stack:
        path, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, str):
                if look(value):
                    yield path + (key,), value
            elif isinstance(value, (dict, list)):
                stack.append((path + (key,), value))


def _label(path: tuple) -> str:
    text = ""
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def reader_view(text: str) -> str:
    """A value as it reads: compatibility forms folded (fullwidth digits), invisible characters gone."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ord(ch) not in HIDING and ord(ch) not in JOINERS
                   and unicodedata.category(ch) != "Cf")


def find_personal_numbers(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, as written, the ten digits) for each valid-looking personnummer or samordningsnummer."""
    for m in _PNR.finditer(text):
        _, yy, mm, dd, last4 = m.groups()
        month, day = int(mm), int(dd)
        if not 1 <= month <= 12 or not (1 <= day <= 31 or 61 <= day <= 91):  # 61–91: samordningsnummer
            continue
        if _luhn_ok(yy + mm + dd + last4):
            yield m.start(), m.group(0), yy + mm + dd + last4


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def pnr_message(found: str, where: str = "") -> str:
    place = f"{where}: " if where else ""
    return (f"{place}'{visible(found)}' ser ut som ett personnummer eller samordningsnummer; "
            "personnummer får aldrig stå i en post, ta bort det")


def private_email(local: str, domain: str) -> bool:
    """A person's address: at a personal mailbox provider, or a name (anna.svensson@, a_svensson@)."""
    if domain.lower() in PERSONAL_MAIL_DOMAINS:
        return True
    parts = [p for p in re.split(r"[._\-+]", local.lower()) if p]
    return len(parts) >= 2 and all(p.isalpha() for p in parts) and not any(p in FUNCTIONAL_WORDS for p in parts)


# Local parts that name a function, not a person (info.skane@, press-kontakt@ stay allowed).
FUNCTIONAL_WORDS = frozenset({
    "info", "information", "kontakt", "kansli", "registrator", "registratur", "press", "kommun", "kommunen",
    "region", "regionen", "forvaltning", "kundtjanst", "servicecenter", "service", "support", "ekonomi",
    "stab", "kommunstyrelsen", "socialtjansten", "civilsamhalle", "civilsamhallet", "ideburen", "iop",
    "lok", "samverkan", "overenskommelse", "forum", "post", "mail", "office", "admin", "styrelse",
    "styrelsen", "ordforande", "sekretariat", "sekretariatet", "diarium", "natverk", "natverket",
    "kontaktcenter", "medborgarservice", "nämnd", "namnd", "bistand", "forening", "foreningen",
})


def _email_problems(value: str) -> Iterator[str]:
    for m in _EMAIL.finditer(value):
        local, domain = m.group(1), m.group(2)
        if private_email(local, domain):
            yield (f"'{visible(m.group(0))}' ser ut som en privat e-postadress; ange organisationens "
                   "funktionsadress (t.ex. info@ eller registrator@) eller ta bort adressen")


def text_problems(record: Record) -> list[Found]:
    """Every problem of the record's decoded text: fields, file name and body."""
    out: list[Found] = []
    raw_found = raw_personal_numbers(record)
    reported_digits = {digits for _, _, digits in raw_found}
    out.extend((pos, pnr_message(found)) for pos, found, _ in raw_found)

    # The walk over the values is skipped when the file's text cannot decode to a value the
    # checks below would refuse (no escapes, no quoted blanks, no character beyond Latin-1 ...).
    values = _values_to_look_at(record.data) if _risky(record.text) else ()
    for path, value in values:
        fields = [p for p in path if isinstance(p, str)]
        leaf = fields[-1] if fields else ""
        prose = leaf in PROSE_FIELDS
        suspect = _SUSPECT.search(value)
        if (suspect or value[:1] == " " or not value.strip()) and value and _invisible_only(value):
            what = "titeln som i källan" if leaf == "title" else "ett värde eller ta bort fältet"
            out.append((record.position(*path), f"{_label(path)} består bara av mellanslag eller osynliga tecken; skriv {what}"))
            continue
        if suspect:
            bad = _bad_char(value, newline=prose, tab=False,
                            joiners=leaf not in NAME_FIELDS and fields[:1] not in (["counties"], ["municipalities"]))
            if bad is not None:
                out.append((record.position(*path), _character_message(_label(path), value, bad)))
                continue
        if _SIX_DIGITS.search(value) or suspect:
            seen = reader_view(value) if suspect else value
            for _, found, digits in find_personal_numbers(seen):
                if digits not in reported_digits:  # spelt with escapes or a line continuation
                    reported_digits.add(digits)
                    out.append((record.position(*path), pnr_message(found, _label(path))))
        if "@" in value:
            out.extend((record.position(*path), f"{_label(path)}: {msg}") for msg in _email_problems(value))

    name = record.path.name
    for _, found, digits in find_personal_numbers(reader_view(name) if _LOOK.search(name) else ""):
        if digits not in reported_digits:
            reported_digits.add(digits)
            out.append(((1, 1), pnr_message(found, f"filnamnet '{visible(name)}'") + " och byt namn på filen"))

    out.extend(_body_problems(record, reported_digits))
    return out


def raw_personal_numbers(record: Record) -> list[tuple[tuple[int, int], str, str]]:
    """Personnummer as the file spells them, line by line: fields, comments and body."""
    text = record.text
    if not _SIX_DIGITS.search(text):
        return []
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if _SIX_DIGITS.search(line):
            for at, found, digits in find_personal_numbers(line):
                out.append(((n, at + 1), found, digits))
    return out


def _body_line(record: Record) -> int:
    """The line of the file the body starts on (field positions are the file's lines too)."""
    text = record.text.removeprefix("\ufeff")
    if not record.body:
        return 1
    at = text.find(record.body)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _body_problems(record: Record, reported_digits: set[str]) -> list[Found]:
    body = record.body
    if not body:
        return []
    out: list[Found] = []
    start = _body_line(record)
    bad = _bad_char(body, newline=True, tab=True, joiners=True) if _SUSPECT.search(body) else None
    if bad is not None:
        at = body.index(bad)
        line = start + body.count("\n", 0, at)
        col = at - (body.rfind("\n", 0, at) + 1) + 1
        what = "ett styrtecken" if unicodedata.category(bad) == "Cc" else "ett osynligt tecken"
        out.append(((line, col), f"texten innehåller {what} ({_char_name(bad)}); ta bort det"))
    if re.search(r"[0-9]", body) and (len(re.findall(r"[0-9]", body)) >= 10):
        # Line by line first, to point at the line; then the whole body, for what spans lines.
        pieces = [(start + n, line) for n, line in enumerate(body.split("\n")) if re.search(r"[0-9&]", line)]
        for line_no, text in pieces + [(start, body)]:
            for _, found, digits in find_personal_numbers(reader_view(_markdown_as_read(text))):
                if digits not in reported_digits:
                    reported_digits.add(digits)
                    out.append(((line_no, 1), pnr_message(found, "texten (som den läses på sidan)")))
    if "@" in body:
        seen = _markdown_as_read(body)
        out.extend(((start, 1), f"texten: {msg}") for msg in _email_problems(seen))
    return out


_TAG = re.compile(r"<[^>]*>")


def _markdown_as_read(body: str) -> str:
    """The body as the page shows it: rendered as the site renders it, tags dropped, entities decoded."""
    from samverkan.pages.body import BodyRenderer

    rendered = _RENDERER[0] if _RENDERER else None
    if rendered is None:
        _RENDERER.append(BodyRenderer())
        rendered = _RENDERER[0]
    return html.unescape(_TAG.sub("", rendered(body)))


_RENDERER: list = []
