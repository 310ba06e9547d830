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
_SCALARS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float")


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
        if tag in _SCALARS and isinstance(node, yaml.ScalarNode):
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


# Dates stay text: PartialDate checks them and can say what is wrong in Swedish.
_RecordLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


def _line_of_offset(text: str, offset: int) -> Position:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


def parse_yaml(text: str, line_offset: int = 0):
    """Parse one YAML document; raise LoadError with 1-based positions."""
    loader = _RecordLoader(text)
    # Aliases can only exist where the text has & or *; skip the bookkeeping otherwise.
    loader.watch_aliases = "&" in text or "*" in text
    try:
        return loader.get_single_data()
    except LoadError as err:
        err.line += line_offset
        raise
    except yaml.reader.ReaderError as err:
        line, col = _line_of_offset(text, err.position)
        raise LoadError(
            f"tecknet #x{err.character:04x} får inte stå i en YAML-fil; ta bort det", line + line_offset, col
        ) from None
    except yaml.MarkedYAMLError as err:
        message, mark = _explain_yaml_error(err, text)
        line, col = _pos(mark) if mark else (1, 1)
        raise LoadError(message, line + line_offset, col) from None
    except yaml.YAMLError as err:  # any other parser complaint, without a position
        raise LoadError(f"filen är inte giltig YAML ({err}); rätta syntaxen", 1 + line_offset, 1) from None
    except RecursionError:
        raise LoadError("filen är för djupt nästlad för att vara en post; förenkla strukturen", 1 + line_offset, 1) from None
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
    detail = (problem or context).strip()
    return f"filen är inte giltig YAML ({detail}); rätta syntaxen på den raden", mark


_MODELINE = re.compile(r"^\s*#")


def read_record_file(path: Path) -> tuple[object, str, str]:
    """Read a .yaml or .md record: return (fields, body text, whole file text).

    The fields keep their positions (LocatedDict); a .md body is the Markdown
    after the front matter. Raises LoadError for anything that is not a record.
    """
    path = path if isinstance(path, Path) else Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise LoadError("filen är inte sparad som UTF-8; spara om den som UTF-8 i din editor", line, col) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise LoadError("filen är tom; fyll i posten (se mallen från 'samverkan new')")

    body, offset, fields_text = "", 0, text
    if path.suffix == ".md":
        import frontmatter  # only .md records need it

        handler = frontmatter.YAMLHandler()
        if not handler.detect(text):
            raise LoadError("en .md-post ska börja med ---, fälten och ---; lägg till framsidan (front matter)")
        try:
            fields_text, body = handler.split(text)
        except ValueError:
            raise LoadError("framsidan (front matter) avslutas inte med ---; lägg till en rad med ---") from None
        offset = 1  # the opening --- line
    data = parse_yaml(fields_text, offset)
    if data is None:
        raise LoadError("posten har inga fält; fyll i posten (se mallen från 'samverkan new')", 1 + offset, 1)
    if not isinstance(data, dict):
        kind = "en lista" if isinstance(data, list) else "ett enskilt värde"
        raise LoadError(
            f"posten är {kind} men ska vara fält med värden; skriv fälten som 'fält: värde', ett per rad", 1 + offset, 1
        )
    return data, body.strip("\n"), text
