"""Records: what they are, where they live, and how a file becomes one."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from samverkan.read.yamlsource import LocatedDict, Position, read_record_file

# Folder under data/ -> record type. The folder is the type; the file name is the id.
TYPE_FOLDERS = {
    "agreements": "agreement",
    "consultations": "consultation",
    "reports": "report",
    "documents": "document",
    "organisations": "organisation",
}
FOLDER_OF_TYPE = {t: f for f, t in TYPE_FOLDERS.items()}

RECORD_SUFFIXES = (".yaml", ".yml", ".md")
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")  # use fullmatch


def plain(value):
    """A copy with ordinary dicts and lists (no positions): cheap to send between processes."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@dataclass
class Record:
    """One record as a maintainer wrote it, plus the place codes the catalog resolved."""

    id: str
    folder_type: str  # the type its folder says
    path: Path
    # As read (load_record): a LocatedDict with positions. As validate() returns it: plain dicts and
    # lists, from the serial and the parallel path alike; position() reads the positions back.
    data: dict
    body: str = ""
    text: str = ""  # the file as read, for the checks; validate() returns records without it
    county_codes: list[str] = field(default_factory=list)
    municipality_codes: list[str] = field(default_factory=list)
    _positions: LocatedDict | None = field(default=None, repr=False, compare=False)

    @property
    def type(self) -> str:
        return self.data.get("type", self.folder_type)

    @property
    def kind(self) -> str:
        return self.data.get("kind", "")

    @property
    def title(self) -> str:
        return str(self.data.get("title", self.id))

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    def located(self) -> LocatedDict:
        """The fields with their positions; read again from the file (once) when `data` is plain.

        Validated records are plain (far cheaper to send between processes); positions are then
        only needed for the rare problem found across records. `data` keeps its shape."""
        if isinstance(self.data, LocatedDict):
            return self.data
        if self._positions is None:
            self._positions = read_record_file(self.path)[0]
        return self._positions

    def position(self, *path: object) -> Position:
        """Line and column of a field (or an item inside it), else of the nearest parent."""
        node = self.located()
        best = node.start
        for step in path:
            positions = getattr(node, "key_positions", None)
            if positions is not None and step in positions:
                best = positions[step]
            else:
                items = getattr(node, "item_positions", None)
                if items is not None and isinstance(step, int) and 0 <= step < len(items):
                    best = items[step]
                else:
                    break
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
        return best


# Files under data/ that are not records and are known not to be: everything else is a record or
# an error (see scan_data). README files anywhere, git's placeholder, macOS folder metadata, and the
# temporary files editors keep next to a file being edited (vim .x.swp, emacs .#x and #x#, x~).
KNOWN_NAMES = {".gitkeep", ".DS_Store"}
README = re.compile(r"README(\.(md|txt|markdown))?\Z", re.IGNORECASE)
EDITOR_TEMPORARY = re.compile(r"(\..+\.sw[a-p]|\.#.+|#.+#|.+~|4913)\Z")
# The folders of data/ itself that hold what the records are checked against.
META_FOLDERS = {"schema": re.compile(r"[a-z0-9.-]+\.schema\.json\Z"),
                "places": re.compile(r"(counties|municipalities)\.yaml\Z")}
# Swedish names a maintainer may give a type folder.
_FOLDER_WORDS = {"overenskommelser": "agreements", "överenskommelser": "agreements", "avtal": "agreements",
                 "samrad": "consultations", "samråd": "consultations", "remisser": "consultations",
                 "rapporter": "reports", "dokument": "documents", "organisationer": "organisations",
                 "organizations": "organisations"}


@dataclass
class Scan:
    """Every file under a data folder, accounted for: a record, a known other file, or a problem."""

    records: list[Path] = field(default_factory=list)
    known: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)

    def all_files(self) -> set[Path]:
        return {*self.records, *self.known, *(p for p, _ in self.problems)}


