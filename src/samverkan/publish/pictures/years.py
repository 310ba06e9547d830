"""Records per year, by type: an inline SVG bar chart and the same numbers as a table."""
from __future__ import annotations

from collections import Counter
from typing import Callable

from samverkan.catalog.catalog import Catalog
from samverkan.vocabulary import KIND_SHORT, TYPE_LABELS, TYPE_LABELS_PLURAL
from samverkan.publish.pictures.render import render
from samverkan.publish.pictures._common import (CHART_TYPES, MUTED, TEXT, TYPE_COLOURS, TYPE_PATTERNS, WHITE, count_words,
                                                nice_step, safe_id, type_fill)

YearUrl = Callable[[int], str]


def year_counts(catalog: Catalog) -> dict[int, Counter]:
    """year -> Counter(type -> number of records), for every year from the first to the last."""
    if not catalog.by_year:
        return {}
    first, last = min(catalog.by_year), max(catalog.by_year)
    out: dict[int, Counter] = {}
    for y in range(first, last + 1):
        out[y] = Counter(r.type for r in catalog.by_year.get(y, []) if r.type in CHART_TYPES)
    return out


def _types_present(counts: dict[int, Counter]) -> list[str]:
    seen = {t for c in counts.values() for t, n in c.items() if n}
    return [t for t in CHART_TYPES if t in seen]


def undated_count(catalog: Catalog) -> int:
    return sum(1 for r in catalog.records if r.type in CHART_TYPES and catalog.year(r) is None)


def _breakdown(counter: Counter, types: list[str]) -> str:
    parts = [count_words(counter[t], TYPE_LABELS[t], TYPE_LABELS_PLURAL[t]) for t in types if counter[t]]
    return ", ".join(parts)


