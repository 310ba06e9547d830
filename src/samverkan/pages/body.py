"""The Markdown body of a .md record, as HTML that cannot carry markup of its own.

Record text comes from pull requests: it is rendered with raw HTML switched
off (so "<script>" stays text), links only to http(s) and mailto (no
"javascript:"), and images become plain links, since an image would make the
visitor's browser fetch something from another site.
"""
from __future__ import annotations

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}


class _Sanitise(Treeprocessor):
    """Shift headings below the page's own, drop unsafe links, turn images into links."""

    def __init__(self, md, heading_shift: int):
        super().__init__(md)
        self.heading_shift = heading_shift

    def run(self, root):
        for el in list(root.iter()):
            if el.tag in _HEADINGS:
                el.tag = f"h{min(6, _HEADINGS[el.tag] + self.heading_shift)}"
            elif el.tag == "img":
                src = el.get("src", "")
                alt = el.get("alt")
                el.attrib.clear()
                el.tag = "a"
                el.text = f"Bild: {alt}" if alt else "Bild"
                if src.startswith(_SAFE_SCHEMES):
                    el.set("href", src)
                else:
                    el.tag = "span"
            elif el.tag == "a":
                href = el.get("href", "")
                if not href.startswith(_SAFE_SCHEMES):
                    el.attrib.clear()
                    el.tag = "span"


class _NoRawHtml(Extension):
    def __init__(self, heading_shift: int):
        super().__init__()
        self.heading_shift = heading_shift

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitise(md, self.heading_shift), "samverkan_sanitise", 0)


class BodyRenderer:
    """One Markdown converter, reused for every record of a build."""

    def __init__(self, heading_shift: int = 2):
        self._md = markdown.Markdown(extensions=["tables", "sane_lists", _NoRawHtml(heading_shift)],
                                     output_format="html")

    def __call__(self, text: str) -> str:
        if not text.strip():
            return ""
        self._md.reset()
        return self._md.convert(text)
