"""The `samverkan` command: validate, new, stats, generate, forslag, check-links, zensical build.

Every message is Swedish and no traceback reaches the user: an unexpected
error is reported in one line with a request to file an issue.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from samverkan.vocabulary import TYPE_LABELS_PLURAL
from samverkan.catalog.places import UnknownPlace, load_places
from samverkan.read.records import META_FOLDERS
from samverkan.vocabulary import KINDS
from samverkan.read.project import Project
from samverkan.validate.run import _expand, validate


def _print_report(report, fmt: str, out=sys.stdout, only: set[Path] | None = None) -> int:
    """Print problems (or a one-line summary); `only`: the files asked for, whose records are counted."""
    if report.problems:
        for p in report.problems:
            print(p.github_annotation() if fmt == "github" else str(p), file=out)
        print(f"{report.problem_count()}. Rätta felen ovan och kör samverkan validate igen.",
              file=sys.stderr)
        return 1
    counts = (report.counts_by_type() if only is None
              else Counter(r.type for r in report.records if Path(r.path) in only))
    parts = [f"{counts[t]} {TYPE_LABELS_PLURAL[t]}" for t in TYPE_LABELS_PLURAL if counts.get(t)]
    print(f"Alla {report.files_checked} filer är giltiga: " + (", ".join(parts) or "inga poster") + ".", file=out)
    return 0


class GitProblem(RuntimeError):
    """--changed could not ask git; the message says why and what to do, in Swedish."""


def _git(project: Project, *args: str) -> subprocess.CompletedProcess:
    # -z: names as written, without git's quoting of å, ä, ö; LC_ALL=C: git's words are not shown anyway
    try:
        return subprocess.run(["git", *args], cwd=project.root, capture_output=True, text=True,
                              env={**os.environ, "LC_ALL": "C"})
    except FileNotFoundError:
        raise GitProblem("--changed behöver git, som inte finns installerat här. Installera git "
                         "(t.ex. apt-get install git) eller kör samverkan validate utan --changed "
                         "för att kontrollera alla poster.") from None
    except OSError as err:
        raise GitProblem(f"git kunde inte startas ({err.strerror}); kör samverkan validate utan --changed "
                         "för att kontrollera alla poster.") from None


def changed_files(project: Project, base: str) -> list[Path]:
    """Files under data/ this branch added or changed against `base` (git merge-base).

    Also the files edited but not yet committed, and new files git does not track yet,
    so that a maintainer can run it before committing. Every such file is returned, whatever
    its name: validate() then checks it as a record or says why it is not one.
    """
    inside = _git(project, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise GitProblem(f"{project.root} är inget git-förråd, så --changed vet inte vad som ändrats. "
                         "Kör i en klon av förrådet, eller utan --changed för att kontrollera alla poster.")
    if _git(project, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").returncode != 0:
        remote, _, branch = base.partition("/")
        fetch = f"git fetch {remote} {branch}" if branch else f"git fetch origin {base}"
        raise GitProblem(f"grenen '{base}' finns inte här, så --changed har inget att jämföra med. "
                         f"Hämta den ({fetch}), eller ange en annan gren med --base.")
    if _git(project, "merge-base", base, "HEAD").returncode != 0:
        raise GitProblem(f"grenen '{base}' och HEAD har ingen gemensam historia här (en grund klon?). "
                         "Hämta mer historia (git fetch --unshallow) eller ange en annan gren med --base.")
    data = display_rel(project.data_dir, project.root)
    result = _git(project, "diff", "-z", "--name-only", "--diff-filter=ACMRT", f"{base}...HEAD", "--", data)
    if result.returncode != 0:
        raise GitProblem(f"git kunde inte jämföra med '{base}' (slutkod {result.returncode}); "
                         "kontrollera grenen eller kör utan --changed.")
    edited = _git(project, "diff", "-z", "--name-only", "--diff-filter=ACMRT", "HEAD", "--", data).stdout
    untracked = _git(project, "ls-files", "-z", "--others", "--exclude-standard", "--", data).stdout
    names = {n for out in (result.stdout, edited, untracked) for n in out.split("\0") if n}
    top = _git(project, "rev-parse", "--show-toplevel").stdout.strip() or str(project.root)
    return sorted(Path(top) / n for n in names if os.path.lexists(Path(top) / n))


def display_rel(path: Path, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _project(args) -> Project:
    """The project --root names, else the nearest folder with data/schema."""
    return Project.at(args.root) if args.root else Project.find()


def cmd_validate(args) -> int:
    project = _project(args)
    if args.data:
        project = Project.at(project.root, args.data)
    paths = [Path(p) for p in args.paths]
    if args.changed:
        paths = changed_files(project, args.base)
        if any(p.parent.name in META_FOLDERS and p.parent.parent == project.meta_dir for p in paths):
            paths = []  # the schema or the places changed: every record must be checked again
            print("Schemat eller orterna har ändrats; alla poster kontrolleras.", file=sys.stderr)
        elif not paths:
            print(f"Inga ändrade filer i data/ jämfört med {args.base}.")
            return 0
    report = validate(project, paths or None)
    # The whole data set is read (references must resolve) but only the asked-for files are counted.
    only = set(_expand(paths, project)) if paths else None
    return _print_report(report, args.format, only=only)


def _ask(prompt: str, default: str = "") -> str:
    suffix = f" [{default}]" if default else ""
    answer = input(f"{prompt}{suffix}: ").strip()
    return answer or default


def _ask_places(prompt: str, resolve) -> list[str]:
    """Ask for kommuner or län until every name resolves; offer the suggestions as the next answer."""
    default = ""
    while True:
        names = [n.strip() for n in _ask(prompt, default).split(",") if n.strip()]
        fixed, unknown = [], False
        for name in names:
            try:
                resolve(name)
                fixed.append(name)
            except UnknownPlace as err:
                print(err.advice(), file=sys.stderr)
                unknown = True
                if err.suggestion:
                    fixed.append(err.suggestion)
        if not unknown:
            return names
        default = ", ".join(fixed)


def cmd_new(args) -> int:
    from samverkan.tools.template import (TYPE_ALIASES, NewRecord, UnsafeTarget, existing_with_id, render,
                                          target_path, write_inside)
    from samverkan.read.records import ID_PATTERN

    project = _project(args)
    rtype = TYPE_ALIASES.get(args.type.casefold())
    if rtype is None:
        print(f"okänd typ '{args.type}'; välj en av: {', '.join(sorted(set(TYPE_ALIASES.values())))}", file=sys.stderr)
        return 2
    if not ID_PATTERN.fullmatch(args.id):
        print(f"'{args.id}' duger inte som id; använd små bokstäver a–z, siffror och bindestreck, t.ex. lok-vasteras",
              file=sys.stderr)
        return 2
    interactive = not args.no_input and sys.stdin.isatty()
    places = load_places(project.meta_dir / "places")
    new = NewRecord(type=rtype, id=args.id, kind=args.kind or "", title=args.title or "", summary=args.summary or "",
                    date=args.date or "", counties=args.lan or [], municipalities=args.kommun or [],
                    source_title=args.source_title or "", source_url=args.source_url or "",
                    source_publisher=args.source_publisher or "", added=args.added or "")
    if interactive:
        while new.kind not in KINDS[rtype]:
            if new.kind:
                print(f"okänt slag '{new.kind}'; välj en av: {', '.join(KINDS[rtype])}", file=sys.stderr)
            new.kind = _ask(f"Slag ({', '.join(KINDS[rtype])})", KINDS[rtype][0])
        new.title = new.title or _ask("Titel, som i källan")
        if rtype != "organisation":
            new.date = new.date or _ask("Datum eller år (tomt om källan inte säger)")
        if not new.municipalities:
            new.municipalities = _ask_places("Kommuner, kommaseparerade (tomt om ingen)", places.resolve_municipality)
        if not new.counties:
            new.counties = _ask_places("Län, kommaseparerade (tomt om inget)", places.resolve_county)
        new.source_title = new.source_title or _ask("Källans titel")
        new.source_url = new.source_url or _ask("Källans adress (https://..., tomt om ingen finns)")
    if new.kind and new.kind not in KINDS[rtype]:
        print(f"okänt slag '{new.kind}' för {rtype}; välj en av: {', '.join(KINDS[rtype])}", file=sys.stderr)
        return 2
    try:
        text = render(new, places)
    except UnknownPlace as err:
        print(err.advice(), file=sys.stderr)
        return 2
    data_dir = Project.at(project.root, args.data).data_dir if args.data else project.data_dir
    path = target_path(data_dir, new)
    taken = [p for p in existing_with_id(data_dir, new.id) if not (args.force and p == path)]
    if taken:
        shown_taken = ", ".join(display_rel(p, project.root) for p in taken)
        print(f"id '{new.id}' finns redan: {shown_taken}; välj ett annat id"
              + (" (--force skriver bara över samma fil)" if args.force else
                 " (eller --force för att skriva över samma fil)"), file=sys.stderr)
        return 1
    try:
        write_inside(data_dir, path, text, overwrite=args.force)
    except UnsafeTarget as err:
        print(str(err), file=sys.stderr)
        return 1
    shown = display_rel(path, project.root)
    print(f"Skrev {shown}. Fyll i fälten och kör: samverkan validate {shown}")
    return 0


def cmd_stats(args) -> int:
    from samverkan.build import ValidationFailed, load
    from samverkan.settings import Settings

    project = _project(args)
    try:
        catalog = load(Settings.from_env(project.root, data_dir=project.data_dir))
    except ValidationFailed as failed:
        return _print_report(failed.report, "text")
    places = catalog.places
    print(f"Poster: {len(catalog.records)}")
    print("\nPer typ:")
    for t, label in TYPE_LABELS_PLURAL.items():
        print(f"  {label:<36} {len(catalog.by_type.get(t, []))}")
    print("\nPer län (poster som nämner länet eller en kommun i det):")
    for code, county in sorted(places.counties.items()):
        print(f"  {code} {county.name:<24} {len(catalog.by_county.get(code, []))}")
    print("\nPer år:")
    for year in sorted(catalog.by_year):
        print(f"  {year}  {len(catalog.by_year[year])}")
    undated = sum(1 for r in catalog.records if r.type != "organisation" and catalog.year(r) is None)
    print(f"  utan år  {undated}")
    e = catalog.evidence()
    print(f"\nÖverenskommelser ({e.agreements}), vad källorna ger:")
    for label, n in (("med egen text (document)", e.with_document),
                     ("  varav kopia på en dokumentdelningssajt", e.with_document_copy),
                     ("med period (från, till eller tills vidare)", e.with_period),
                     ("  varav med källa som anger perioden", e.with_period_source),
                     ("med parter på båda sidor", e.with_both_sides),
                     ("med beslut (vem som beslutade)", e.with_decision),
                     ("där bara titeln är känd", e.title_only)):
        print(f"  {label:<44} {n}")
    empty_counties = [c.name for code, c in sorted(places.counties.items()) if not catalog.by_county.get(code)]
    print(f"\nLän utan poster ({len(empty_counties)}): " + (", ".join(empty_counties) or "inga"))
    empty = [m.name for code, m in sorted(places.municipalities.items()) if not catalog.by_municipality.get(code)]
    print(f"Kommuner utan egna poster ({len(empty)} av {len(places.municipalities)}): " + ", ".join(empty))
    return 0


def cmd_generate(args) -> int:
    from samverkan.tools.synthetic import write_synthetic

    out = Path(args.out)
    n = write_synthetic(out, args.count, seed=args.seed)
    print(f"Skrev {n} syntetiska poster i {out}")
    return 0


# argparse's own messages, in Swedish (its English templates, as Python 3.11-3.13 write them).
_ARGPARSE_SV = [
    (r"the following arguments are required: (.*)", r"dessa argument saknas: \1"),
    (r"unrecognized arguments: (.*)", r"okända argument: \1"),
    (r"argument (\S+): expected one argument", r"flaggan \1 behöver ett värde"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"\1: ogiltigt val \2 (välj en av \3)"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"\1: ogiltigt värde \3 (ska vara ett heltal)"),
    (r"argument (\S+): ignored explicit argument (.*)", r"flaggan \1 tar inget värde (fick \2)"),
    (r"ambiguous option: (\S+) could match (.*)", r"flaggan \1 är tvetydig: den kan vara \2"),
    (r"argument (\S+): (.*)", r"\1: \2"),
]


_ARGV: list[str] = []  # the arguments being parsed, for hints in SwedishParser.error


class SwedishHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


class SwedishParser(argparse.ArgumentParser):
    """argparse with Swedish usage, headings and error messages (exit code 2, as argparse)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", SwedishHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str):
        for pattern, replacement in _ARGPARSE_SV:
            if re.fullmatch(pattern, message, re.DOTALL):
                message = re.sub(pattern, replacement, message, flags=re.DOTALL)
                break
        hint = ""
        dashed = [a for a in _ARGV if re.fullmatch(r"-[^-\s]\S+", a)]
        if dashed and " new" in self.prog + " " + " ".join(_ARGV[:2]):
            hint = (f"\n'{dashed[0]}' läses som en flagga (den börjar med '-'); ett id börjar med en bokstav "
                    f"eller siffra, och ett slag anges med --kind, t.ex. --kind {dashed[0].lstrip('-')}.")
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {message}{hint}\nSkriv {self.prog} --help för hjälp.\n")


