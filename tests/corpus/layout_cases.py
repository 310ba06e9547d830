"""Bad-input cases for where files are (read.records.scan_data): names, suffixes, folders, links.

Merged into make_corpus.CASES. A value is the file's bytes, or Link(target) for a symbolic link
(git keeps links as links, so the corpus can hold them). Only links to files: a link to a folder
outside the repository would lead pytest, editors and search tools out of it (that case is tested
in tests/validate/test_file_layout.py with temporary folders).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    target: str


def ok(title: str = "En \u00f6verenskommelse") -> bytes:
    return (f"type: agreement\nkind: lok\ntitle: {title}\nsources:\n  - title: En k\u00e4lla\n").encode()


REPORT = b"---\ntype: report\nkind: rapport\ntitle: R\nsources: [{title: x}]\n---\n\nText.\n"

CASES: dict[str, dict[str, bytes | Link]] = {
    "file-suffix-uppercase": {"agreements/lok-a.YAML": ok(), "agreements/lok-ok.yaml": ok()},
    "file-suffix-md-uppercase": {"reports/rapport-a.MD": REPORT, "agreements/lok-ok.yaml": ok()},
    "file-suffix-json": {"agreements/lok-a.json": b'{"type": "agreement"}\n', "agreements/lok-ok.yaml": ok()},
    "file-suffix-txt": {"agreements/lok-a.yaml.txt": ok(), "agreements/lok-ok.yaml": ok()},
    "file-suffix-backup": {"agreements/lok-a.yaml.bak": ok(), "agreements/lok-ok.yaml": ok()},
    "file-no-suffix": {"agreements/lok-a": ok(), "agreements/lok-ok.yaml": ok()},
    "file-hidden": {"agreements/.lok-a.yaml": ok(), "agreements/lok-ok.yaml": ok()},
    "file-outside-type-folder": {"lok-a.yaml": ok(), "agreements/lok-ok.yaml": ok()},
    "folder-singular": {"agreement/lok-a.yaml": ok(), "agreements/lok-ok.yaml": ok()},
    "folder-capitalised": {"Agreements/lok-a.yaml": ok(), "Agreements/lok-b.yaml": ok(),
                           "agreements/lok-ok.yaml": ok()},
    "folder-swedish": {"rapporter/rapport-a.md": REPORT, "agreements/lok-ok.yaml": ok()},
    "folder-unknown": {"diverse/anteckningar/lok-a.yaml": ok(), "agreements/lok-ok.yaml": ok()},
    "folder-meta-in-other-data": {"schema/record.schema.json": b"{}\n", "agreements/lok-ok.yaml": ok()},
    "folder-no-records": {"README.md": b"# Poster\n", "agreements/README.md": b"Avtal h\xc3\xa4r.\n"},
    "symlink-outside-repository": {"agreements/lok-b.yaml": Link("/dev/null"), "agreements/lok-ok.yaml": ok()},
    "symlink-dangling": {"agreements/lok-b.yaml": Link("lok-finns-inte.yaml"), "agreements/lok-ok.yaml": ok()},
}
