"""Pins the SCB list of 21 län and 290 kommuner and the name resolution in samverkan.catalog.places."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from samverkan.catalog.places import UnknownPlace, load_places

PLACES_DIR = Path(__file__).resolve().parents[2] / "data" / "places"


@pytest.fixture(scope="module")
def places():
    return load_places(PLACES_DIR)


def test_counts(places):
    assert len(places.counties) == 21
    assert len(places.municipalities) == 290


def test_county_codes_are_two_digits(places):
    for code, county in places.counties.items():
        assert re.fullmatch(r"\d{2}", code), code
        assert county.code == code
        assert county.name.endswith(" län"), county.name


def test_county_codes_exact(places):
    assert sorted(places.counties) == [
        "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
        "14", "17", "18", "19", "20", "21", "22", "23", "24", "25",
    ]


def test_municipality_codes_are_four_digits_within_a_county(places):
    for code, muni in places.municipalities.items():
        assert re.fullmatch(r"\d{4}", code), code
        assert muni.code == code
        assert muni.county_code in places.counties, code


def test_names_and_codes_unique(places):
    county_names = [c.name for c in places.counties.values()]
    muni_names = [m.name for m in places.municipalities.values()]
    assert len(set(county_names)) == len(county_names)
    assert len(set(muni_names)) == len(muni_names)
    # The YAML files must not repeat a code (a dict would silently swallow it).
    for fname, expected in (("counties.yaml", 21), ("municipalities.yaml", 290)):
        codes = re.findall(r'^- code: "(\d+)"$', (PLACES_DIR / fname).read_text("utf-8"), re.M)
        assert len(codes) == expected
        assert len(set(codes)) == expected
        assert codes == sorted(codes)


def test_names_carry_no_suffix(places):
    for muni in places.municipalities.values():
        assert not muni.name.lower().endswith((" kommun", " stad")), muni.name


def test_every_county_has_a_municipality(places):
    for code in places.counties:
        assert places.municipalities_in(code), code


EXPECTED_PER_COUNTY = {
    "01": 26, "03": 8, "04": 9, "05": 13, "06": 13, "07": 8, "08": 12,
    "09": 1, "10": 5, "12": 33, "13": 6, "14": 49, "17": 16, "18": 12,
    "19": 10, "20": 15, "21": 10, "22": 7, "23": 8, "24": 15, "25": 14,
}


def test_municipalities_per_county(places):
    assert sum(EXPECTED_PER_COUNTY.values()) == 290
    counted = Counter(m.county_code for m in places.municipalities.values())
    assert dict(counted) == EXPECTED_PER_COUNTY
    for code, n in EXPECTED_PER_COUNTY.items():
        assert len(places.municipalities_in(code)) == n, code


def test_municipalities_in_is_sorted(places):
    codes = [m.code for m in places.municipalities_in("03")]
    assert codes == ["0305", "0319", "0330", "0331", "0360", "0380", "0381", "0382"]


@pytest.mark.parametrize(
    "name, code",
    [
        ("Upplands Väsby", "0114"),
        ("Stockholm", "0180"),
        ("Södertälje", "0181"),
        ("Sundbyberg", "0183"),
        ("Upplands-Bro", "0139"),
        ("Knivsta", "0330"),
        ("Heby", "0331"),
        ("Uppsala", "0380"),
        ("Eskilstuna", "0484"),
        ("Linköping", "0580"),
        ("Kalmar", "0880"),
        ("Gotland", "0980"),
        ("Malmö", "1280"),
        ("Lund", "1281"),
        ("Trelleborg", "1287"),
        ("Östra Göinge", "1256"),
        ("Orust", "1421"),
        ("Dals-Ed", "1438"),
        ("Lilla Edet", "1462"),
        ("Göteborg", "1480"),
        ("Mölndal", "1481"),
        ("Hällefors", "1863"),
        ("Ljusnarsberg", "1864"),
        ("Örebro", "1880"),
        ("Västerås", "1980"),
        ("Malung-Sälen", "2023"),
        ("Gävle", "2180"),
        ("Övertorneå", "2518"),
        ("Pajala", "2521"),
        ("Gällivare", "2523"),
        ("Haparanda", "2583"),
        ("Kiruna", "2584"),
    ],
)
def test_known_municipalities(places, name, code):
    assert places.municipalities[code].name == name
    assert places.resolve_municipality(name) == code


@pytest.mark.parametrize(
    "code, name",
    [("01", "Stockholms län"), ("09", "Gotlands län"), ("12", "Skåne län"),
     ("14", "Västra Götalands län"), ("19", "Västmanlands län"), ("25", "Norrbottens län")],
)
def test_known_counties(places, code, name):
    assert places.counties[code].name == name


def test_resolve_municipality_refuses_suffix_with_suggestion(places):
    with pytest.raises(UnknownPlace) as exc:
        places.resolve_municipality("Västerås kommun")
    assert exc.value.suggestion == "Västerås"
    with pytest.raises(UnknownPlace) as exc:
        places.resolve_municipality("Stockholms stad")
    # "stockholms" is not the plain name, but the close match still points right.
    assert exc.value.suggestion == "Stockholm"


def test_resolve_municipality_misspelling_suggests(places):
    with pytest.raises(UnknownPlace) as exc:
        places.resolve_municipality("Vasteras")
    assert exc.value.suggestion == "Västerås"
    assert exc.value.kind == "kommun"


def test_resolve_municipality_unknown_code(places):
    with pytest.raises(UnknownPlace):
        places.resolve_municipality("1999")


# (kind, as written, code): both resolvers take a name, a code with or without its leading zero,
# and whatever case and spacing; a län also as "Region <name>".
RESOLVED = [
    ("municipality", "Västerås", "1980"), ("municipality", "1980", "1980"),
    ("municipality", "  västerås ", "1980"), ("municipality", "0180", "0180"), ("municipality", "180", "0180"),
    ("municipality", "Va\u0308stera\u030as", "1980"),
    ("county", "Västmanlands län", "19"), ("county", "Västmanland", "19"), ("county", "Region Skåne", "12"),
    ("county", "19", "19"), ("county", "1", "01"), ("county", "Stockholms län", "01"), ("county", "Stockholm", "01"),
    ("county", "Kalmar län", "08"), ("county", "Dalarna", "20"), ("county", "  västra  götaland ", "14"),
]


@pytest.mark.parametrize("kind, written, code", RESOLVED)
def test_resolve_by_name_and_code(places, kind, written, code):
    assert getattr(places, f"resolve_{kind}")(written) == code


# (kind, as written, suggestion): an unknown code or name is refused, with the closest known name.
REFUSED = [
    ("municipality", "1999", None), ("municipality", "19800", None), ("municipality", "Vasteras", "Västerås"),
    ("municipality", "Region Västerås", "Västerås"),
    ("county", "02", None), ("county", "019", None), ("county", "Qqqq", None), ("county", "Atlantis län", "Hallands län"),
    ("county", "Vastmanland", "Västmanlands län"), ("county", "Västmanland kommun", "Västmanlands län"),
]


@pytest.mark.parametrize("kind, written, suggestion", REFUSED)
def test_resolve_refuses_unknown_with_the_closest_name(places, kind, written, suggestion):
    with pytest.raises(UnknownPlace) as exc:
        getattr(places, f"resolve_{kind}")(written)
    assert exc.value.kind == {"municipality": "kommun", "county": "län"}[kind]
    assert exc.value.suggestion == suggestion
    assert exc.value.value == written


def test_resolve_county_unknown(places):
    with pytest.raises(UnknownPlace) as exc:
        places.resolve_county("Atlantis län")
    assert exc.value.kind == "län"
    with pytest.raises(UnknownPlace):
        places.resolve_county("02")
