"""Writes the bad-input corpus: one folder per case, each a tiny data set of its own.

Run it after changing a case; then review and regenerate the expected.txt files
with `python tests/corpus/make_corpus.py --expect` (the test compares them exactly).
Kept as a script because some cases are bytes no editor saves on purpose.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "bad"

ORG = (b"type: organisation\nkind: offentlig\ntitle: Exempelkommunen\n"
       b"sources:\n  - title: Exempelk\xc3\xa4lla\n")


def ok_agreement(extra: str = "", title: str = "En \u00f6verenskommelse") -> bytes:
    return (f"type: agreement\nkind: lok\ntitle: {title}\n{extra}"
            "sources:\n  - title: En k\u00e4lla\n").encode()


CASES: dict[str, dict[str, bytes]] = {
    "duplicate-key": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: A\nyear: 1\ntitle: B\nsources: [{title: x}]\n"},
    "invalid-yaml": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: \"oavslutad\nsources: [{title: x}]\n"},
    "bad-indentation": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: A\nsources:\n  - title: x\n   url: https://a.se\n"},
    "not-utf8": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: V\xe4ster\xe5s\nsources: [{title: x}]\n"},
    "python-tag": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: !!python/object/apply:os.system [\"id\"]\nsources: [{title: x}]\n"},
    "custom-tag": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: !include annan.yaml\nsources: [{title: x}]\n"},
    "empty-file": {"agreements/lok-a.yaml": b""},
    "only-comments": {"agreements/lok-a.yaml": b"# yaml-language-server: $schema=../schema/record.schema.json\n# bara kommentarer\n"},
    "list-not-mapping": {"agreements/lok-a.yaml": b"- type: agreement\n- kind: lok\n"},
    "scalar-not-mapping": {"agreements/lok-a.yaml": b"bara en rad text\n"},
    "kommun-with-suffix": {"agreements/lok-a.yaml": ok_agreement("municipalities: [V\u00e4ster\u00e5s kommun]\n")},
    "kommun-misspelled": {"agreements/lok-a.yaml": ok_agreement("municipalities: [Vasteras]\n")},
    "unknown-county": {"agreements/lok-a.yaml": ok_agreement("counties: [Mittlands l\u00e4n]\n")},
    "kommun-county-mismatch": {"agreements/lok-a.yaml": ok_agreement("counties: [Sk\u00e5ne l\u00e4n]\nmunicipalities: [Uppsala]\n")},
    "impossible-date": {"agreements/lok-a.yaml": ok_agreement("date: 2019-02-30\n")},
    "impossible-month": {"agreements/lok-a.yaml": ok_agreement("valid_from: 2019-13\n")},
    "date-wrong-format": {"agreements/lok-a.yaml": ok_agreement("date: 2019/05/01\n")},
    "end-before-start": {"agreements/lok-a.yaml": ok_agreement("valid_from: 2016-03\nvalid_to: 2015\n")},
    "missing-party": {"agreements/lok-a.yaml": ok_agreement("parties:\n  - organisation: finns-inte\n    role: part\n")},
    "party-not-organisation": {
        "agreements/lok-a.yaml": ok_agreement("parties:\n  - organisation: lok-b\n"),
        "agreements/lok-b.yaml": ok_agreement(),
    },
    "related-missing": {"agreements/lok-a.yaml": ok_agreement("related: [rapport-som-saknas]\n")},
    "supersedes-cycle": {
        "agreements/lok-a.yaml": ok_agreement("supersedes: [lok-b]\n"),
        "agreements/lok-b.yaml": ok_agreement("supersedes: [lok-c]\n"),
        "agreements/lok-c.yaml": ok_agreement("supersedes: [lok-a]\n"),
    },
    "supersedes-other-type": {
        "agreements/lok-a.yaml": ok_agreement("supersedes: [kommunen]\n"),
        "organisations/kommunen.yaml": ORG,
    },
    "self-reference": {"agreements/lok-a.yaml": ok_agreement("related: [lok-a]\n")},
    "duplicate-id": {
        "agreements/lok-a.yaml": ok_agreement(),
        "reports/lok-a.yaml": b"type: report\nkind: rapport\ntitle: R\nsources: [{title: x}]\n",
    },
    "url-not-http": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: A\nsources:\n  - title: x\n    url: ftp://example.org/a.pdf\n"},
    "url-javascript": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: A\nsources:\n  - title: x\n    url: javascript:alert(1)\n"},
    "personnummer-in-field": {"agreements/lok-a.yaml": ok_agreement("summary: Kontakt 811218-9876 vid fr\u00e5gor.\n")},
    "personnummer-in-body": {"reports/rapport-a.md": b"---\ntype: report\nkind: rapport\ntitle: R\nsources: [{title: x}]\n---\n\nF\xc3\xb6rsta stycket.\n\nPersonnummer 198112189876 st\xc3\xa5r h\xc3\xa4r.\n"},
    "missing-title": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\nsources: [{title: x}]\n"},
    "missing-sources": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: A\nsources: []\n"},
    "unknown-field": {"agreements/lok-a.yaml": ok_agreement("titel: A\n")},
    "kind-of-other-type": {"agreements/lok-a.yaml": b"type: agreement\nkind: samrad\ntitle: A\nsources: [{title: x}]\n"},
    "type-folder-mismatch": {"agreements/lok-a.yaml": b"type: report\nkind: rapport\ntitle: A\nsources: [{title: x}]\n"},
    "field-not-for-type": {"reports/rapport-a.yaml": b"type: report\nkind: rapport\ntitle: A\nvalid_from: 2010\nsources: [{title: x}]\n"},
    "bad-file-name": {"agreements/LOK_Vasteras.yaml": ok_agreement()},
    "anchor-alias": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: &t A\nsummary: *t\nsources: [{title: x}]\n"},
    "merge-key": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\n<<: {title: A}\nsources: [{title: x}]\n"},
    "two-documents": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: A\nsources: [{title: x}]\n---\ntitle: B\n"},
    "tab-indentation": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: A\nsources:\n\t- title: x\n"},
    "md-without-front-matter": {"reports/rapport-a.md": b"# Rubrik\n\nText utan f\xc3\xa4lt.\n"},
    "md-unclosed-front-matter": {"reports/rapport-a.md": b"---\ntype: report\nkind: rapport\ntitle: R\n\nText.\n"},
    "string-instead-of-list": {"agreements/lok-a.yaml": ok_agreement("counties: Sk\u00e5ne l\u00e4n\n")},
    "control-character": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: A\x00B\nsources: [{title: x}]\n"},
    "unknown-principle": {"agreements/lok-a.yaml": ok_agreement("principles: [dialog, transparens]\n")},
    "empty-title": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: \"\"\nsources: [{title: x}]\n"},
    "year-out-of-range": {"agreements/lok-a.yaml": ok_agreement("date: 19\n")},
    "boolean-date": {"agreements/lok-a.yaml": ok_agreement("date: yes\n")},
}


def write() -> None:
    if HERE.exists():
        shutil.rmtree(HERE)
    for case, files in CASES.items():
        for rel, content in files.items():
            path = HERE / case / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def expect() -> None:
    root = HERE.parents[2]
    from samverkan.read.project import Project
    from samverkan.validate.run import validate

    for case in sorted(CASES):
        report = validate(Project.at(root, HERE / case))
        (HERE / case / "expected.txt").write_text("".join(f"{p}\n" for p in report.problems), "utf-8")


if __name__ == "__main__":
    write()
    if "--expect" in sys.argv:
        expect()
