"""Sources described as what they are: copies marked as copies, hosts written as hosts, periods sourced.

A document-sharing site (docplayer, issuu, studylib ...) shows an upload of someone else's document:
it may be incomplete, or another version than the one adopted. A source or an agreement's own
document on such a host must say so with `copy: true`; COPY_HOSTS is the one list of such hosts
(extend it here, and CONTRIBUTING.md, which a test ties to it). A host written with a trailing dot
("issuu.com.") is refused everywhere a record gives an address. `until_further_notice` needs the
source that says so (`states_period: true`), so the status can name it (catalog.status).
"""
from __future__ import annotations

from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from samverkan.read.dates import PartialDate
from samverkan.read.records import Record

Found = tuple[tuple[int, int], str]  # (line, column), message

# Document-sharing sites: an address there is a copy. "name.*" means the name under any top-level
# domain (docplayer.se, docplayer.net, docplayer.com.br); every entry also covers its subdomains
# (sv.docplayer.net, www.issuu.com).
COPY_HOSTS: tuple[str, ...] = (
    "docplayer.*",
    "issuu.com",
    "studylib.*",
    "slideplayer.*",
    "lawinsider.com",
    "9lib.net",
    "5dok.org",
    "yumpu.com",
    "slideum.com",
    "fdocument.pub",
    "abcdocz.com",
    "docslib.org",
)


def host_of(url: str) -> str:
    """The host as written (lower case), '' when there is none."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def copy_host(url: str) -> str | None:
    """The COPY_HOSTS entry the address's host falls under, or None."""
    host = host_of(url).rstrip(".")
    if not host:
        return None
    for pattern in COPY_HOSTS:
        if fnmatchcase(host, pattern) or fnmatchcase(host, "*." + pattern):
            return pattern
    return None


def _addresses(data: dict):
    """(path to the field, label in messages, the mapping holding `copy` or None) per address."""
    for i, source in enumerate(_as_list(data.get("sources"))):
        if isinstance(source, dict) and isinstance(source.get("url"), str):
            yield ("sources", i, "url"), f"sources[{i + 1}].url", source
    document = data.get("document")
    if isinstance(document, dict) and isinstance(document.get("url"), str):
        yield ("document", "url"), "document.url", document
    for i, attachment in enumerate(_as_list(data.get("attachments"))):
        if isinstance(attachment, dict) and isinstance(attachment.get("url"), str):
            yield ("attachments", i, "url"), f"attachments[{i + 1}].url", None
    if isinstance(data.get("website"), str):
        yield ("website",), "website", None


def source_problems(record: Record) -> list[Found]:
    """Unmarked copies, hosts with a trailing dot, days seen that do not exist, and a 'tills vidare'
    no source states."""
    data = record.data
    out: list[Found] = []
    for path, label, holder in _addresses(data):
        url = _get(data, path)
        host = host_of(url)
        if host.endswith("."):
            out.append((record.position(*path),
                        f"{label}: värdnamnet '{host}' slutar med en punkt; skriv '{host.rstrip('.')}' utan "
                        "punkten sist"))
        pattern = copy_host(url)
        if pattern is not None and holder is not None and holder.get("copy") is not True:
            where = "under document" if path[0] == "document" else f"i källan (sources[{path[1] + 1}])"
            todo = "ändra till copy: true" if holder.get("copy") is False else "lägg till copy: true"
            out.append((record.position(*path),
                        f"{label}: {host.rstrip('.')} är en dokumentdelningssajt ({pattern}), så adressen "
                        f"visar en kopia och inte utgivarens original; {todo} {where}"))
    seen = [(("sources", i, "seen"), f"sources[{i + 1}].seen", s.get("seen"))
            for i, s in enumerate(_as_list(data.get("sources"))) if isinstance(s, dict)]
    if isinstance(data.get("document"), dict):
        seen.append((("document", "seen"), "document.seen", data["document"].get("seen")))
    for path, label, value in seen:
        # Only well-formed days here: the schema already explains a wrong format.
        if isinstance(value, str) and PartialDate.well_formed(value):
            try:
                PartialDate.parse(value)
            except ValueError as err:
                out.append((record.position(*path), f"{label}: {err}"))
    if data.get("until_further_notice") is True:
        sources = _as_list(data.get("sources"))
        if not any(isinstance(s, dict) and s.get("states_period") is True for s in sources):
            out.append((record.position("until_further_notice"),
                        "until_further_notice: true kräver en källa som säger att överenskommelsen gäller tills "
                        "vidare; markera den källan med states_period: true (eller ta bort until_further_notice)"))
    return out


def _get(data: dict, path: tuple):
    node = data
    for step in path:
        node = node[step]
    return node


def _as_list(value) -> list:
    return value if isinstance(value, list) else []