def year_chart_svg(catalog: Catalog, year_url: YearUrl | None = None, *, year: int | None = None,
                   id_prefix: str = "sv-years") -> str:
    """A stacked bar chart of records per year and type ('' when no record has a date).

    With year_url each year's bar and label link to that year's page; the SVG is then a
    role="group" (role="img" would hide the links from screen readers), otherwise role="img".
    With `year`, the single-year variant: one horizontal bar per kind within that year.
    """
    if year is not None:
        return _single_year_svg(catalog, year, id_prefix)
    counts = year_counts(catalog)
    if not counts:
        return ""
    p = safe_id(id_prefix)
    types = _types_present(counts)
    years = list(counts)
    top_value = max(sum(c.values()) for c in counts.values())
    step = nice_step(top_value)
    axis_max = max(step, -(-top_value // step) * step)

    slot, bar_w, left, top, plot_h = 34, 24, 44, 28, 200
    plot_w = slot * len(years)
    legend_y = top + plot_h + 40
    width = max(360, left + plot_w + 16)
    height = legend_y + 22 * len(types) + 8
    scale = plot_h / axis_max

    first, last = years[0], years[-1]
    total = sum(sum(c.values()) for c in counts.values())
    undated = undated_count(catalog)
    span = f"{first}–{last}" if first != last else str(first)
    desc = (f"Staplat stapeldiagram: antal poster per år {span}, {total} poster, uppdelade på typ "
            f"({', '.join(TYPE_LABELS_PLURAL[t] for t in types)}). Typerna skiljs åt med färg och mönster; "
            "teckenförklaringen står under diagrammet och samma siffror finns i tabellen.")
    if undated:
        desc += f" {count_words(undated, 'post', 'poster')} utan datum ingår inte."
    if year_url:
        desc += " Varje stapel länkar till årets sida."

    gridlines = []
    for v in range(0, axis_max + 1, step):
        y = top + plot_h - v * scale
        gridlines.append(dict(value=v, y=f"{y:.1f}", label_y=f"{y + 4:.1f}", stroke="#767676" if v == 0 else "#d9d9d9"))
    bars = []
    for i, y_ in enumerate(years):
        counter = counts[y_]
        n = sum(counter.values())
        parts = []
        base = top + plot_h
        for t in types:
            if not counter[t]:
                continue
            h = counter[t] * scale
            base -= h
            parts.append(dict(y=f"{base:.1f}", h=f"{h:.1f}", fill=type_fill(p, t), stroke=TYPE_COLOURS[t]))
        label = f"{y_}: {count_words(n, 'post', 'poster')}" + (f" ({_breakdown(counter, types)})" if n else "")
        bars.append(dict(year=y_, n=n, label=label, parts=parts, url=year_url(y_) if year_url and n else "",
                         x=f"{left + i * slot + (slot - bar_w) / 2:.1f}", cx=f"{left + i * slot + slot / 2:.1f}",
                         total_y=f"{base - 4:.1f}"))
    legend = [dict(y=legend_y + j * 22, n=sum(c[t] for c in counts.values()), fill=type_fill(p, t),
                   stroke=TYPE_COLOURS[t], label=TYPE_LABELS_PLURAL[t].capitalize()) for j, t in enumerate(types)]
    return render("year_chart.svg", p=p, width=width, height=height, role="group" if year_url else "img", desc=desc,
                  patterns=_patterns(p), gridlines=gridlines, bars=bars, legend=legend, left=left,
                  right=left + plot_w, top=top, bar_w=bar_w, axis_label_y=top + plot_h + 18, white=WHITE, text=TEXT)


def _patterns(p: str) -> list[tuple[str, str, str]]:
    """(id, pattern, colour) of each type drawn with a pattern (_patterns.svg draws them)."""
    return [(f"{p}-pat-{t}", TYPE_PATTERNS[t], TYPE_COLOURS[t]) for t in CHART_TYPES if TYPE_PATTERNS[t] != "solid"]


def _kind_counts(catalog: Catalog, year: int) -> list[tuple[str, str, int]]:
    """(type, kind, count) within a year, in type order then by count."""
    c = Counter((r.type, r.kind) for r in catalog.by_year.get(year, []) if r.type in CHART_TYPES)
    return sorted(((t, k, n) for (t, k), n in c.items()), key=lambda x: (CHART_TYPES.index(x[0]), -x[2], x[1]))


def _single_year_svg(catalog: Catalog, year: int, id_prefix: str) -> str:
    rows = _kind_counts(catalog, year)
    if not rows:
        return ""
    p = safe_id(id_prefix)
    label_w, bar_max, row_h, top = 190, 240, 26, 12
    width = label_w + bar_max + 48
    height = top + row_h * len(rows) + 8
    top_value = max(n for _, _, n in rows)
    total = sum(n for _, _, n in rows)
    desc = (f"Stapeldiagram: {count_words(total, 'post', 'poster')} år {year}, per slag: "
            + ", ".join(f"{KIND_SHORT.get(k, k)} {n}" for _, k, n in rows) + ".")
    bars = []
    for i, (t, k, n) in enumerate(rows):
        w = max(2.0, bar_max * n / top_value)
        bars.append(dict(y=top + i * row_h, label=KIND_SHORT.get(k, k), n=n, w=f"{w:.1f}", n_x=f"{label_w + w + 6:.1f}",
                         fill=type_fill(p, t), stroke=TYPE_COLOURS[t]))
    return render("year_kinds.svg", p=p, year=year, width=width, height=height, desc=desc, patterns=_patterns(p),
                  rows=bars, label_w=label_w, bar_h=row_h - 8, top=top, white=WHITE, muted=MUTED, text=TEXT)


def year_chart_table(catalog: Catalog, year_url: YearUrl | None = None, *, year: int | None = None) -> str:
    """The chart's numbers as an HTML table with caption and scoped headers ('' when there are none)."""
    labels = dict(kind_short=KIND_SHORT, type_labels=TYPE_LABELS, type_labels_plural=TYPE_LABELS_PLURAL)
    if year is not None:
        rows = _kind_counts(catalog, year)
        if not rows:
            return ""
        return render("years.html", year=year, rows=rows, total=sum(n for _, _, n in rows), **labels)
    counts = year_counts(catalog)
    if not counts:
        return ""
    types = _types_present(counts)
    rows = []
    for y, counter in counts.items():
        n = sum(counter.values())
        rows.append((y, counter, n, year_url(y) if year_url and n else ""))
    return render("years.html", year=None, types=types, rows=rows,
                  column_totals={t: sum(c[t] for c in counts.values()) for t in types},
                  total=sum(sum(c.values()) for c in counts.values()), **labels)
