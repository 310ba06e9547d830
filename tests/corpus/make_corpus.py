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
# Each case is bad/<case>/data/ (the data set: every file in it is accounted for by validation)
# next to bad/<case>/expected.txt.
DATA = "data"

ORG = (b"type: organisation\nkind: offentlig\ntitle: Exempelkommunen\n"
       b"sources:\n  - title: Exempelk\xc3\xa4lla\n")


def ok_agreement(extra: str = "", title: str = "En \u00f6verenskommelse") -> bytes:
    return (f"type: agreement\nkind: lok\ntitle: {title}\n{extra}"
            "sources:\n  - title: En k\u00e4lla\n").encode()


def with_source_url(url: str) -> bytes:
    """An agreement whose one source has this address (the url-* cases)."""
    return f"type: agreement\nkind: lok\ntitle: A\nsources:\n  - title: x\n    url: {url}\n".encode()


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
    "url-not-http": {"agreements/lok-a.yaml": with_source_url("ftp://example.org/a.pdf")},
    "url-javascript": {"agreements/lok-a.yaml": with_source_url("javascript:alert(1)")},
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
    "boolean-date": {"agreements/lok-a.yaml": ok_agreement("date: true\n")},
    # validate/sources.py: copies marked, hosts without a trailing dot, 'tills vidare' sourced.
    "copy-host-unmarked": {"agreements/lok-a.yaml": (
        "type: agreement\nkind: lok\ntitle: A\nsources:\n  - title: Kopian\n    url: https://docplayer.se/123-a.html\n"
        "  - title: Ocks\u00e5 en kopia\n    url: https://www.studylib.net/doc/1\n    copy: false\n"
        "  - title: Utgivarens\n    url: https://www.example.se/a.pdf\n").encode()},
    "copy-host-document-unmarked": {"agreements/lok-a.yaml": ok_agreement(
        "document:\n  url: https://issuu.com/kommunen/docs/lok\n  format: html\n")},
    "host-trailing-dot": {"agreements/lok-a.yaml": (
        "type: agreement\nkind: lok\ntitle: A\nsources:\n  - title: Kopian\n    url: https://issuu.com./kommunen/docs/lok\n"
        "    copy: true\n").encode()},
    "until-further-notice-unsourced": {"agreements/lok-a.yaml": ok_agreement("until_further_notice: true\n")},
}


def md_report(body: str) -> bytes:
    return ("---\ntype: report\nkind: rapport\ntitle: R\nsources: [{title: x}]\n---\n\n" + body).encode()


