"""A tile cartogram of Sweden's 21 län, coloured by the number of agreements."""
from __future__ import annotations

from typing import Callable

from samverkan.catalog.catalog import Catalog
from samverkan.publish.pictures._common import MUTED, TEXT, WHITE, count_words, safe_id, text_colour_on
from samverkan.publish.pictures.render import render

CountyUrl = Callable[[str], str]

# (column, row) of each län: hand-placed to follow the map, Norrbotten at the top, Skåne at the bottom.
TILE_POSITIONS: dict[str, tuple[int, int]] = {
    "25": (2, 0),  # Norrbotten
    "24": (2, 1),  # Västerbotten
    "23": (1, 2),  # Jämtland
    "22": (2, 2),  # Västernorrland
    "20": (1, 3),  # Dalarna
    "21": (2, 3),  # Gävleborg
    "17": (0, 4),  # Värmland
    "18": (1, 4),  # Örebro
    "19": (2, 4),  # Västmanland
    "03": (3, 4),  # Uppsala
    "14": (0, 5),  # Västra Götaland
    "05": (1, 5),  # Östergötland
    "04": (2, 5),  # Södermanland
    "01": (3, 5),  # Stockholm
    "13": (0, 6),  # Halland
    "06": (1, 6),  # Jönköping
    "08": (2, 6),  # Kalmar
    "09": (3, 6),  # Gotland
    "07": (1, 7),  # Kronoberg
    "10": (2, 7),  # Blekinge
    "12": (1, 8),  # Skåne
}
# A sequential scale, light to dark; the first step is for none.
SCALE = ["#f2f2f2", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]

TILE_W, TILE_H, GAP = 124, 62, 6


def county_agreement_counts(catalog: Catalog) -> dict[str, int]:
    """län code -> number of agreements that name the län or one of its kommuner."""
    return {code: sum(1 for r in catalog.by_county.get(code, []) if r.type == "agreement")
            for code in sorted(catalog.places.counties)}


def county_bins(maximum: int) -> list[tuple[int, int | None]]:
    """Inclusive ranges for the five colour steps; the last is open-ended (None)."""
    if maximum <= 4:
        return [(0, 0), (1, 1), (2, 2), (3, 3), (4, None)]
    step = -(-maximum // 4)
    return [(0, 0), (1, step), (step + 1, 2 * step), (2 * step + 1, 3 * step), (3 * step + 1, None)]


def _bin_of(n: int, bins) -> int:
    for i, (lo, hi) in enumerate(bins):
        if n >= lo and (hi is None or n <= hi):
            return i
    return len(bins) - 1


def _bin_label(lo: int, hi: int | None) -> str:
    if hi is None:
        return f"{lo} eller fler"
    return str(lo) if lo == hi else f"{lo}–{hi}"


def agreements_words(n: int) -> str:
    return count_words(n, "överenskommelse", "överenskommelser")


def county_map_svg(catalog: Catalog, county_url: CountyUrl, *, id_prefix: str = "sv-lanskarta") -> str:
    """Inline SVG: one linked tile per län ("Västmanlands län: 3 överenskommelser"), a legend."""
    p = safe_id(id_prefix)
    counts = county_agreement_counts(catalog)
    bins = county_bins(max(counts.values(), default=0))
    cols = 1 + max(c for c, _ in TILE_POSITIONS.values())
    rows = 1 + max(r for _, r in TILE_POSITIONS.values())
    margin = 8
    width = margin * 2 + cols * (TILE_W + GAP) - GAP
    height = margin * 2 + rows * (TILE_H + GAP) - GAP
    placeless = [r for r in catalog.by_type.get("agreement", []) if not r.county_codes]
    national = sum(1 for r in placeless if r.get("scope") == "national")
    unplaced = len(placeless) - national
    total = sum(1 for r in catalog.by_type.get("agreement", []) if r.county_codes)
    desc = ("Sveriges 21 län som lika stora rutor, ungefär placerade som på kartan: Norrbotten överst, "
            "Skåne nederst. Varje ruta visar länets namn och antalet kända överenskommelser som gäller länet "
            "eller en kommun i det; färgen blir mörkare ju fler de är. Varje ruta länkar till länets sida. "
            f"{agreements_words(total).capitalize()} gäller ett eller flera län.")
    if national:
        desc += f" {agreements_words(national).capitalize()} gäller hela landet och räknas inte per län."
    if unplaced:
        desc += f" {agreements_words(unplaced).capitalize()} anger inget län och räknas inte heller."
    tiles = []
    for code, (col, row) in sorted(TILE_POSITIONS.items(), key=lambda kv: (kv[1][1], kv[1][0])):
        county = catalog.places.counties[code]
        n = counts.get(code, 0)
        fill = SCALE[_bin_of(n, bins)]
        x = margin + col * (TILE_W + GAP)
        tiles.append(dict(code=code, url=county_url(code), name=f"{county.name}: {agreements_words(n)}", n=n,
                          short_name=county.short_name, fill=fill, ink=text_colour_on(fill),
                          x=x, y=margin + row * (TILE_H + GAP), cx=x + TILE_W / 2))
    # The legend fills the empty north-west corner.
    legend = [dict(y=margin + 22 + i * 22, fill=SCALE[i], label=_bin_label(lo, hi)) for i, (lo, hi) in enumerate(bins)]
    return render("county_map.svg", p=p, width=width, height=height, desc=desc, tiles=tiles, legend=legend,
                  lx=margin, ly=margin, tile_w=TILE_W, tile_h=TILE_H, white=WHITE, muted=MUTED, text=TEXT)
