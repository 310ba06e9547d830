"""Records per year, by type: an inline SVG bar chart and the same numbers as a table."""
from __future__ import annotations

from collections import Counter
from typing import Callable

from samverkan.catalog.catalog import Catalog
from samverkan.vocabulary import KIND_SHORT, TYPE_LABELS, TYPE_LABELS_PLURAL
from samverkan.publish.pictures.render import render
from samverkan.publish.pictures._common import (CHART_TYPES, MUTED, TEXT, TYPE_COLOURS, WHITE, count_words, esc, nice_step, safe_id,
                      type_fill, type_pattern_defs)

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

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sv-chart sv-year-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" style="max-width:100%;height:auto" role="{"group" if year_url else "img"}" '
        f'aria-labelledby="{p}-title {p}-desc" font-size="12">',
        f'<title id="{p}-title">Poster per år och typ</title>',
        f'<desc id="{p}-desc">{esc(desc)}</desc>',
        f"<defs>{type_pattern_defs(p)}</defs>",
        f'<rect width="{width}" height="{height}" fill="{WHITE}"/>',
        '<g aria-hidden="true">',
    ]
    for v in range(0, axis_max + 1, step):
        y = top + plot_h - v * scale
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'stroke="{"#767676" if v == 0 else "#d9d9d9"}" stroke-width="1"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">{v}</text>')
    out.append(f'<text x="{left}" y="{top - 12}" fill="{TEXT}">Antal poster</text>')
    out.append("</g>")

    for i, y_ in enumerate(years):
        counter = counts[y_]
        n = sum(counter.values())
        x = left + i * slot + (slot - bar_w) / 2
        cx = left + i * slot + slot / 2
        parts = []
        base = top + plot_h
        for t in types:
            if not counter[t]:
                continue
            h = counter[t] * scale
            base -= h
            parts.append(f'<rect class="sv-bar" x="{x:.1f}" y="{base:.1f}" width="{bar_w}" height="{h:.1f}" '
                         f'fill="{type_fill(p, t)}" stroke="{TYPE_COLOURS[t]}" stroke-width="1.5"/>')
        if n:
            parts.append(f'<text x="{cx:.1f}" y="{base - 4:.1f}" text-anchor="middle" fill="{TEXT}">{n}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="{TEXT}">{y_}</text>')
        label = f"{y_}: {count_words(n, 'post', 'poster')}" + (f" ({_breakdown(counter, types)})" if n else "")
        if year_url and n:
            out.append(f'<a href="{esc(year_url(y_))}" aria-label="{esc(label)}"><title>{esc(label)}</title>'
                       + "".join(parts) + "</a>")
        else:
            out.append(f'<g aria-hidden="true"><title>{esc(label)}</title>' + "".join(parts) + "</g>")

    out.append('<g class="sv-legend">')
    for j, t in enumerate(types):
        ly = legend_y + j * 22
        n = sum(c[t] for c in counts.values())
        out.append(f'<rect x="{left}" y="{ly}" width="16" height="16" fill="{type_fill(p, t)}" '
                   f'stroke="{TYPE_COLOURS[t]}" stroke-width="1.5"/>')
        out.append(f'<text x="{left + 24}" y="{ly + 12.5}" fill="{TEXT}">'
                   f'{esc(TYPE_LABELS_PLURAL[t].capitalize())} ({n})</text>')
    out.append("</g></svg>")
    return "".join(out)


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
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sv-chart sv-year-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" style="max-width:100%;height:auto" role="img" aria-labelledby="{p}-title {p}-desc" font-size="12">',
        f'<title id="{p}-title">Poster år {year} per slag</title>',
        f'<desc id="{p}-desc">{esc(desc)}</desc>',
        f"<defs>{type_pattern_defs(p)}</defs>",
        f'<rect width="{width}" height="{height}" fill="{WHITE}"/>',
    ]
    for i, (t, k, n) in enumerate(rows):
        y = top + i * row_h
        w = max(2.0, bar_max * n / top_value)
        out.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" fill="{TEXT}">'
                   f'{esc(KIND_SHORT.get(k, k))}</text>')
        out.append(f'<rect class="sv-bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" '
                   f'fill="{type_fill(p, t)}" stroke="{TYPE_COLOURS[t]}" stroke-width="1.5"/>')
        out.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}" fill="{TEXT}">{n}</text>')
    out.append(f'<line x1="{label_w}" x2="{label_w}" y1="{top}" y2="{height - 8}" stroke="{MUTED}"/>')
    out.append("</svg>")
    return "".join(out)


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
