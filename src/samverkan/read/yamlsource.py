"""Read a record file strictly and remember where every key stands.

PyYAML's safe loader keeps the last of two duplicate keys silently, turns
"2019-02-30" into an exception deep inside, and follows aliases. This loader
(PyYAML's C parser, our own constructors) refuses duplicate keys, anchors and
aliases, leaves dates as text for our own checks, and records the line and
column of every key and list item so a message can point at it.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

try:  # the C parser is ~10x faster; fall back only where libyaml is missing
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader

Position = tuple[int, int]  # 1-based line, column


class LoadError(Exception):
    """A file that is not a readable record; line/column are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class LocatedDict(dict):
    """A dict that knows where it and each of its keys stand in the file."""

    __slots__ = ("start", "key_positions")
    # No __init__: the loader sets both slots right after creating one (a Python call per
    # mapping costs measurable time at 10,000 records).
    start: Position
    key_positions: dict[object, Position]


class LocatedList(list):
    """A list that knows where it and each of its items stand in the file."""

    __slots__ = ("start", "item_positions")
    start: Position
    item_positions: list[Position]


def _pos(mark) -> Position:
    return (mark.line + 1, mark.column + 1)


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# Scalars we accept; everything else (python/*, !!binary, !!set, !!timestamp, custom !tags) is refused.
_SCALARS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int")


class _RecordLoader(_Base):
    """C parser, and a small direct builder instead of PyYAML's generic constructor."""

    def construct_document(self, node):
        self._seen: set[int] | None = set() if getattr(self, "watch_aliases", True) else None
        return self._build(node)

    def _build(self, node):
        seen = self._seen
        if seen is not None:
            if id(node) in seen:  # the same node twice: an alias (*name)
                line, col = _pos(node.start_mark)
                raise LoadError(
                    "ankare och alias (&namn, *namn) används inte i poster; skriv ut värdet där det behövs",
                    line, col,
                )
            seen.add(id(node))
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _MAP and isinstance(node, yaml.MappingNode):
            return self._build_mapping(node)
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return self._build_sequence(node)
        if tag in _SCALARS and isinstance(node, yaml.ScalarNode) and _CORE_FORM[tag].match(node.value):
            # Only the forms the core schema resolves by itself: an explicit !!int on 0x7E3 or
            # 0162 would otherwise bring back YAML 1.1's hex and octal, and !!float is never needed.
            return self.yaml_constructors[tag](self, node)
        line, col = _pos(node.start_mark)
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise LoadError(
            f"YAML-taggen {shown} är inte tillåten i en post; ta bort taggen och skriv värdet som vanlig text",
            line, col,
        )

    def _build_mapping(self, node) -> LocatedDict:
        data = LocatedDict()
        data.start = _pos(node.start_mark)
        data.key_positions = positions = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, col = _pos(key_node.start_mark)
                raise LoadError("sammanslagning med << används inte i poster; skriv ut fälten", line, col)
            key = self._build(key_node)
            if isinstance(key, (dict, list)):
                line, col = _pos(key_node.start_mark)
                raise LoadError("en nyckel måste vara ett namn (text), inte en lista eller mappning", line, col)
            mark = key_node.start_mark
            if key in positions:
                raise LoadError(
                    f"fältet '{key}' står två gånger (först på rad {positions[key][0]}); behåll ett av dem",
                    mark.line + 1, mark.column + 1,
                )
            positions[key] = (mark.line + 1, mark.column + 1)
            data[key] = self._build(value_node)
        return data

    def _build_sequence(self, node) -> LocatedList:
        data = LocatedList()
        data.start = _pos(node.start_mark)
        data.item_positions = items = []
        build = self._build
        for child in node.value:
            mark = child.start_mark
            items.append((mark.line + 1, mark.column + 1))
            data.append(build(child))
        return data


