"""validate/sources.py: which hosts are copies, and what the rule says of a record."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from samverkan.read.records import load_record
from samverkan.validate.sources import COPY_HOSTS, copy_host, source_problems

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("url,pattern", [
    ("https://docplayer.se/44837719-x.html", "docplayer.*"),
    ("https://sv.docplayer.net/1-x.html", "docplayer.*"),
    ("https://docplayer.com.br/1-x.html", "docplayer.*"),
    ("https://DocPlayer.SE/1", "docplayer.*"),
    ("https://issuu.com/skl/docs/x", "issuu.com"),
    ("https://www.issuu.com/skl/docs/x", "issuu.com"),
    ("https://issuu.com./skl/docs/x", "issuu.com"),
    ("https://studylib.se/doc/1", "studylib.*"),
    ("https://www.lawinsider.com/sv/contracts/x", "lawinsider.com"),
    ("https://9lib.net/document/x", "9lib.net"),
    ("https://5dok.org/document/x", "5dok.org"),
    ("http://www.yumpu.com/sv/document/view/1", "yumpu.com"),
    ("https://docslib.org/doc/1", "docslib.org"),
])
def test_copy_hosts_are_recognised(url, pattern):
    assert copy_host(url) == pattern


@pytest.mark.parametrize("url", [
    "https://www.vasteras.se/lok.pdf",
    "https://notissuu.com/x",  # another host that only ends in the same letters
    "https://issuu.com.example.se/x",  # the copy host's name as a subdomain of another site
    "https://www.regeringen.se/docplayer/x",  # the name in the path, not the host
    "https://web.archive.org/web/2019/https://issuu.com/x",
])
def test_other_hosts_are_not_copies(url):
    assert copy_host(url) is None


def _record(tmp_path, text: str):
    folder = tmp_path / "agreements"
    folder.mkdir(exist_ok=True)
    path = folder / "lok-a.yaml"
    path.write_text("type: agreement\nkind: lok\ntitle: A\n" + text, "utf-8")
    return load_record(path)


def test_a_marked_copy_and_a_sourced_period_pass(tmp_path):
    record = _record(tmp_path, "until_further_notice: true\n"
                               "document: {url: 'https://issuu.com/k/docs/lok', copy: true}\n"
                               "sources:\n  - title: K\n    url: https://docplayer.se/1\n    copy: true\n"
                               "    states_period: true\n")
    assert source_problems(record) == []


def test_every_address_field_refuses_a_trailing_dot(tmp_path):
    record = _record(tmp_path, "website: https://www.kommunen.se./\n"
                               "attachments: [{title: B, url: 'https://www.kommunen.se./b.pdf'}]\n"
                               "sources: [{title: K}]\n")
    messages = [m for _, m in source_problems(record)]
    assert len(messages) == 2 and all("värdnamnet 'www.kommunen.se.' slutar med en punkt" in m for m in messages)


def test_contributing_lists_the_same_copy_hosts():
    """The contributor guide names every host of the one list, so the two cannot drift apart."""
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    section = text.split("<!-- copy-hosts -->", 2)[1]
    listed = re.findall(r"`([^`]+)`", section)
    assert tuple(listed) == COPY_HOSTS


def test_a_seen_day_must_exist(tmp_path):
    record = _record(tmp_path, "document: {url: 'https://kommunen.se/a.pdf', seen: '2026-02-30'}\n"
                               "sources:\n  - title: K\n    seen: '2026-13-01'\n")
    messages = sorted(m for _, m in source_problems(record))
    assert messages[0].startswith("document.seen: datumet 2026-02-30 finns inte")
    assert messages[1].startswith("sources[1].seen: månad 13 finns inte")