def closest_folder(name: str) -> str | None:
    """The type folder a misspelt folder name most likely means ('Agreements', 'agreement' -> 'agreements')."""
    import difflib

    folded = name.casefold().strip()
    if folded in TYPE_FOLDERS:
        return folded
    if folded in _FOLDER_WORDS:
        return _FOLDER_WORDS[folded]
    if folded + "s" in TYPE_FOLDERS:
        return folded + "s"
    candidates = [*TYPE_FOLDERS, *_FOLDER_WORDS]
    match = difflib.get_close_matches(folded, candidates, n=1, cutoff=0.6)
    return (_FOLDER_WORDS.get(match[0], match[0])) if match else None


def suggested_name(name: str) -> str:
    """The record file name a misnamed file most likely should have: 'Lok-A.YAML.txt' -> 'lok-a.yaml'."""
    stem = name.lstrip(".").split(".")[0].rstrip("~")
    suffix = ".md" if re.search(r"\.(md|markdown)\b", name, re.IGNORECASE) else ".yaml"
    import unicodedata

    plain_letters = unicodedata.normalize("NFKD", stem.casefold()).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", plain_letters).strip("-") or "post-id"
    return stem + suffix


def _is_known(name: str) -> bool:
    return name in KNOWN_NAMES or bool(README.match(name)) or bool(EDITOR_TEMPORARY.match(name))


def _within(path: str, folders: tuple[str, ...]) -> bool:
    return any(path == f or path.startswith(f.rstrip(os.sep) + os.sep) for f in folders)


_FOLDER_LIST = ", ".join(f"data/{f}/" for f in TYPE_FOLDERS)


def _file_problem(name: str, folder: str | None) -> str:
    """Why a file in a type folder is not a record, and what to do."""
    good = suggested_name(name)
    lower = name.casefold()
    if lower.endswith(RECORD_SUFFIXES) and not name.endswith(RECORD_SUFFIXES):
        why = "filändelsen ska skrivas med små bokstäver"
    elif lower.endswith(".json"):
        why = "JSON läses inte som post; skriv posten som YAML"
    elif "." not in name.lstrip("."):
        why = "filen saknar filändelse"
    elif name.startswith("."):
        why = "filen är dold (namnet börjar med punkt)"
    else:
        why = f"filändelsen '{name[len(name.split('.')[0]):]}' läses inte (bara .yaml, .yml och .md)"
    return f"filen är ingen post och publiceras inte: {why}; byt namn till '{good}' eller ta bort filen"


