"""Source link check: is every address a record cites still there?

`extract_links(data_dir)` finds each address in the record YAML files (sources[].url, document.url,
attachments[].url, website) with its file and line, from PyYAML's node tree (`yaml.compose`), so a
line number is the line the address is written on. `check_links(links)` asks each distinct
address once and returns a `Report`: the dead ones (HTTP 4xx/5xx, a name that does not resolve, a
refused connection, no answer within the timeout, a TLS error, a redirect loop) and the moved ones
(reached through redirects: permanently with 301/308, temporarily with 302/303/307), each with every
file:line that cites it. `render_markdown` writes it as a Swedish issue body, `render_text` for a
terminal; `main(argv)` is the command line (exit code 1 when something is dead).

How it asks: HEAD first, and GET (headers only, the body is not read) when HEAD is refused or fails,
since many servers answer HEAD wrongly; redirects are followed by hand, at most `max_redirects`
hops, so each hop's status is known; one User-Agent that names the project and its address; a
socket timeout per request and a deadline per address; a bounded number of requests at once.

Why threads and urllib rather than asyncio with httpx or aiohttp: the check is a few hundred
requests a week, bound by waiting on the network, which a ThreadPoolExecutor of `concurrency`
workers does as well as an event loop; urllib is in the standard library (no new dependency in
the build's environment), verifies TLS with the system's certificates, and with its automatic
redirects switched off reports every hop's status, which is what the report needs. Nothing here
imports the rest of the project.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import errno
import http.client
import os
import socket
import ssl
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urljoin, urlsplit, urlunsplit
from urllib.request import HTTPRedirectHandler, ProxyHandler, Request, build_opener

import yaml

REPO_URL = "https://github.com/samverkansbasen/samverkansbasen"
USER_AGENT_NAME = "Samverkansbasen-lankkontroll/1.0"
PERMANENT = frozenset({301, 308})
TEMPORARY = frozenset({302, 303, 307})
# Where a record cites an address: top-level key -> how the address sits under it.
LINK_FIELDS = {"sources": "list", "attachments": "list", "document": "mapping", "website": "scalar"}
MARKER = "<!-- samverkansbasen-lankkontroll -->"

HTTP_REASONS_SV = {
    400: "felaktig begäran", 401: "kräver inloggning", 403: "åtkomst nekad", 404: "sidan finns inte",
    405: "metoden tillåts inte", 408: "servern väntade för länge", 410: "borttagen för gott",
    429: "för många förfrågningar", 451: "otillgänglig av juridiska skäl", 500: "serverfel",
    502: "felaktig gateway", 503: "tjänsten är inte tillgänglig", 504: "gateway svarade inte i tid",
}


def user_agent(repo_url: str = REPO_URL) -> str:
    return f"{USER_AGENT_NAME} (+{repo_url})"


@dataclass(frozen=True, order=True)
class Link:
    """An address as a record cites it."""

    url: str
    file: str
    line: int


@dataclass
class Result:
    """What one address answered. `status` is the last HTTP status (None when no answer came);
    `hops` the redirects followed, as (status, next address); `error` a Swedish reason when dead."""

    url: str
    status: int | None = None
    final_url: str | None = None
    hops: list[tuple[int, str]] = field(default_factory=list)
    error: str | None = None
    method: str = "HEAD"

    @property
    def dead(self) -> bool:
        return self.error is not None

    @property
    def moved(self) -> bool:
        return not self.dead and bool(self.hops)

    @property
    def permanent(self) -> bool:
        """Every redirect on the way was permanent (301/308): the record should cite the final address."""
        return self.moved and all(status in PERMANENT for status, _ in self.hops)


@dataclass
class Report:
    results: dict[str, Result]
    links: list[Link]

    def _cited(self, predicate) -> list[tuple[Result, list[Link]]]:
        out = []
        for url, result in sorted(self.results.items()):
            if predicate(result):
                out.append((result, sorted(link for link in self.links if link.url == url)))
        return out

    @property
    def dead(self) -> list[tuple[Result, list[Link]]]:
        return self._cited(lambda r: r.dead)

    @property
    def moved(self) -> list[tuple[Result, list[Link]]]:
        return self._cited(lambda r: r.moved)

    @property
    def moved_permanently(self) -> list[tuple[Result, list[Link]]]:
        return self._cited(lambda r: r.permanent)

    @property
    def redirected_temporarily(self) -> list[tuple[Result, list[Link]]]:
        return self._cited(lambda r: r.moved and not r.permanent)

    @property
    def broken(self) -> bool:
        """Something for the maintainers to fix: a dead address or a permanent move."""
        return bool(self.dead or self.moved_permanently)


# -- Finding the addresses --------------------------------------------------------------


class LinkSourceError(ValueError):
    """A record file the addresses cannot be read from; the message names file:line:column."""


def extract_links(data_dir: Path | str, *, root: Path | str | None = None,
                  problems: list[str] | None = None) -> list[Link]:
    """Every cited address in the YAML files under `data_dir`, in file and line order.

    Files are named relative to `root` (default: the parent of `data_dir`, so 'data/...').
    A file that is not valid YAML, or an address that is not text, is a problem: appended to
    `problems` when given (and the other files are still read), else raised as LinkSourceError.
    """
    data_dir = Path(data_dir)
    root = Path(root) if root is not None else data_dir.parent
    found: list[str] = []
    links: list[Link] = []
    for path in sorted(list(data_dir.rglob("*.yaml")) + list(data_dir.rglob("*.yml"))):
        name = _relative(path, root)
        try:
            node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
            found.append(f"{where}: filen är inte giltig YAML ({exc.problem or exc.context}); "
                         "rätta filen så att länkarna i den kan kontrolleras.")
            continue
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            found.append(f"{name}: filen kunde inte läsas ({exc}).")
            continue
        if not isinstance(node, yaml.MappingNode):
            continue
        for key, value in node.value:
            shape = LINK_FIELDS.get(key.value) if isinstance(key, yaml.ScalarNode) else None
            if shape == "scalar":
                _take(value, name, key.value, links, found)
            elif shape == "mapping" and isinstance(value, yaml.MappingNode):
                _take_url(value, name, key.value, links, found)
            elif shape == "list" and isinstance(value, yaml.SequenceNode):
                for index, item in enumerate(value.value):
                    if isinstance(item, yaml.MappingNode):
                        _take_url(item, name, f"{key.value}[{index}]", links, found)
    if problems is not None:
        problems.extend(found)
    elif found:
        raise LinkSourceError("\n".join(found))
    return sorted(links, key=lambda link: (link.file, link.line, link.url))


def _take_url(mapping: yaml.MappingNode, name: str, where: str, links: list[Link], found: list[str]) -> None:
    for key, value in mapping.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "url":
            _take(value, name, f"{where}.url", links, found)


def _take(node: yaml.Node, name: str, where: str, links: list[Link], found: list[str]) -> None:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        found.append(f"{name}:{line}:{column}: {where} ska vara en adress (text), inte "
                     f"{type(node).__name__.removesuffix('Node').lower()}.")
        return
    if node.value.strip():
        links.append(Link(node.value.strip(), name, line))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# -- Asking -----------------------------------------------------------------------------


class _NoRedirect(HTTPRedirectHandler):
    """Hand every 3xx back as an HTTPError, so each hop is seen and counted."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        return None