# YAML 1.2 core schema, stricter where a value could change meaning: a plain scalar is
# null (~, null, Null, NULL, nothing), a boolean (true/True/TRUE, false/False/FALSE), an
# integer only when written as a canonical decimal (2019, -5, 0), and text otherwise,
# exactly as written. So "0162" stays the code 0162 (YAML 1.1 read it as octal 114),
# and 0x7E3, 33:39 (base 60), 2_019, 0o17, +12, 1e3, 3.5, yes, no, on and off are the
# text the file holds; the schema then says what is wrong with them. Dates stay text
# too: PartialDate checks them and can say what is wrong in Swedish.
_CORE_RESOLVERS = (
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)\Z"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)\Z"), list("tTfF")),
    ("tag:yaml.org,2002:int", re.compile(r"^(?:0|-?[1-9][0-9]*)\Z"), list("-0123456789")),
    # Not core, but recognised so that a << key is refused with a message, not taken as a field.
    ("tag:yaml.org,2002:merge", re.compile(r"^<<\Z"), ["<"]),
)
_CORE_FORM = {tag: rx for tag, rx, _ in _CORE_RESOLVERS[:3]}
_RecordLoader.yaml_implicit_resolvers = {}
for _tag, _rx, _first in _CORE_RESOLVERS:
    for _ch in _first:
        _RecordLoader.yaml_implicit_resolvers.setdefault(_ch, []).append((_tag, _rx))


def _line_of_offset(text: str, offset: int) -> Position:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


def parse_yaml(text: str):
    """Parse one YAML document; raise LoadError with 1-based positions."""
    loader = _RecordLoader(text)
    # Aliases can only exist where the text has & or *; skip the bookkeeping otherwise.
    loader.watch_aliases = "&" in text or "*" in text
    try:
        return loader.get_single_data()
    except LoadError:  # the builder's own, already positioned
        raise
    except yaml.reader.ReaderError as err:
        line, col = _line_of_offset(text, err.position)
        raise LoadError(
            f"tecknet #x{err.character:04x} får inte stå i en YAML-fil; ta bort det", line, col
        ) from None
    except yaml.MarkedYAMLError as err:
        message, mark = _explain_yaml_error(err, text)
        line, col = _pos(mark) if mark else (1, 1)
        raise LoadError(message, line, col) from None
    except yaml.YAMLError as err:  # any other parser complaint, without a position
        raise LoadError("filen är inte giltig YAML; kontrollera citattecken, kolon och indrag", 1, 1) from None
    except RecursionError:
        raise LoadError("filen är för djupt nästlad för att vara en post; förenkla strukturen", 1, 1) from None
    finally:
        loader.dispose()


def _char_at(text: str, mark) -> str:
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _explain_yaml_error(err: yaml.MarkedYAMLError, text: str):
    """A Swedish message and the mark to point at, for PyYAML's (English) complaints."""
    problem = err.problem or ""
    context = err.context or ""
    mark = err.problem_mark or err.context_mark
    if "expected a single document" in problem or "but found another document" in problem:
        return "filen innehåller flera YAML-dokument (---); en fil ska vara en post", mark
    if _char_at(text, err.problem_mark) == "\t" or "'\\t'" in problem:
        return "tabbtecken får inte användas för indrag i YAML; använd mellanslag", mark
    if "nesting depth" in problem:
        return ("filen är för djupt nästlad för att vara en post (för många [ eller { i varandra); "
                "förenkla strukturen"), mark
    if "invalid Unicode character escape" in problem:
        return ("escape-koden står för ett surrogat (\\ud800–\\udfff), inte för ett tecken; skriv tecknet "
                "självt, eller \\U och åtta siffror (t.ex. \\U0001F600)"), mark
    if "unknown escape character" in problem:
        return ("okänd escape-kod efter \\ inom \"...\"; skriv \\\\ för ett omvänt snedstreck, "
                "eller sätt värdet inom enkla citattecken ('...')"), mark
    if "hexdecimal number" in problem or "hexadecimal number" in problem:
        return ("escape-koden (\\x, \\u eller \\U) ska följas av hexadecimala siffror (0–9, a–f); rätta "
                "koden eller sätt värdet inom enkla citattecken ('...')"), mark
    if "quoted scalar" in context and err.context_mark is not None:
        return ("ett citattecken öppnas här men stängs aldrig; lägg till det avslutande citattecknet",
                err.context_mark)
    if "mapping values are not allowed" in problem:
        return ("ett kolon står där det inte får stå; sätt värdet inom citattecken (\"...\") "
                "om det innehåller ': '"), mark
    if "could not find expected ':'" in problem:
        return "ett kolon saknas efter fältnamnet; skriv 'fält: värde'", mark
    if "expected '-' indicator" in problem or "expected <block end>" in problem or "expected key" in problem:
        return "raden har fel indrag; ställ den i linje med fälten eller listpunkterna ovanför", mark
    if "found undefined alias" in problem or "found undefined anchor" in problem:
        return "ankare och alias (&namn, *namn) används inte i poster; skriv ut värdet där det behövs", mark
    if "cannot start any token" in problem:
        return ("tecknet här kan inte inleda ett värde i YAML (t.ex. @ eller `); sätt värdet inom "
                "citattecken (\"...\")"), mark
    if "did not find expected node content" in problem or "expected the node content" in problem:
        return "ett värde saknas eller står fel här; skriv ett värde, eller sätt det inom citattecken", mark
    if "did not find expected ',' or ']'" in problem or "did not find expected ',' or '}'" in problem:
        return "en lista [...] eller mappning {...} stängs inte; lägg till ] eller } (eller ett komma)", mark
    # libyaml's other complaints are English and rare: say where, in Swedish, and what to look at.
    return ("filen är inte giltig YAML här; kontrollera citattecken, kolon, indrag och hakparenteser "
            "på den raden och raden ovanför"), mark


