"""The source link check against a local HTTP server on 127.0.0.1 (no test touches the network)."""
from __future__ import annotations

import http.server
import socket
import threading
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SRC = REPO_ROOT / "src"

# Until the package moves from hooks/samverkan to src/samverkan, tests/conftest.py imports samverkan
# from hooks/; let that package also find the new sub-packages in src/samverkan (a no-op otherwise).
import samverkan  # noqa: E402

if str(SRC / "samverkan") not in [str(Path(p)) for p in samverkan.__path__]:
    samverkan.__path__.append(str(SRC / "samverkan"))

from samverkan.tools import linkcheck  # noqa: E402
from samverkan.tools.linkcheck import Link  # noqa: E402

# Generous enough for a loaded 2-core machine: a healthy local answer takes milliseconds.
SLOW_SECONDS = 6.0
TIMEOUT = 1.5


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes: /ok 200, /moved 301→/ok, /moved308 308→/ok, /found 302→/ok, /temp307 307→/ok,
    /chain 301→/found→/ok, /relative 301 with a relative Location, /gone 404, /removed 410,
    /error 500, /slow (answers after SLOW_SECONDS), /nohead (HEAD 405, GET 200), /loop (to itself),
    /busy/<n> (holds the request 0.2 s, to count requests at once)."""

    protocol_version = "HTTP/1.1"
    log: list[tuple[str, str, str]] = []
    lock = threading.Lock()
    in_flight = 0
    max_in_flight = 0

    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, status: int, location: str | None = None, body: bytes = b"ok") -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _route(self) -> None:
        with Handler.lock:
            Handler.log.append((self.command, self.path, self.headers.get("User-Agent", "")))
        path = self.path
        redirects = {"/moved": (301, "/ok"), "/moved308": (308, "/ok"), "/found": (302, "/ok"),
                     "/temp307": (307, "/ok"), "/chain": (301, "/found"), "/relative": (301, "ok"),
                     "/loop": (301, "/loop")}
        if path == "/ok":
            self._send(200)
        elif path in redirects:
            status, location = redirects[path]
            self._send(status, location)
        elif path in ("/gone", "/removed", "/error"):
            self._send({"/gone": 404, "/removed": 410, "/error": 500}[path], body=b"no")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200)
        elif path == "/nohead":
            self._send(405 if self.command == "HEAD" else 200)
        elif path.startswith("/busy/"):
            with Handler.lock:
                Handler.in_flight += 1
                Handler.max_in_flight = max(Handler.max_in_flight, Handler.in_flight)
            time.sleep(0.2)
            with Handler.lock:
                Handler.in_flight -= 1
            self._send(200)
        else:
            self._send(404, body=b"no")

    do_HEAD = _route
    do_GET = _route


class Server(http.server.ThreadingHTTPServer):
    # A listen backlog wider than the default 5, so that concurrent connections are accepted at
    # once rather than after a SYN retry (which would look like a timeout).
    request_queue_size = 128


@pytest.fixture(scope="module")
def server():
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def fresh_log():
    Handler.log.clear()
    Handler.in_flight = Handler.max_in_flight = 0


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: bound, then closed."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def check(urls, **options):
    options = {"timeout": TIMEOUT, "retries": 0, "use_proxy": False, **options}
    links = [Link(url, f"data/agreements/post-{i}.yaml", 10 + i) for i, url in enumerate(urls)]
    return linkcheck.check_links(links, **options)


def test_each_kind_of_answer(server, closed_port):
    urls = {name: f"{server}/{name}" for name in
            ("ok", "moved", "moved308", "found", "temp307", "chain", "gone", "removed", "error", "slow",
             "nohead", "loop", "relative")}
    urls["closed"] = f"http://127.0.0.1:{closed_port}/"
    started = time.monotonic()
    report = check(urls.values())
    elapsed = time.monotonic() - started
    r = {name: report.results[url] for name, url in urls.items()}

    assert r["ok"].status == 200 and not r["ok"].dead and not r["ok"].moved
    for name, status in (("moved", 301), ("moved308", 308)):
        assert r[name].moved and r[name].permanent and r[name].hops == [(status, f"{server}/ok")]
        assert r[name].final_url == f"{server}/ok" and r[name].status == 200
    for name, status in (("found", 302), ("temp307", 307)):
        assert r[name].moved and not r[name].permanent and r[name].hops == [(status, f"{server}/ok")]
    assert r["chain"].hops == [(301, f"{server}/found"), (302, f"{server}/ok")] and not r["chain"].permanent
    assert r["relative"].final_url == f"{server}/ok" and r["relative"].permanent
    assert r["gone"].dead and r["gone"].error == "HTTP 404: sidan finns inte"
    assert r["removed"].dead and r["removed"].error == "HTTP 410: borttagen för gott"
    assert r["error"].dead and r["error"].error.startswith("HTTP 500")
    assert r["slow"].dead and r["slow"].error == f"inget svar inom {TIMEOUT:g} s"
    assert r["closed"].dead and "nekades" in r["closed"].error
    assert r["nohead"].status == 200 and not r["nohead"].dead and r["nohead"].method == "GET"
    assert r["loop"].dead and "slinga" in r["loop"].error
    assert {res.url for res, _ in report.dead} == {urls[n] for n in ("gone", "removed", "error", "slow",
                                                                    "closed", "loop")}
    assert {res.url for res, _ in report.moved_permanently} == {urls[n] for n in ("moved", "moved308", "relative")}
    assert {res.url for res, _ in report.redirected_temporarily} == {urls[n] for n in ("found", "temp307", "chain")}
    # Checked concurrently: the slow one did not hold the others up, and nothing waited for it.
    assert elapsed < SLOW_SECONDS


def test_head_first_then_get_and_a_clear_user_agent(server):
    check([f"{server}/nohead", f"{server}/ok"], repo_url="https://example.org/samverkansbasen")
    methods = [(method, path) for method, path, _ua in Handler.log]
    assert methods.count(("HEAD", "/ok")) == 1 and ("GET", "/ok") not in methods
    assert methods.index(("HEAD", "/nohead")) < methods.index(("GET", "/nohead"))
    assert {ua for *_x, ua in Handler.log} == {"Samverkansbasen-lankkontroll/1.0 (+https://example.org/samverkansbasen)"}


def test_a_404_on_head_is_asked_again_with_get(server):
    report = check([f"{server}/gone"])
    assert [m for m, p, _ in Handler.log if p == "/gone"] == ["HEAD", "GET"]
    assert report.results[f"{server}/gone"].method == "GET"


def test_each_address_is_asked_once_and_every_place_is_reported(server):
    url = f"{server}/gone"
    links = [Link(url, "data/a.yaml", 3), Link(url, "data/b.yaml", 7), Link(f"{server}/ok", "data/a.yaml", 9)]
    report = linkcheck.check_links(links, timeout=TIMEOUT, retries=0, use_proxy=False)
    assert [m for m, p, _ in Handler.log if p == "/gone"] == ["HEAD", "GET"]
    [(result, places)] = report.dead
    assert [(p.file, p.line) for p in places] == [("data/a.yaml", 3), ("data/b.yaml", 7)]


def test_concurrency_is_bounded(server):
    check([f"{server}/busy/{i}" for i in range(9)], concurrency=3)
    assert 1 < Handler.max_in_flight <= 3


def test_transient_failures_are_retried(server):
    report = check([f"{server}/error"], retries=1)
    assert [m for m, p, _ in Handler.log if p == "/error"] == ["HEAD", "GET", "HEAD", "GET"]
    assert report.results[f"{server}/error"].dead


def test_dns_failure_is_dead_without_a_lookup(monkeypatch):
    """The name lookup fails the way it does for a domain that no longer exists (no query is sent)."""
    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    report = check(["https://kommunen-som-inte-finns.example/iop"])
    result = report.results["https://kommunen-som-inte-finns.example/iop"]
    assert result.dead and "DNS" in result.error and result.method == "HEAD"


def test_not_http_is_dead():
    report = check(["ftp://example.org/fil.pdf", "www.utan-schema.se/sida"])
    assert all(r.dead and "http" in r.error for r in report.results.values())


# -- Finding the addresses in the records ---------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_extract_links_with_file_and_line(tmp_path):
    data = tmp_path / "data"
    write(data / "agreements" / "lok-x.yaml", """\
