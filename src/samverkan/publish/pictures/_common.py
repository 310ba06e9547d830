"""Shared by the pictures: colours and their contrast, ids, Swedish number words (the markup and its
escaping are the templates', templates/)."""
from __future__ import annotations

import re

WHITE = "#ffffff"
TEXT = "#1a1a1a"  # body text on white: 17:1
MUTED = "#595959"  # axes and outlines on white: 7:1

# One colour and one pattern per record type: each colour has at least 3:1 against white,
# and the patterns (solid, stripes, dots, cross-hatch) tell the types apart without colour.
TYPE_COLOURS = {
    "agreement": "#1f5f9e",
    "consultation": "#b04a00",
    "report": "#2d7a3a",
    "document": "#7a3d9a",
}
TYPE_PATTERNS = {
    "agreement": "solid",
    "consultation": "stripes",
    "report": "dots",
    "document": "crosshatch",
}
CHART_TYPES = ["agreement", "consultation", "report", "document"]


def safe_id(text: str) -> str:
    """An id prefix that is safe in HTML, SVG and CSS selectors."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")
    return cleaned if cleaned and cleaned[0].isalpha() else "sv-" + cleaned


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    h = colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1–21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour_on(fill: str) -> str:
    """Dark or white text, whichever contrasts more with the fill."""
    return TEXT if contrast(TEXT, fill) >= contrast(WHITE, fill) else WHITE


def count_words(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def type_fill(prefix: str, rtype: str) -> str:
    if TYPE_PATTERNS.get(rtype, "solid") == "solid":
        return TYPE_COLOURS.get(rtype, MUTED)
    return f"url(#{prefix}-pat-{rtype})"


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A round step (1, 2, 5, 10, 20, ...) giving at most `ticks` gridlines up to maximum."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if maximum / (step * m) <= ticks:
                return step * m
        step *= 10