# The largest real record is ~25 kB (a conference report with its transcript); a file 40 times
# that size is a pasted document or an accident, and would make every page of the build slow.
MAX_RECORD_BYTES = 1_000_000
_ODD_BREAK = re.compile("[\u0085\u2028\u2029]")
_BREAK_NAMES = {"\u0085": "NEL", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def has_front_matter(path: Path) -> bool:
    """A .md record is Markdown with its fields as YAML front matter between --- lines."""
    return Path(path).suffix == ".md"


def split_front_matter(text: str) -> tuple[str, str]:
    """A .md record's (fields, body). The one place the lines above the fields are accounted for:
    the fields text keeps a line for each line of the file above it, so every position in it (and
    so every problem with a field) is the file's own line, as in a .yaml record. Nothing else adds
    or removes an offset."""
    import frontmatter  # only .md records need it

    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        raise LoadError("en .md-post ska börja med ---, fälten och ---; lägg till framsidan (front matter)")
    try:
        fields, body = handler.split(text)
    except ValueError:
        raise LoadError("framsidan (front matter) avslutas inte med ---; lägg till en rad med ---") from None
    # The fields begin right after the opening --- (which the split may have taken blank lines with).
    above = text.count("\n", 0, handler.FM_BOUNDARY.search(text).end())
    return "\n" * above + fields, body


def read_record_file(path: Path) -> tuple[object, str, str]:
    """Read a .yaml or .md record: return (fields, body text, whole file text).

    The fields keep their positions (LocatedDict); a .md body is the Markdown
    after the front matter. Raises LoadError for anything that is not a record.
    """
    path = path if isinstance(path, Path) else Path(path)
    with open(path, "rb") as handle:
        raw = handle.read(MAX_RECORD_BYTES + 1)
    if len(raw) > MAX_RECORD_BYTES:
        size = path.stat().st_size
        raise LoadError(
            f"filen är {size:_} byte, mer än gränsen {MAX_RECORD_BYTES:_} byte för en post; korta texten "
            "och länka till hela dokumentet under sources eller attachments".replace("_", " "))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise LoadError("filen är inte sparad som UTF-8; spara om den som UTF-8 i din editor", line, col) from None
    text = text.removeprefix("\ufeff")
    # NEL, LS and PS are line breaks to PyYAML (YAML 1.1) but not in YAML 1.2: a value would
    # silently lose one (become a space or a new line). Refuse them where they stand.
    odd = _ODD_BREAK.search(text)
    if odd:
        line, col = _line_of_offset(text, odd.start())
        raise LoadError(f"tecknet U+{ord(odd.group()):04X} ({_BREAK_NAMES[odd.group()]}) är ett osynligt "
                        "radbrytningstecken; ta bort det eller ersätt det med ett mellanslag", line, col)
    if not text.strip():
        raise LoadError("filen är tom; fyll i posten (se mallen från 'samverkan new')")

    body, fields_text, first = "", text, 1  # first: the fields' first line
    if has_front_matter(path):
        fields_text, body = split_front_matter(text)
        first = 2  # below a .md record's ---
    data = parse_yaml(fields_text)
    if data is None:
        raise LoadError("posten har inga fält; fyll i posten (se mallen från 'samverkan new')", first, 1)
    if not isinstance(data, dict):
        kind = "en lista" if isinstance(data, list) else "ett enskilt värde"
        raise LoadError(
            f"posten är {kind} men ska vara fält med värden; skriv fälten som 'fält: värde', ett per rad", first, 1
        )
    return data, body.strip("\n"), text