def check_links(links: Iterable[Link | tuple[str, str, int]], *, timeout: float = 15.0,
                concurrency: int = 8, retries: int = 1, max_redirects: int = 10,
                repo_url: str = REPO_URL, use_proxy: bool = True) -> Report:
    """Check each distinct address once, `concurrency` at a time; see the module docstring."""
    if timeout <= 0:
        raise ValueError("timeout måste vara större än 0 sekunder")
    if concurrency < 1:
        raise ValueError("concurrency måste vara minst 1")
    all_links = [link if isinstance(link, Link) else Link(*link) for link in links]
    urls = list(dict.fromkeys(link.url for link in all_links))
    agent = user_agent(repo_url)
    handlers = [_NoRedirect()] + ([] if use_proxy else [ProxyHandler({})])
    opener = build_opener(*handlers)
    results: dict[str, Result] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = {pool.submit(_check_one, opener, url, agent, timeout, retries, max_redirects): url
                   for url in urls}
        for future in concurrent.futures.as_completed(futures):
            results[futures[future]] = future.result()
    return Report(results=results, links=all_links)


def _check_one(opener, url: str, agent: str, timeout: float, retries: int, max_redirects: int) -> Result:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return Result(url, error="inte en http- eller https-adress")
    attempt = 0
    while True:
        result = _follow(opener, url, "HEAD", agent, timeout, max_redirects)
        if result.dead and result.error != _timeout_text(timeout) and not _no_answer(result):
            # HEAD refused or answered wrongly (405, 403, 404 or a dropped connection at some
            # servers): ask again with GET before calling the address dead.
            result = _follow(opener, url, "GET", agent, timeout, max_redirects)
        transient = result.dead and (result.status is None or result.status >= 500 or result.status == 429)
        if not transient or attempt >= retries:
            return result
        attempt += 1
        time.sleep(min(1.0, timeout / 4))