# Read as written, the text check after decoding, ECMA-262 patterns and safe printing (issue 11).
# Each folder name starts with the rule it tests.
CASES.update({
    "read-as-written-hex-date": {"agreements/lok-a.yaml": ok_agreement("date: 0x7E3\n")},
    "read-as-written-base60-date": {"agreements/lok-a.yaml": ok_agreement("date: 33:39\n")},
    "read-as-written-underscore-date": {"agreements/lok-a.yaml": ok_agreement("date: 2_019\n")},
    "read-as-written-float-date": {"agreements/lok-a.yaml": ok_agreement("valid_from: 2019.5\n")},
    "read-as-written-leading-zero-kommun": {
        "agreements/lok-a.yaml": ok_agreement("counties: [Sk\u00e5ne l\u00e4n]\nmunicipalities: [0162]\n")},
    "read-as-written-explicit-int-tag": {"agreements/lok-a.yaml": ok_agreement("municipalities: [!!int 0162]\n")},
    "read-as-written-number-title": {"agreements/lok-a.yaml": b"type: agreement\nkind: lok\ntitle: 2019\nsources: [{title: x}]\n"},
    "read-as-written-yes-is-text": {"agreements/lok-a.yaml": ok_agreement("until_further_notice: yes\n")},
    "pattern-end-date-newline": {"agreements/lok-a.yaml": ok_agreement('date: "2024-01-01\\n"\n')},
    "pattern-end-block-scalar-date": {"agreements/lok-a.yaml": ok_agreement("date: |\n  2024-01-01\n")},
    "pattern-end-id-newline": {"agreements/lok-a.yaml": ok_agreement('related: ["lok-b\\n"]\n'),
                               "agreements/lok-b.yaml": ok_agreement()},
    "control-character-escaped-nul": {"agreements/lok-a.yaml": ok_agreement(title='"A\\0B"')},
    "control-character-vertical-tab": {"agreements/lok-a.yaml": ok_agreement('summary: "Rad ett\\vrad tv\u00e5"\n')},
    "control-character-terminal-escape": {"agreements/lok-a.yaml": ok_agreement(title='"\\e[31mR\u00f6d text"')},
    "control-character-newline-in-title": {"agreements/lok-a.yaml": ok_agreement(title='"Rad ett\\nrad tv\u00e5"')},
    "control-character-in-body": {"reports/rapport-a.md": md_report("F\u00f6rsta stycket.\n\nAndra\x0bstycket.\n")},
    "invisible-zero-width-in-kommun": {"agreements/lok-a.yaml": ok_agreement('municipalities: ["V\u00e4ster\u200b\u00e5s"]\n')},
    "invisible-only-title": {"agreements/lok-a.yaml": ok_agreement(title='"\\u200b \\u00a0"')},
    "invisible-spaces-only-title": {"agreements/lok-a.yaml": ok_agreement(title='"   "')},
    "invisible-bidi-override": {"agreements/lok-a.yaml": ok_agreement('summary: "Avtalet g\u00e4ller \u202eslutet"\n')},
    "nfc-decomposed-kommun": {"agreements/lok-a.yaml": ok_agreement(
        "counties: [Sk\u00e5ne l\u00e4n]\nmunicipalities: [Va\u0308stera\u030as]\n")},
    "personnummer-en-dash": {"agreements/lok-a.yaml": ok_agreement("summary: Kontakt 811218\u20139876.\n")},
    "personnummer-no-break-space": {"agreements/lok-a.yaml": ok_agreement("summary: Kontakt 811218\u00a09876.\n")},
    "personnummer-yaml-escape": {"agreements/lok-a.yaml": ok_agreement('summary: "Kontakt \\x381121\\x38-9876."\n')},
    "personnummer-line-continuation": {"agreements/lok-a.yaml": ok_agreement('summary: "Kontakt 8112\\\n  18-9876."\n')},
    "personnummer-glued-to-hyphen": {"agreements/lok-a.yaml": ok_agreement("reference: ref-811218-9876\n")},
    "personnummer-samordningsnummer": {"agreements/lok-a.yaml": ok_agreement("summary: Nummer 811278-0005.\n")},
    "personnummer-in-file-name": {"agreements/lok-811218-9876.yaml": ok_agreement()},
    "personnummer-body-entity": {"reports/rapport-a.md": md_report("Text.\n\nNummer &#56;11218-9876 h\u00e4r.\n")},
    "personnummer-body-backslash": {"reports/rapport-a.md": md_report("Text.\n\nNummer 811218\\-9876 h\u00e4r.\n")},
    "personnummer-body-emphasis": {"reports/rapport-a.md": md_report("Text.\n\nNummer 8112**18**-9876 h\u00e4r.\n")},
    "email-private-name": {"agreements/lok-a.yaml": ok_agreement("summary: Fr\u00e5gor till anna.svensson@exempel.se.\n")},
    "email-personal-mailbox": {"agreements/lok-a.yaml": ok_agreement("summary: Fr\u00e5gor till foreningen@hotmail.com.\n")},
    "yaml-surrogate-escape": {"agreements/lok-a.yaml": ok_agreement(title='"\\ud800"')},
    "yaml-unknown-escape": {"agreements/lok-a.yaml": ok_agreement(title='"C:\\qwe"')},
    "invisible-escape-paragraph-separator": {"agreements/lok-a.yaml": ok_agreement(title='"C:\\Program"')},
    "yaml-deep-nesting": {"agreements/lok-a.yaml": ok_agreement("themes: " + "[" * 1200 + "]" * 1200 + "\n")},
    "url-uppercase-scheme": {"agreements/lok-a.yaml": with_source_url("HTTP://example.org/")},
    "url-without-scheme": {"agreements/lok-a.yaml": with_source_url("www.example.org/a.pdf")},
    "url-with-space": {"agreements/lok-a.yaml": with_source_url("https://example.org/en fil.pdf")},
    "size-limit-record-file": {"agreements/lok-a.yaml": ok_agreement() + b"# fyllnad\n" * 100_001},
})


def _layout_cases():
    """tests/corpus/layout_cases.py, loaded by its path (this script is run, not imported)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("layout_cases", Path(__file__).resolve().parent / "layout_cases.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["layout_cases"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_layout = _layout_cases()
LAYOUT_CASES, Link = _layout.CASES, _layout.Link

CASES.update(LAYOUT_CASES)


def write(target: Path = HERE) -> None:
    """Every case's files under target/<case>/data/ (target is emptied first)."""
    if target.exists():
        shutil.rmtree(target)
    for case, files in CASES.items():
        for rel, content in files.items():
            path = target / case / DATA / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Link):
                path.symlink_to(content.target)
            else:
                path.write_bytes(content)


def expect() -> None:
    root = HERE.parents[2]
    from samverkan.read.project import Project
    from samverkan.validate.run import validate

    for case in sorted(CASES):
        report = validate(Project.at(root, HERE / case / DATA))
        (HERE / case / "expected.txt").write_text("".join(f"{p}\n" for p in report.problems), "utf-8")


if __name__ == "__main__":
    write()
    if "--expect" in sys.argv:
        expect()