type: agreement
title: LÖK
document:
  title: Överenskommelsen
  url: https://x.se/lok.pdf
sources:
- title: Kommunen
  url: 'https://x.se/nyhet'
- title: Utan adress
attachments:
- title: Bilaga 1
  url: https://x.se/bilaga.pdf
parties:
- organisation: x-kommun
  url: https://inte-en-kallank.se/
""")
    write(data / "organisations" / "nod.yaml", "type: organisation\nwebsite: https://www.nodsverige.se\n")
    write(data / "schema" / "record.schema.json", '{"url": "https://json-schema.org/"}')
    links = linkcheck.extract_links(data)
    assert [(link.file, link.line, link.url) for link in links] == [
        ("data/agreements/lok-x.yaml", 5, "https://x.se/lok.pdf"),
        ("data/agreements/lok-x.yaml", 8, "https://x.se/nyhet"),
        ("data/agreements/lok-x.yaml", 12, "https://x.se/bilaga.pdf"),
        ("data/organisations/nod.yaml", 2, "https://www.nodsverige.se"),
    ]
    for link in links:  # the line named is the line the address is written on
        text = (tmp_path / link.file).read_text(encoding="utf-8").splitlines()[link.line - 1]
        assert link.url in text


def test_extract_links_from_the_real_data_matches_a_text_scan(repo_root=REPO_ROOT):
    links = linkcheck.extract_links(REPO_ROOT / "data")
    assert links, "the records cite addresses"
    for link in links:
        line = (REPO_ROOT / link.file).read_text(encoding="utf-8").splitlines()[link.line - 1]
        assert link.url in line and ("url:" in line or "website:" in line)
    # Every 'url:' / 'website:' line of a record holds one of them (the schema's own are not records).
    expected = set()
    for path in (REPO_ROOT / "data").rglob("*.yaml"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip().lstrip("- ")
            if stripped.startswith(("url:", "website:")):
                expected.add((path.relative_to(REPO_ROOT).as_posix(), number))
    assert {(link.file, link.line) for link in links} == expected


def test_bad_yaml_names_file_line_column_and_the_rest_is_read(tmp_path):
    data = tmp_path / "data"
    write(data / "a.yaml", "sources:\n- title: x\n  url: [https://x.se\n")
    write(data / "b.yaml", "website: https://b.se\n")
    write(data / "c.yaml", "website:\n  - https://c.se\n")
    problems: list[str] = []
    links = linkcheck.extract_links(data, problems=problems)
    assert [link.url for link in links] == ["https://b.se"]
    assert len(problems) == 2
    assert problems[0].startswith("data/a.yaml:") and "giltig YAML" in problems[0]
    assert problems[0].split(":")[1].isdigit() and problems[0].split(":")[2].isdigit()
    assert problems[1].startswith("data/c.yaml:2:3:") and "website" in problems[1]
    with pytest.raises(linkcheck.LinkSourceError, match="data/a.yaml"):
        linkcheck.extract_links(data)


# -- Rendering and the command line ---------------------------------------------------


def test_text_rendering_is_swedish_with_file_and_line_and_escapes_controls(server):
    hostile = f"{server}/gone?x=\x1b[2J\u202e"
    report = linkcheck.check_links([Link(hostile, "data/a.yaml", 4), Link(f"{server}/moved", "data/b.yaml", 9)],
                                   timeout=TIMEOUT, retries=0, use_proxy=False)
    text = linkcheck.render_text(report)
    assert "Döda länkar (1):" in text and "Flyttade för gott" in text
    assert "i data/a.yaml:4" in text and "i data/b.yaml:9" in text
    assert "HTTP 404: sidan finns inte" in text
    assert f"→ {server}/ok (permanent omdirigering: 301" in text
    assert "\x1b" not in text and "\u202e" not in text and "\\x1b[2J\\u202e" in text


def test_markdown_rendering_for_the_issue(server):
    hostile = f"{server}/gone?a=|b`c<script>@someone"
    links = [Link(hostile, "data/agreements/x.yaml", 4), Link(f"{server}/moved", "data/b.yaml", 9),
             Link(f"{server}/found", "data/c.yaml", 2)]
    report = linkcheck.check_links(links, timeout=TIMEOUT, retries=0, use_proxy=False)
    md = linkcheck.render_markdown(report, source_url="https://github.com/o/r/blob/abc123/", checked_at="2026-12-01")
    assert md.startswith(linkcheck.MARKER)
    assert "## Döda länkar (1)" in md and "## Flyttade för gott (1)" in md and "Tillfälligt omdirigerade" in md
    assert "[data/agreements/x.yaml:4](https://github.com/o/r/blob/abc123/data/agreements/x.yaml#L4)" in md
    dead_row = next(line for line in md.splitlines() if "x.yaml" in line)
    assert dead_row.count(" | ") == 2  # the pipe in the address does not split the row
    # The address is shown as text: in a code span whose fence is longer than its backtick, with the
    # table's pipe escaped, so neither the <script> nor the @mention becomes markup.
    assert f"``{server}/gone?a=\\|b`c<script>@someone``" in dead_row
    assert f"`{server}/ok`" in md


def test_markdown_is_empty_when_nothing_is_broken(server):
    report = check([f"{server}/ok", f"{server}/found"])
    assert not report.broken and linkcheck.render_markdown(report) == ""
    assert "Tillfälligt omdirigerade" in linkcheck.render_text(report)


def test_main_exit_codes_and_formats(server, tmp_path, capsys, monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    write(data / "ok.yaml", f"website: {server}/ok\n")
    assert linkcheck.main([str(data), "--timeout", "5", "--concurrency", "2", "--retries", "0"]) == 0
    assert "Inga döda eller flyttade länkar." in capsys.readouterr().out
    write(data / "dead.yaml", f"sources:\n- title: x\n  url: {server}/removed\n")
    out = tmp_path / "issue.md"
    code = linkcheck.main([str(data), "--format", "markdown", "--timeout", "5", "--retries", "0",
                           "--output", str(out)])
    assert code == 1
    body = out.read_text(encoding="utf-8")
    assert "data/dead.yaml:3" in body and "HTTP 410" in body
    assert linkcheck.main([str(tmp_path / "saknas")]) == 2
    assert "finns inte" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        linkcheck.main([str(data), "--format", "html"])


def test_the_module_under_test_is_the_one_in_src():
    assert Path(linkcheck.__file__).resolve() == SRC / "samverkan" / "tools" / "linkcheck.py"


def test_markdown_is_cut_by_whole_rows_to_fit_an_issue(server):
    links = [Link(f"{server}/gone?n={i}", f"data/p{i:03}.yaml", 3) for i in range(60)]
    links += [Link(f"{server}/found?n={i}", f"data/t{i:03}.yaml", 3) for i in range(5)]
    report = linkcheck.check_links(links, timeout=TIMEOUT, retries=0, use_proxy=False, concurrency=8)
    full = linkcheck.render_markdown(report)
    cut = linkcheck.render_markdown(report, max_length=2000)
    assert len(cut) <= 2000 < len(full)
    assert cut.endswith(linkcheck.TRUNCATED_NOTE + "\n")
    body = cut.removesuffix(linkcheck.TRUNCATED_NOTE + "\n").rstrip("\n")
    assert full.startswith(body)  # whole lines from the start, nothing rewritten
    assert linkcheck.render_markdown(report, max_length=len(full)) == full
