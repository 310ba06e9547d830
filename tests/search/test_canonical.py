"""The short fragment names of search/canonical (from the fragments' content digests): unique,
stable for the same bundle, and all new when any fragment changes (so a browser's cached fragment
is never taken for another page's)."""
from __future__ import annotations

from samverkan.search.canonical import fragment_names


def test_fragment_names_are_unique_short_and_stable():
    old = [f"sv_{i:07x}" for i in range(5000)]
    names = fragment_names("sv", old)
    assert len(set(names)) == len(old)
    assert names == fragment_names("sv", list(old))
    assert all(n.startswith("sv_") for n in names)
    # 5,000 pages need three base-36 digits: the name is language, build part and page number.
    assert {len(n) for n in names} == {len("sv_") + 6 + 1 + 3}


def test_any_changed_fragment_renames_every_fragment():
    old = [f"sv_{i:07x}" for i in range(40)]
    changed = list(old)
    changed[17] = "sv_fffffff"
    before, after = fragment_names("sv", old), fragment_names("sv", changed)
    assert not set(before) & set(after)
    # One page more also gives a new build part.
    assert not set(before) & set(fragment_names("sv", old + ["sv_1234567"]))


def test_a_single_page_gets_a_name():
    assert fragment_names("en", ["en_abcdef0"])[0].startswith("en_")
