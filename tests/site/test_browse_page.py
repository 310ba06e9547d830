"""The browse page as built: every record, with the codes it is filtered by, and a plain GET form."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from samverkan.read.records import record_files
from samverkan.pages.finder import BROWSE_PAGE_SIZE, count_text

pytestmark = pytest.mark.slow


class _Browse(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []
        self.selects: dict[str, list[str]] = {}
        self.form: dict = {}
        self._select = None
        self._in_rows = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "data-sv-browse-form" in a:
            self.form = a
        if tag == "tbody" and "data-sv-rows" in a:
            self._in_rows = True
            self.page_size = int(a["data-sv-page"])
        if tag == "tr" and self._in_rows:
            self.rows.append({k[5:]: v for k, v in a.items() if k.startswith("data-")})
        if tag == "a" and self._in_rows and self.rows and "href" not in self.rows[-1]:
            self.rows[-1]["href"] = a["href"]
        if tag == "select":
            self._select = a["name"]
            self.selects[self._select] = []
        if tag == "option" and self._select:
            self.selects[self._select].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_rows = False
        if tag == "select":
            self._select = None


@pytest.fixture(scope="module")
def browse(fixture_site):
    html = (fixture_site / "bladdra" / "index.html").read_text("utf-8")
    parser = _Browse()
    parser.feed(html)
    parser.html = html
    return parser


def test_every_record_is_listed_once_with_its_codes(browse, fixture_data):
    assert len(browse.rows) == len(record_files(fixture_data)) == 18
    by_id = {r["href"].rstrip("/").rsplit("/", 1)[-1]: r for r in browse.rows}
    assert len(by_id) == 18
    assert by_id["test-lok-vasteras-3"] == {"lan": "19", "kommun": "1980", "ar": "2019", "typ": "overenskommelser lok agreement",
                                            "href": "../overenskommelser/test-lok-vasteras-3/"}
    assert by_id["test-regional-orebro"] | {"href": ""} == {"lan": "18", "kommun": "", "ar": "2016",
                                                            "typ": "overenskommelser regional agreement", "href": ""}
    assert by_id["test-nationell"]["lan"] == "" and by_id["test-nationell"]["ar"] == "2008"
    assert by_id["test-minimal"]["ar"] == ""  # no date: no year, and no guess
    assert by_id["test-forening"]["typ"] == "organisationer civilsamhalle organisation"
    # The national agreement: Swedish codes first, the older English ones after (old links still match).
    assert by_id["test-nationell"]["typ"] == "overenskommelser nationell agreement national"


def test_newest_first(browse):
    years = [int(r["ar"]) for r in browse.rows if r["ar"]]
    assert years == sorted(years, reverse=True)


def test_the_form_is_a_plain_get_form_with_the_codes(browse):
    assert browse.form["method"] == "get" and browse.form["action"] == "./"
    assert list(browse.selects) == ["lan", "kommun", "ar", "typ"]
    assert len(browse.selects["lan"]) == 1 + 21 and "19" in browse.selects["lan"]
    assert len(browse.selects["kommun"]) == 1 + 290 and "1980" in browse.selects["kommun"]
    assert browse.selects["ar"][:3] == ["", "2031", "2021"]
    assert {"overenskommelser", "lok", "iop", "samrad-och-moten", "sakrad", "organisationer", "nationell"} \
        <= set(browse.selects["typ"])
    # Swedish codes only: the English type codes and "national" are not offered.
    assert not {"agreement", "consultation", "report", "document", "organisation", "national"} & set(browse.selects["typ"])
    assert all(options[0] == "" for options in browse.selects.values())


def test_count_script_and_no_script_note(browse):
    html = browse.html
    assert '<p class="sv-browse__count" role="status" aria-live="polite" data-sv-count>18 av 18 poster</p>' in html
    assert '<script src="../assets/javascripts/bladdra.js"></script>' in html
    assert "<noscript>" in html and "Utan JavaScript visar listan alltid alla poster" in html
    assert "data-pagefind-body" not in html
    assert browse.page_size == BROWSE_PAGE_SIZE


def test_numbers_are_written_the_swedish_way():
    assert count_text(18) == "18" and count_text(10000) == "10\u00a0000" and count_text(1234567) == "1\u00a0234\u00a0567"
