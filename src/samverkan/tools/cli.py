"""The `samverkan` command: validate, new, stats, generate, zensical build.

Every message is Swedish and no traceback reaches the user: an unexpected
error is reported in one line with a request to file an issue.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

from samverkan.vocabulary import TYPE_LABELS_PLURAL
from samverkan.catalog.places import UnknownPlace, load_places
from samverkan.read.records import TYPE_FOLDERS
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
              else Counter(r.type for r in report.records if Path(r.path).resolve() in only))
    parts = [f"{counts[t]} {TYPE_LABELS_PLURAL[t]}" for t in TYPE_LABELS_PLURAL if counts.get(t)]
    print(f"Alla {report.files_checked} filer är giltiga: " + (", ".join(parts) or "inga poster") + ".", file=out)
    return 0


def changed_files(project: Project, base: str) -> list[Path]:
    """Record files this branch added or changed against `base` (git merge-base).

    Also the files edited but not yet committed, and new files git does not track yet,
    so that a maintainer can run it before committing.
    """
    def git(*args: str) -> subprocess.CompletedProcess:
        # -z: names as written, without git's quoting of å, ä, ö
        return subprocess.run(["git", *args], cwd=project.root, capture_output=True, text=True)

    result = git("diff", "-z", "--relative", "--name-only", "--diff-filter=ACMR", f"{base}...HEAD", "--", "data")
    if result.returncode != 0:
        raise RuntimeError(f"git kunde inte jämföra med {base}: {result.stderr.strip()}")
    edited = git("diff", "-z", "--relative", "--name-only", "--diff-filter=ACMR", "HEAD", "--", "data").stdout
    untracked = git("ls-files", "-z", "--others", "--exclude-standard", "--", "data").stdout
    names = {n for out in (result.stdout, edited, untracked) for n in out.split("\0") if n}
    return sorted(project.root / n for n in names
                  if Path(n).suffix in (".yaml", ".yml", ".md") and Path(n).parts[1:2]
                  and Path(n).parts[1] in TYPE_FOLDERS)


def cmd_validate(args) -> int:
    project = Project.at(args.root) if args.root else Project.find()
    if args.data:
        project = Project.at(project.root, args.data)
    paths = [Path(p) for p in args.paths]
    if args.changed:
        paths = changed_files(project, args.base)
        if not paths:
            print(f"Inga ändrade poster jämfört med {args.base}.")
            return 0
    report = validate(project, paths or None)
    # The whole data set is read (references must resolve) but only the asked-for files are counted.
    only = {p.resolve() for p in _expand(paths)} if paths else None
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
    from samverkan.tools.template import TYPE_ALIASES, NewRecord, render, target_path
    from samverkan.read.records import ID_PATTERN

    project = Project.at(args.root) if args.root else Project.find()
    rtype = TYPE_ALIASES.get(args.type.casefold())
    if rtype is None:
        print(f"okänd typ '{args.type}'; välj en av: {', '.join(sorted(set(TYPE_ALIASES.values())))}", file=sys.stderr)
        return 2
    if not ID_PATTERN.match(args.id):
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
    path = target_path(project.data_dir if not args.data else Path(args.data), new)
    if path.exists() and not args.force:
        print(f"{path} finns redan; välj ett annat id (eller --force för att skriva över)", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    shown = path.resolve().relative_to(project.root) if path.resolve().is_relative_to(project.root) else path
    print(f"Skrev {shown}. Fyll i fälten och kör: samverkan validate {shown}")
    return 0


def cmd_stats(args) -> int:
    from samverkan.build import ValidationFailed, load
    from samverkan.settings import Settings

    project = Project.at(args.root) if args.root else Project.find()
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


def cmd_zensical(args) -> int:
    from samverkan.adapters.zensical import ZensicalFailed, build_site
    from samverkan.build import ValidationFailed
    from samverkan.settings import Settings

    project = Project.at(args.root) if args.root else Project.find()
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
    parser = argparse.ArgumentParser(prog="samverkan", description="Samverkansbasens verktyg för poster.")
    parser.add_argument("--root", help="projektets mapp (standard: närmaste mapp med data/schema)")
    sub = parser.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="kontrollera poster och visa alla fel med fil och rad")
    v.add_argument("paths", nargs="*", help="filer eller mappar (standard: alla poster i data/)")
    v.add_argument("--data", help="mapp med poster i stället för data/ (scheman och orter läses ändå från data/)")
    v.add_argument("--format", choices=["text", "github"], default="text",
                   help="github: skriv fel som GitHub-annoteringar (::error file=…,line=…)")
    v.add_argument("--changed", action="store_true", help="kontrollera bara poster som ändrats mot --base")
    v.add_argument("--base", default="origin/main", help="gren att jämföra med för --changed (standard origin/main)")
    v.set_defaults(func=cmd_validate)

    n = sub.add_parser("new", help="skriv en mall för en ny post")
    n.add_argument("type", help="agreement, consultation, report, document eller organisation")
    n.add_argument("id", help="postens id, blir filnamnet, t.ex. lok-vasteras")
    n.add_argument("--kind")
    n.add_argument("--title")
    n.add_argument("--summary")
    n.add_argument("--date")
    n.add_argument("--kommun", action="append", help="kommun (namn eller kod); kan upprepas")
    n.add_argument("--lan", action="append", help="län (namn eller kod); kan upprepas")
    n.add_argument("--source-title")
    n.add_argument("--source-url")
    n.add_argument("--source-publisher")
    n.add_argument("--added", help="dag posten läggs till (standard: i dag)")
    n.add_argument("--data", help="mapp med poster i stället för data/")
    n.add_argument("--force", action="store_true", help="skriv över en befintlig fil")
    n.add_argument("--no-input", action="store_true", help="fråga inte efter uppgifter som saknas")
    n.set_defaults(func=cmd_new)

    s = sub.add_parser("stats", help="poster per typ, län och år, och län och kommuner utan poster")
    s.set_defaults(func=cmd_stats)

    g = sub.add_parser("generate", help="skriv syntetiska poster för mätningar")
    g.add_argument("out")
    g.add_argument("--count", type=int, default=1000)
    g.add_argument("--seed", type=int, default=1)
    g.set_defaults(func=cmd_generate)

    z = sub.add_parser("zensical", help="bygg webbplatsen med Zensical i stället för MkDocs (prov, se CONTRIBUTING.md)")
    zsub = z.add_subparsers(dest="zensical_command", required=True)
    zb = zsub.add_parser("build", help="förbered sidorna, kör zensical build, kontrollera sidorna, kör Pagefind")
    zb.add_argument("--site-dir", help="mapp för den färdiga webbplatsen (standard: .zensical/site)")
    zb.add_argument("--work-dir", help="arbetsmapp för Zensical (standard: .zensical i projektet)")
    zb.set_defaults(func=cmd_zensical)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (KeyboardInterrupt, EOFError):
        print("avbrutet", file=sys.stderr)
        return 130
    except (FileNotFoundError, RuntimeError) as err:
        print(f"samverkan: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # never a traceback for the maintainer; say what to do instead
        print(f"samverkan: oväntat fel ({type(err).__name__}: {err}). "
              "Rapportera det som ett ärende på GitHub med kommandot du körde.", file=sys.stderr)
        return 70