def cmd_forslag(args) -> int:
    """An issue form "Föreslå en ny överenskommelse" as a record (samverkan.tools.issueform)."""
    from samverkan.tools import issueform

    args.root = str(_project(args).root)
    return issueform.run(args)


def cmd_check_links(args) -> int:
    """Is every cited address still there? (samverkan.tools.linkcheck); the data folder from Settings."""
    from samverkan.settings import Settings
    from samverkan.tools import linkcheck

    project = _project(args)
    data_dir = Path(args.data_dir) if args.data_dir else Settings.from_env(project.root).data_dir
    return linkcheck.run(args, data_dir, root=project.root)


def _tool(sub, name: str, help: str, module, func, **options) -> None:
    """A command whose options and description are a tool module's own (its add_arguments and
    DESCRIPTION), so that it reads the same as the tool's own command line."""
    p = sub.add_parser(name, help=help, description=module.DESCRIPTION)
    module.add_arguments(p, **options)
    p.set_defaults(func=func)


def cmd_zensical(args) -> int:
    from samverkan.adapters.zensical import ZensicalFailed, build_site
    from samverkan.build import ValidationFailed
    from samverkan.settings import Settings

    project = _project(args)
    settings = Settings.from_env(project.root)
    try:
        report = build_site(settings, Path(args.site_dir) if args.site_dir else None,
                            Path(args.work_dir) if args.work_dir else None)
    except ValidationFailed as failed:
        _print_report(failed.report, "text")
        print("Webbplatsen byggs inte förrän felen är rättade.", file=sys.stderr)
        return 1
    except ZensicalFailed as err:
        print(f"samverkan zensical build: {err}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = SwedishParser(prog="samverkan", description="Samverkansbasens verktyg för poster.")
    parser.add_argument("--root", metavar="MAPP", help="projektets mapp (standard: närmaste mapp med data/schema)")
    sub = parser.add_subparsers(dest="command", required=True, title="kommandon", metavar="KOMMANDO",
                                parser_class=SwedishParser)

    v = sub.add_parser("validate", help="kontrollera poster och visa alla fel med fil och rad")
    v.add_argument("paths", nargs="*", metavar="SÖKVÄG", help="filer eller mappar (standard: alla poster i data/)")
    v.add_argument("--data", metavar="MAPP", help="mapp med poster i stället för data/ (scheman och orter läses ändå från data/)")
    v.add_argument("--format", choices=["text", "github"], default="text",
                   help="github: skriv fel som GitHub-annoteringar (::error file=…,line=…)")
    v.add_argument("--changed", action="store_true", help="kontrollera bara poster som ändrats mot --base")
    v.add_argument("--base", metavar="GREN", default="origin/main", help="gren att jämföra med för --changed (standard origin/main)")
    v.set_defaults(func=cmd_validate)

    n = sub.add_parser("new", help="skriv en mall för en ny post")
    n.add_argument("type", metavar="TYP", help="agreement, consultation, report, document eller organisation")
    n.add_argument("id", metavar="ID", help="postens id, blir filnamnet, t.ex. lok-vasteras")
    n.add_argument("--kind", metavar="SLAG", help="postens slag, t.ex. lok eller iop")
    n.add_argument("--title", metavar="TITEL", help="titeln som den står i källan")
    n.add_argument("--summary", metavar="TEXT", help="en eller två meningar med egna ord")
    n.add_argument("--date", metavar="DATUM", help="ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD")
    n.add_argument("--kommun", metavar="KOMMUN", action="append", help="kommun (namn eller kod); kan upprepas")
    n.add_argument("--lan", metavar="LÄN", action="append", help="län (namn eller kod); kan upprepas")
    n.add_argument("--source-title", metavar="TITEL", help="källans titel")
    n.add_argument("--source-url", metavar="ADRESS", help="källans adress (https://...)")
    n.add_argument("--source-publisher", metavar="UTGIVARE", help="vem som gav ut källan")
    n.add_argument("--added", metavar="DATUM", help="dag posten läggs till (standard: i dag)")
    n.add_argument("--data", metavar="MAPP", help="mapp med poster i stället för data/")
    n.add_argument("--force", action="store_true", help="skriv över en befintlig fil")
    n.add_argument("--no-input", action="store_true", help="fråga inte efter uppgifter som saknas")
    n.set_defaults(func=cmd_new)

    s = sub.add_parser("stats", help="poster per typ, län och år, vad överenskommelsernas källor ger, och län och kommuner utan poster")
    s.set_defaults(func=cmd_stats)

    g = sub.add_parser("generate", help="skriv syntetiska poster för mätningar")
    g.add_argument("out", metavar="MAPP", help="mappen att skriva posterna i")
    g.add_argument("--count", metavar="ANTAL", type=int, default=1000, help="antal poster (standard 1000)")
    g.add_argument("--seed", metavar="FRÖ", type=int, default=1, help="slumpfrö (standard 1)")
    g.set_defaults(func=cmd_generate)

    from samverkan.tools import issueform, linkcheck

    _tool(sub, "forslag", "gör en överenskommelsepost av ett ärende från formuläret ”Föreslå en ny överenskommelse”",
          issueform, cmd_forslag, root=False)
    _tool(sub, "check-links", "kontrollera att källornas och dokumentens adresser svarar; döda och flyttade "
                              "visas med fil och rad", linkcheck, cmd_check_links, data_default=None)

    z = sub.add_parser("zensical", help="bygg webbplatsen med Zensical i stället för MkDocs (prov, se CONTRIBUTING.md)")
    zsub = z.add_subparsers(dest="zensical_command", required=True, title="kommandon", metavar="KOMMANDO",
                            parser_class=SwedishParser)
    zb = zsub.add_parser("build", help="förbered sidorna, kör zensical build, kontrollera sidorna, kör Pagefind")
    zb.add_argument("--site-dir", metavar="MAPP", help="mapp för den färdiga webbplatsen (standard: .zensical/site)")
    zb.add_argument("--work-dir", metavar="MAPP", help="arbetsmapp för Zensical (standard: .zensical i projektet)")
    zb.set_defaults(func=cmd_zensical)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    _ARGV[:] = sys.argv[1:] if argv is None else list(argv)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (KeyboardInterrupt, EOFError):
        print("avbrutet", file=sys.stderr)
        return 130
    except GitProblem as err:
        print(f"samverkan validate --changed: {err}", file=sys.stderr)
        return 2
    except (FileNotFoundError, RuntimeError) as err:
        print(f"samverkan: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # never a traceback for the maintainer; say what to do instead
        print(f"samverkan: oväntat fel ({type(err).__name__}: {err}). "
              "Rapportera det som ett ärende på GitHub med kommandot du körde.", file=sys.stderr)
        return 70
