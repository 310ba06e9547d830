"""Sweden's 21 län and 290 kommuner, with SCB codes, and name resolution.

The lists live in data/places/*.yaml so a maintainer can read them; this module
loads them once and resolves what a record writes ("Västerås", "Västerås kommun",
"1980", "Västmanlands län", "Västmanland", "19") to a code.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml


@dataclass(frozen=True)
class County:
    code: str  # two digits, e.g. "19"
    name: str  # "Västmanlands län"

    @property
    def short_name(self) -> str:
        """'Västmanland' for 'Västmanlands län', used in compact lists."""
        return county_short_name(self.name)


@dataclass(frozen=True)
class Municipality:
    code: str  # four digits, first two are the county's, e.g. "1980"
    name: str  # "Västerås"

    @property
    def county_code(self) -> str:
        return self.code[:2]


def county_short_name(name: str) -> str:
    base = name.removesuffix(" län")
    # "Västmanlands" -> "Västmanland", but "Stockholms" -> "Stockholm", "Skåne" stays.
    if base.endswith("s") and not base.endswith(("ss",)):
        base = base[:-1]
    return base


class UnknownPlace(ValueError):
    """A name or code that is not a Swedish län or kommun; carries a suggestion."""

    def __init__(self, value: object, kind: str, suggestion: str | None):
        self.value = value
        self.kind = kind
        self.suggestion = suggestion
        super().__init__(self.advice())

    def advice(self) -> str:
        """Swedish: what was not found, and the closest known name."""
        what = "okänt län" if self.kind == "län" else "okänd kommun"
        if self.suggestion:
            return f"{what} '{self.value}'; menade du '{self.suggestion}'?"
        return f"{what} '{self.value}'; skriv namnet som i data/places/ eller SCB-koden"


_SUFFIXES = (" kommun", " stad", " kommune", " municipality")


def _fold(text: str) -> str:
    """The form names are compared in: NFC (a decomposed "Västerås" is Västerås), spaces folded, case folded."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).strip()).casefold()


@dataclass
class Places:
    counties: dict[str, County]
    municipalities: dict[str, Municipality]
    _county_names: dict[str, str] = field(default_factory=dict, repr=False)
    _municipality_names: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for c in self.counties.values():
            self._county_names[_fold(c.name)] = c.code
            self._county_names[_fold(c.short_name)] = c.code
            self._county_names[_fold(c.name.removesuffix(" län"))] = c.code
        for m in self.municipalities.values():
            self._municipality_names[_fold(m.name)] = m.code

    # -- lookups ----------------------------------------------------------
    def resolve_county(self, value: object) -> str:
        """Return the two-digit code for a county name or code, or raise UnknownPlace."""
        return self._resolve(value, "län", 2, self.counties, self._county_names, self._region)

    def resolve_municipality(self, value: object) -> str:
        """Return the four-digit code for a kommun name or code, or raise UnknownPlace."""
        return self._resolve(value, "kommun", 4, self.municipalities, self._municipality_names, self._suffixed)

    def _resolve(self, value: object, kind: str, digits: int, table: dict, names: dict[str, str],
                 also: Callable[[object, str], str | None]) -> str:
        """A code (one leading zero may be left out), a known name, or what `also` makes of the
        folded text; else UnknownPlace with the closest known name."""
        text = _fold(str(value))
        if re.fullmatch(f"[0-9]{{{digits - 1},{digits}}}", text) and text.zfill(digits) in table:
            return text.zfill(digits)
        code = names.get(text) or also(value, text)
        if code:
            return code
        raise UnknownPlace(value, kind, self._suggest(text, names, table))

    def _region(self, value: object, text: str) -> str | None:
        """'Region Skåne' is Skåne län."""
        return self._county_names.get(text.removeprefix("region ")) if text.startswith("region ") else None

    def _suffixed(self, value: object, text: str) -> None:
        """A known name with a suffix ('Västerås kommun'): refuse it but point at the plain name."""
        for suffix in _SUFFIXES:
            stem = text.removesuffix(suffix)
            if stem != text and stem in self._municipality_names:
                raise UnknownPlace(value, "kommun", self.municipalities[self._municipality_names[stem]].name)
        return None

    @staticmethod
    def _suggest(text: str, names: dict[str, str], table: dict) -> str | None:
        match = difflib.get_close_matches(text, list(names), n=1, cutoff=0.6)
        return table[names[match[0]]].name if match else None

    def municipalities_in(self, county_code: str) -> list[Municipality]:
        return sorted(
            (m for m in self.municipalities.values() if m.county_code == county_code),
            key=lambda m: m.code,
        )


_CACHE: dict[Path, Places] = {}


def _as_list(value) -> list:
    return value if isinstance(value, list) else []


def place_codes(fields: dict, places: Places) -> tuple[list[str], list[str], list[tuple[tuple, str]]]:
    """A record's län and kommun codes from its counties/municipalities as written, and what is
    wrong with them ((field, index), advice). A kommun implies its län, so pages for the län
    list the record too. Validation reports the problems; the catalog keeps the codes."""
    problems: list[tuple[tuple, str]] = []
    counties: list[str] = []
    for i, value in enumerate(_as_list(fields.get("counties"))):
        try:
            code = places.resolve_county(value)
            if code not in counties:
                counties.append(code)
        except UnknownPlace as err:
            problems.append((("counties", i), err.advice()))
    munis: list[str] = []
    for i, value in enumerate(_as_list(fields.get("municipalities"))):
        try:
            code = places.resolve_municipality(value)
        except UnknownPlace as err:
            problems.append((("municipalities", i), err.advice()))
            continue
        if code not in munis:
            munis.append(code)
        county = code[:2]
        if counties and county not in counties:
            name = places.municipalities[code].name
            problems.append((("municipalities", i),
                             f"kommunen {name} ligger i {places.counties[county].name}, som inte står under counties; "
                             f"lägg till '{places.counties[county].name}' under counties eller rätta kommunen"))
    for code in munis:
        if code[:2] not in counties:
            counties.append(code[:2])
    return counties, munis, problems


def load_places(places_dir: Path) -> Places:
    """Load data/places/counties.yaml and municipalities.yaml (cached per folder)."""
    if places_dir in _CACHE:  # the hot path: no filesystem work at all
        return _CACHE[places_dir]
    key = places_dir
    places_dir = Path(places_dir).resolve()
    if places_dir not in _CACHE:
        counties_raw = yaml.load((places_dir / "counties.yaml").read_text("utf-8"), Loader=yaml.CSafeLoader)
        munis_raw = yaml.load((places_dir / "municipalities.yaml").read_text("utf-8"), Loader=yaml.CSafeLoader)
        counties = {str(c["code"]): County(str(c["code"]), c["name"]) for c in counties_raw}
        munis = {str(m["code"]): Municipality(str(m["code"]), m["name"]) for m in munis_raw}
        _CACHE[places_dir] = Places(counties, munis)
    _CACHE[key] = _CACHE[places_dir]
    return _CACHE[places_dir]