def scan_data(data_dir: Path, meta_dir: Path | None = None, root: Path | None = None) -> Scan:
    """Every file under data_dir, each either a record file, a known non-record file, or a problem.

    Records are <type folder>/<...>/<id>.yaml|.yml|.md. The schema and places folders count as
    known when data_dir is the project's data/ (meta_dir). Symbolic links are followed only when
    what they point at stays inside the repository (root) or the data folder; otherwise the link
    is a problem. A missing folder, or one without a single record, is a problem too.
    """
    data_dir = Path(os.path.abspath(data_dir))
    scan = Scan()
    if not data_dir.is_dir():
        what = "finns inte" if not data_dir.exists() else "är ingen mapp"
        scan.problems.append((data_dir, f"mappen med poster {what}; ange en befintlig mapp (--data eller "
                                        f"SAMVERKAN_DATA_DIR) eller skapa den med undermappar som data/agreements/"))
        return scan
    allowed = tuple(str(Path(os.path.realpath(p))) for p in (root, data_dir) if p is not None)
    is_meta = meta_dir is not None and os.path.realpath(meta_dir) == os.path.realpath(data_dir)
    seen_dirs: set[str] = set()

    def link_problem(path: Path) -> str | None:
        """None when a link (or a path through one) stays inside; else why it is refused."""
        target = os.path.realpath(path)
        if not os.path.exists(target):
            return (f"länken pekar på '{os.readlink(path) if os.path.islink(path) else target}', som inte finns; "
                    "ta bort länken eller lägg filen här")
        if not _within(target, allowed):
            return (f"länken pekar utanför förrådet ({target}) och följs inte; lägg det som ska publiceras "
                    "här i stället för att länka")
        return None

    def walk(folder: Path, type_folder: str | None, meta: str | None):
        real = os.path.realpath(folder)
        if real in seen_dirs:
            return
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            scan.problems.append((folder, f"mappen kan inte läsas ({err.strerror}); kontrollera behörigheter"))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                problem = link_problem(path)
                if problem:
                    scan.problems.append((path, problem))
                    continue
            if entry.is_dir():
                if type_folder is None and meta is None:  # data/ itself: its folders are types or meta
                    if entry.name in TYPE_FOLDERS:
                        walk(path, entry.name, None)
                    elif is_meta and entry.name in META_FOLDERS:
                        walk(path, None, entry.name)
                    else:
                        _unknown_folder(path, entry.name)
                else:
                    walk(path, type_folder, meta)
                continue
            if not entry.is_file():
                scan.problems.append((path, "detta är ingen vanlig fil; ta bort den"))
            elif _is_known(entry.name):
                scan.known.append(path)
            elif meta is not None:
                if META_FOLDERS[meta].match(entry.name) and path.parent.name == meta:
                    scan.known.append(path)
                else:
                    scan.problems.append((path, f"filen läses inte: data/{meta}/ har bara "
                                                + ("record.schema.json" if meta == "schema"
                                                   else "counties.yaml och municipalities.yaml")
                                                + "; flytta eller ta bort filen"))
            elif type_folder is None:
                scan.problems.append((path, f"filen ligger inte i en typmapp och publiceras inte; flytta den till "
                                            f"en av {_FOLDER_LIST}"))
            elif entry.name.endswith(RECORD_SUFFIXES) and not entry.name.startswith("."):
                scan.records.append(path)
            else:
                scan.problems.append((path, _file_problem(entry.name, type_folder)))

    def _unknown_folder(path: Path, name: str):
        guess = closest_folder(name)
        if name in META_FOLDERS:
            why = (f"mappen '{name}' läses bara i projektets data/ (scheman och orter läses därifrån); "
                   "ta bort den här")
        else:
            hint = (f"menade du data/{guess}/? Flytta filerna dit" if guess
                    else f"flytta filerna till en av {_FOLDER_LIST}")
            why = f"mappen '{name}' är ingen typmapp och läses inte; {hint}"
        files = [p for p in sorted(path.rglob("*")) if p.is_file() or p.is_symlink()]
        for p in files or [path]:
            scan.problems.append((p, why))

    walk(data_dir, None, None)
    if not scan.records and not any(not p.is_dir() for p, _ in scan.problems):
        scan.problems.append((data_dir, "mappen har inga poster; lägg poster i " + _FOLDER_LIST
                                        + " (en tom webbplats byggs inte)"))
    scan.records.sort()
    return scan


def record_files(data_dir: Path) -> list[Path]:
    """Every record file under data/<type folder>/, sorted for stable output (see scan_data)."""
    return scan_data(data_dir).records


def folder_type_of(path: Path) -> str | None:
    """The record type a file's folder stands for, or None outside the type folders."""
    for part in reversed(path.parts[:-1] if isinstance(path, Path) else Path(path).parts[:-1]):
        if part in TYPE_FOLDERS:
            return TYPE_FOLDERS[part]
    return None


def load_record(path: Path) -> Record:
    """Read one file into a Record; raises yamlsource.LoadError when it is not one."""
    path = path if isinstance(path, Path) else Path(path)
    data, body, text = read_record_file(path)
    return Record(id=path.stem, folder_type=folder_type_of(path) or "", path=path, data=data, body=body, text=text)
