"""Reading files into records: the strict loader, positions, partial dates, type folders."""
from __future__ import annotations

import pytest

from samverkan.read.dates import PartialDate
from samverkan.read.records import folder_type_of, load_record
from samverkan.read.yamlsource import LoadError


def test_dates_keep_their_precision():
    assert PartialDate.parse(2019).iso() == "2019"
    assert PartialDate.parse("2019-05").swedish() == "maj 2019"
    assert PartialDate.parse("2020-02-29").last_day.isoformat() == "2020-02-29"
    assert PartialDate.parse("2016").last_day.isoformat() == "2016-12-31"
    with pytest.raises(ValueError, match="februari 2019 har 28 dagar"):
        PartialDate.parse("2019-02-29")


def test_yaml_dates_are_not_turned_into_objects(tmp_path):
    path = tmp_path / "agreements" / "lok-a.yaml"
    path.parent.mkdir()
    path.write_text("type: agreement\nkind: lok\ntitle: A\ndate: 2019-05-01\nsources: [{title: s}]\n", "utf-8")
    assert load_record(path).get("date") == "2019-05-01"


def test_positions_point_at_keys_and_items(tmp_path):
    path = tmp_path / "agreements" / "lok-a.yaml"
    path.parent.mkdir()
    path.write_text("type: agreement\nkind: lok\nmunicipalities:\n  - Västerås\n  - Eskilstuna\n", "utf-8")
    record = load_record(path)
    assert record.position("kind") == (2, 1)
    assert record.position("municipalities", 1) == (5, 5)
    assert folder_type_of(path) == "agreement" and record.type == "agreement"


def test_duplicate_keys_are_refused_with_their_line(tmp_path):
    path = tmp_path / "agreements" / "lok-a.yaml"
    path.parent.mkdir()
    path.write_text("type: agreement\ntitle: A\ntitle: B\n", "utf-8")
    with pytest.raises(LoadError) as err:
        load_record(path)
    assert err.value.line == 3
