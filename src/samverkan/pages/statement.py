"""The accessibility statement (tillgänglighetsredogörelse, /tillganglighet/).

DIGG's guidance for the DOS law (2018:1937) lists what a statement contains: the organisation and
the service, the compliance level (helt, delvis or inte förenlig), every known inaccessible part
with its reason, how and when it was assessed, the date it was last updated, how to report a
problem, a link to DIGG's complaints page, and the content that is exempted. The hand-written page
(docs/tillganglighet.md) has the prose, and in its front matter (`tillganglighet:`) the measured
part, which the accessibility tests keep true (tests/site/test_accessibility_statement.py). This
module turns that part into the Markdown that replaces the page's markers. Framework-free.
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

import yaml

from samverkan.read.dates import MONTHS_SV

STATEMENT_PAGE = "tillganglighet.md"  # docs/tillganglighet.md; its front matter has the data
DATA_KEY = "tillganglighet"
COMPLIANCE_LEVELS = ("helt förenlig", "delvis förenlig", "inte förenlig")
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"
# The markers docs/tillganglighet.md has, each replaced by a block of Markdown.
MARKERS = ("status", "brister", "metod", "kontakt", "undantag")


class StatementError(ValueError):
    """The statement's data file is wrong; the message names the file and what to do (Swedish)."""


@dataclass(frozen=True)
class PageType:
    name: str
    path: str


@dataclass(frozen=True)
class Check:
    id: str
    name: str


@dataclass(frozen=True)
class Problem:
    check: str  # "axe:<rule>" or the id of a manual check
    pages: tuple[str, ...]  # page type names
    description: str
    reason: str


@dataclass(frozen=True)
class Exempt:
    what: str
    why: str


@dataclass(frozen=True)
class Statement:
    compliance: str
    page_types: tuple[PageType, ...]
    checks: tuple[Check, ...]
    problems: tuple[Problem, ...]
    exempt: tuple[Exempt, ...]

    def problem_keys(self) -> set[tuple[str, str]]:
        """(check, page type) for every listed problem: what the tests compare with what they measure."""
        return {(p.check, page) for p in self.problems for page in p.pages}