def _no_answer(result: Result) -> bool:
    """A failure before any HTTP answer that GET would meet too (DNS, refused, TLS)."""
    return result.status is None and result.error is not None and not result.error.startswith("anslutningen bröts")


def _timeout_text(timeout: float) -> str:
    return f"inget svar inom {timeout:g} s"


def _follow(opener, url: str, method: str, agent: str, timeout: float, max_redirects: int) -> Result:
    result = Result(url, method=method)
    deadline = time.monotonic() + timeout * (2 + max_redirects / 2)
    current = url
    seen = {url}
    for _hop in range(max_redirects + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            result.error = _timeout_text(timeout)
            return result
        request = Request(_ascii_url(current), method=method, headers={
            "User-Agent": agent, "Accept": "*/*", "Accept-Language": "sv,en;q=0.5"})
        try:
            response = opener.open(request, timeout=min(timeout, remaining))
            try:
                result.status = response.status
            finally:
                response.close()
            result.final_url = current
            return result
        except HTTPError as exc:
            status = exc.code
            location = exc.headers.get("Location") if exc.headers else None
            exc.close()
            result.status = status
            if 300 <= status < 400 and location:
                following = urljoin(current, location.strip())
                if urlsplit(following).scheme not in ("http", "https"):
                    result.error = f"omdirigeras till en adress som inte är http(s): {following}"
                    return result
                result.hops.append((status, following))
                if following in seen:
                    result.error = "omdirigeringarna går i en slinga"
                    return result
                seen.add(following)
                current = following
                continue
            result.final_url = current
            reason = HTTP_REASONS_SV.get(status, "fel från servern" if status >= 500 else "fel i begäran")
            if 300 <= status < 400:
                reason = "omdirigering utan ny adress"
            result.error = f"HTTP {status}: {reason}"
            return result
        except (URLError, OSError, http.client.HTTPException, ValueError) as exc:
            result.final_url = current
            result.error = _network_error_sv(exc, timeout)
            return result
    result.error = f"fler än {max_redirects} omdirigeringar"
    return result


def _network_error_sv(exc: BaseException, timeout: float) -> str:
    reason = exc.reason if isinstance(exc, URLError) and isinstance(exc.reason, BaseException) else exc
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return _timeout_text(timeout)
    if isinstance(reason, socket.gaierror):
        return "namnet finns inte (DNS-uppslagningen misslyckades)"
    if isinstance(reason, ConnectionRefusedError) or getattr(reason, "errno", None) == errno.ECONNREFUSED:
        return "anslutningen nekades (ingen server svarar på porten)"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"certifikatet godtas inte ({reason.verify_message or reason})"
    if isinstance(reason, ssl.SSLError):
        return f"TLS-fel ({reason.reason or reason})"
    if isinstance(reason, (ConnectionResetError, http.client.RemoteDisconnected, http.client.BadStatusLine)):
        return "anslutningen bröts innan servern svarade"
    if isinstance(reason, ValueError):
        return f"adressen går inte att använda ({reason})"
    return f"nätverksfel ({reason})"


def _ascii_url(url: str) -> str:
    """The address as urllib can send it: IDNA host, percent-encoded path and query."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    if parts.username:
        netloc = "@" + netloc  # credentials in a cited address are not sent
    safe = "/%:@!$&'()*+,;=-._~"
    return urlunsplit((parts.scheme, netloc.lstrip("@"), quote(parts.path, safe=safe),
                       quote(parts.query, safe=safe + "?"), ""))


# -- Rendering --------------------------------------------------------------------------


def escape_controls(text: str) -> str:
    """Control and format characters (newlines, ESC, bidi overrides, zero-width) as visible escapes."""
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _where(links: Sequence[Link]) -> list[str]:
    return [f"{link.file}:{link.line}" for link in links]


def render_text(report: Report) -> str:
    """Swedish, for a terminal; every cited text has its control characters escaped."""
    lines = [f"Länkkontroll: {len(report.results)} adresser kontrollerade "
             f"({len(report.links)} hänvisningar i posterna)."]
    groups = (
        ("Döda länkar", report.dead, lambda r: r.error),
        ("Flyttade för gott (byt adress i posten)", report.moved_permanently, _moved_text),
        ("Tillfälligt omdirigerade (oftast ingen åtgärd)", report.redirected_temporarily, _moved_text),
    )
    for title, items, describe in groups:
        if not items:
            continue
        lines.append("")
        lines.append(f"{title} ({len(items)}):")
        for result, links in items:
            lines.append(f"  {escape_controls(result.url)}")
            lines.append(f"    {escape_controls(describe(result))}")
            for place in _where(links):
                lines.append(f"    i {escape_controls(place)}")
    if not report.dead and not report.moved:
        lines.append("Inga döda eller flyttade länkar.")
    return "\n".join(lines) + "\n"


def _moved_text(result: Result) -> str:
    chain = ", ".join(f"{status}" for status, _ in result.hops)
    kind = "permanent" if result.permanent else "tillfällig"
    return f"→ {result.final_url} ({kind} omdirigering: {chain}; slutsvar HTTP {result.status})"


def _md_cell(text: str) -> str:
    """Text for a Markdown table cell, shown as text: nothing in it can become markup or a mention."""
    text = escape_controls(text)
    for ch in "\\`*_{}[]()<>#+!|~@&":
        text = text.replace(ch, "\\" + ch)
    return text


def _md_code(text: str) -> str:
    """A code span that holds any text (a longer backtick fence than any run inside), safe in a table."""
    text = escape_controls(text).replace("|", "\\|")
    run, best = 0, 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        best = max(best, run)
    fence = "`" * (best + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_place(link: Link, source_url: str | None) -> str:
    label = _md_cell(f"{link.file}:{link.line}")
    if not source_url:
        return label
    base = source_url if source_url.endswith("/") else source_url + "/"
    return f"[{label}]({base}{quote(link.file)}#L{link.line})"


TRUNCATED_NOTE = ("_Listan är avkortad för att rymmas i ärendet; hela rapporten står i körningens "
                  "sammanfattning på GitHub Actions._")


def render_markdown(report: Report, *, source_url: str | None = None, checked_at: str | None = None,
                    max_length: int | None = None) -> str:
    """A Swedish issue body listing the dead and the permanently moved addresses (and, folded, the
    temporary redirects); empty text when nothing is broken. `source_url` is where the files can
    be read ('https://github.com/<owner>/<repo>/blob/<commit>/'); each file:line then links there.
    With `max_length` (GitHub takes 65,536 characters in an issue body) whole rows are cut from
    the end and a note says so."""
    text = _render_markdown(report, source_url, checked_at)
    if max_length is None or len(text) <= max_length:
        return text
    budget = max_length - len(TRUNCATED_NOTE) - len("\n</details>\n\n\n")
    kept: list[str] = []
    used = 0
    for line in text.splitlines():
        if used + len(line) + 1 > budget:
            break
        kept.append(line)
        used += len(line) + 1
    opened = sum(line.startswith("<details>") for line in kept) > sum(line == "</details>" for line in kept)
    tail = (["", "</details>"] if opened else []) + ["", TRUNCATED_NOTE]
    return "\n".join(kept + tail) + "\n"


def _render_markdown(report: Report, source_url: str | None, checked_at: str | None) -> str:
    if not report.broken:
        return ""
    when = f" {_md_cell(checked_at)}" if checked_at else ""
    out = [MARKER,
           f"Länkkontrollen{when} hittade **{len(report.dead)}** döda och **{len(report.moved_permanently)}** "
           f"flyttade källänkar bland {len(report.results)} adresser i posterna.",
           "",
           "Rätta posten: byt till källans nya adress, eller ta bort adressen och skriv i `note` var källan "
           "fanns om den inte längre finns på webben. Gissa aldrig en ny adress. Den här listan skrivs om "
           "vid varje körning och ärendet stängs när inget är trasigt."]
    if report.dead:
        out += ["", f"## Döda länkar ({len(report.dead)})", "",
                "| Fil och rad | Adress | Fel |", "| --- | --- | --- |"]
        for result, links in report.dead:
            places = "<br>".join(_md_place(link, source_url) for link in links)
            out.append(f"| {places} | {_md_code(result.url)} | {_md_cell(result.error or '')} |")
    if report.moved_permanently:
        out += ["", f"## Flyttade för gott ({len(report.moved_permanently)})", "",
                "Servern säger att sidan har flyttat permanent (301/308): byt till den nya adressen om "
                "sidan där är samma källa.", "",
                "| Fil och rad | Adress | Ny adress |", "| --- | --- | --- |"]
        for result, links in report.moved_permanently:
            places = "<br>".join(_md_place(link, source_url) for link in links)
            out.append(f"| {places} | {_md_code(result.url)} | {_md_code(result.final_url or '')} |")
    temporary = report.redirected_temporarily
    if temporary:
        out += ["", "<details><summary>Tillfälligt omdirigerade adresser "
                f"({len(temporary)}), oftast ingen åtgärd</summary>", "",
                "| Fil och rad | Adress | Hamnar på |", "| --- | --- | --- |"]
        for result, links in temporary:
            places = "<br>".join(_md_place(link, source_url) for link in links)
            out.append(f"| {places} | {_md_code(result.url)} | {_md_code(result.final_url or '')} |")
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


# -- Command line -----------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="samverkan check-links",
        description="Kontrollerar att adresserna som posterna hänvisar till (källor, dokument, bilagor, "
                    "webbplatser) fortfarande svarar, och rapporterar döda och flyttade med fil och rad.")
    parser.add_argument("data_dir", nargs="?", default="data", help="mappen med poster (standard: data)")
    parser.add_argument("--format", choices=("text", "markdown"), default="text",
                        help="text för terminalen, markdown för ett ärende (tomt när inget är trasigt)")
    parser.add_argument("--timeout", type=float, default=15.0, help="sekunder att vänta på ett svar (standard 15)")
    parser.add_argument("--concurrency", type=int, default=8, help="förfrågningar samtidigt (standard 8)")
    parser.add_argument("--retries", type=int, default=1, help="nya försök vid nätverksfel och 5xx (standard 1)")
    parser.add_argument("--output", help="skriv rapporten till den här filen i stället för till standard ut")
    parser.add_argument("--source-url", help="adress där filerna kan läsas, för länkar i markdown, t.ex. "
                                             "https://github.com/ägare/repo/blob/<commit>/")
    parser.add_argument("--max-length", type=int, help="längsta markdown-text i tecken (avkortas radvis)")
    parser.add_argument("--repo-url", default=os.environ.get("SAMVERKAN_REPO_URL", REPO_URL),
                        help="projektets adress i User-Agent")
    args = parser.parse_args(argv)
    if args.timeout <= 0:
        parser.error("--timeout måste vara större än 0")
    if args.concurrency < 1:
        parser.error("--concurrency måste vara minst 1")
    if args.retries < 0:
        parser.error("--retries kan inte vara negativt")
    data_dir = Path(args.data_dir)
    if not data_dir.is_dir():
        print(f"Mappen {escape_controls(str(data_dir))} finns inte; ange mappen med poster.", file=sys.stderr)
        return 2
    problems: list[str] = []
    links = extract_links(data_dir, problems=problems)
    for problem in problems:
        print(escape_controls(problem), file=sys.stderr)
    report = check_links(links, timeout=args.timeout, concurrency=args.concurrency,
                         retries=args.retries, repo_url=args.repo_url)
    if args.format == "markdown":
        checked = time.strftime("%Y-%m-%d", time.gmtime())
        text = render_markdown(report, source_url=args.source_url, checked_at=checked,
                               max_length=args.max_length)
    else:
        text = render_text(report)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if report.dead:
        return 1
    return 2 if problems else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