def load_statement(path: Path) -> Statement:
    """The `tillganglighet:` part of the front matter of docs/tillganglighet.md."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
        front = text.split("---\n", 2)[1] if text.startswith("---\n") else ""
        raw = (yaml.safe_load(front) or {}).get(DATA_KEY)
    except (OSError, yaml.YAMLError, AttributeError) as err:
        raise StatementError(f"{path}: kan inte läsa tillgänglighetsredogörelsens data: {err}") from None
    if not isinstance(raw, dict):
        raise StatementError(f"{path}: sidhuvudet (front matter) saknar '{DATA_KEY}:' med redogörelsens data")

    def need(mapping, key, where):
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if value in (None, ""):
            raise StatementError(f"{path}: {where}{key} saknas; fyll i det (se kommentaren överst i filen)")
        return value

    compliance = need(raw, "compliance", "")
    if compliance not in COMPLIANCE_LEVELS:
        raise StatementError(f"{path}: compliance är '{compliance}'; skriv något av {', '.join(COMPLIANCE_LEVELS)}")
    page_types = tuple(PageType(str(need(p, "name", "page_types: ")), str(p.get("path") or ""))
                       for p in raw.get("page_types") or [])
    checks = tuple(Check(str(need(c, "id", "checks: ")), str(need(c, "name", "checks: ")))
                   for c in raw.get("checks") or [])
    names = {p.name for p in page_types}
    check_ids = {c.id for c in checks}
    problems = []
    for i, p in enumerate(raw.get("problems") or [], 1):
        where = f"problems[{i}]."
        check = str(need(p, "check", where))
        if check.split(":")[0] not in check_ids:
            raise StatementError(f"{path}: {where}check '{check}' är ingen av kontrollerna ({', '.join(sorted(check_ids))})")
        pages = tuple(need(p, "pages", where))
        unknown = [x for x in pages if x not in names]
        if unknown:
            raise StatementError(f"{path}: {where}pages nämner {unknown}, som inte finns under page_types")
        problems.append(Problem(check, pages, str(need(p, "description", where)), str(need(p, "reason", where))))
    if problems and compliance == "helt förenlig":
        raise StatementError(f"{path}: compliance är 'helt förenlig' men {len(problems)} kända brister finns; "
                             f"skriv 'delvis förenlig' eller 'inte förenlig'")
    exempt = tuple(Exempt(str(need(e, "what", "exempt: ")), str(need(e, "why", "exempt: ")))
                   for e in raw.get("exempt") or [])
    return Statement(compliance, page_types, checks, tuple(problems), exempt)


def swedish_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS_SV[day.month - 1]} {day.year}"


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def render_blocks(statement: Statement, *, site_name: str, assessed: dt.date, updated: dt.date,
                  feedback_email: str, repo_url: str) -> dict[str, str]:
    """The Markdown for each marker of docs/tillganglighet.md."""
    s = statement
    status = (f"Vi bedömer att {_e(site_name)} är **{s.compliance}** med lagen om tillgänglighet till digital "
              f"offentlig service.\n\n"
              f"- Bedömningen gjordes senast: **{swedish_date(assessed)}**.\n"
              f"- Redogörelsen uppdaterades senast: **{swedish_date(updated)}**.")
    if s.problems:
        items = []
        for p in s.problems:
            items.append(f"- **{_e(p.description)}** Gäller: {_e(', '.join(p.pages))}. "
                         f"Varför: {_e(p.reason)}")
        problems = "Vi känner till följande brister:\n\n" + "\n".join(items)
    else:
        problems = ("Testerna hittar inga brister på de sidtyper som granskas (se nedan). Det betyder inte att "
                    "allt är tillgängligt för alla: automatiska test hittar inte alla problem, och webbplatsen "
                    "har inte granskats manuellt mot alla krav i standarden. Upptäcker du en brist vill vi "
                    "gärna veta det.")
    method = ("Bedömningen är en självskattning. Den görs av webbplatsens automatiska tester, som körs i "
              "webbläsaren Chromium på varje ändring av webbplatsen, och den här förteckningen hålls sann av "
              "testerna: stämmer listan över brister inte med vad testerna hittar, stoppas ändringen. "
              "Testerna kontrollerar:\n\n"
              + "\n".join(f"- {_e(c.name)}" for c in s.checks)
              + "\n\nDe sidtyper som granskas är: " + _e(", ".join(p.name for p in s.page_types)) + ". "
              "Varje sidtyp prövas på en testuppsättning poster där alla fält är ifyllda.")
    contact = []
    if feedback_email:
        contact.append(f"- Skicka e-post till [{_e(feedback_email)}](mailto:{feedback_email}). "
                       f"Du behöver inget konto någonstans.")
    else:
        contact.append("- Någon e-postadress för synpunkter är inte angiven ännu.")
    if repo_url:
        contact.append(f"- Har du ett konto på GitHub kan du [skriva ett ärende]({repo_url.rstrip('/')}/issues/new) "
                       f"i projektets arkiv.")
    kontakt = ("Om du upptäcker problem som inte beskrivs här, eller om du behöver innehåll från "
               f"{_e(site_name)} i en annan form, vill vi gärna veta det:\n\n" + "\n".join(contact)
               + "\n\nSkriv gärna vilken sida det gäller och vad som inte fungerade.")
    if s.exempt:
        undantag = "\n".join(f"- **{_e(x.what)}.** {_e(x.why)}" for x in s.exempt)
    else:
        undantag = "Inget innehåll är undantaget."
    return {"status": status, "brister": problems, "metod": method, "kontakt": kontakt, "undantag": undantag}


def fill(markdown: str, blocks: dict[str, str]) -> str:
    """Replace each <!-- samverkan:tillganglighet:<name> --> marker; a missing marker is an error."""
    for name in MARKERS:
        marker = f"<!-- samverkan:tillganglighet:{name} -->"
        if marker not in markdown:
            raise StatementError(f"docs/{STATEMENT_PAGE}: markören {marker} saknas; lägg tillbaka den")
        markdown = markdown.replace(marker, blocks[name])
    return markdown
