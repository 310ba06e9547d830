"""The URL scheme of the site, in one place.

Every URL here is relative to the site root and ends with "/" (MkDocs'
use_directory_urls), e.g. "overenskommelser/lok-vasteras/". A page links to
another by prefixing its own `root` ("../../") so the site works under any
base path (GitHub Pages serves it under /samverkansbasen/). URLs are the
public contract of the site: change them only with redirects.
"""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from samverkan.catalog.catalog import slugify
from samverkan.catalog.places import County, Municipality
from samverkan.read.records import Record
from samverkan.taxonomy import BY_NAME as _TAX
from samverkan.vocabulary import KIND_CODES, kind_code, kind_label

TYPE_SEGMENTS = {
    "agreement": "overenskommelser",
    "consultation": "samrad",
    "report": "rapporter",
    "document": "dokument",
    "organisation": "organisationer",
}

HOME = ""
CONTRIBUTE = "bidra/"
SOURCE_HANDLING = "kallhantering/"  # docs/kallhantering.md: how records were made, how far a title goes
TITLE_ONLY_HELP = SOURCE_HANDLING + "#hur-mycket-en-post-som-bara-bygger-pa-en-titel-sager"
# The taxonomies' folders are declared in samverkan.taxonomy.
COUNTIES = _TAX["county"].segment  # lan/
MUNICIPALITIES = _TAX["municipality"].segment  # kommun/
YEARS = _TAX["year"].segment  # ar/
THEMES = _TAX["theme"].segment  # tema/
KINDS = _TAX["kind"].segment  # slag/
NATIONAL = "hela-landet/"
SEARCH = "sok/"  # Pagefind search; reads ?q= and the filters below from the query string
BROWSE = "bladdra/"  # every record, filtered in place by ?lan=19&kommun=1980&ar=2019&typ=lok
COVERAGE = "tackning/"  # which kommuner have a known LÖK or IOP
PRINCIPLES = "principer/"  # agreements by the six principles they adopt
DOWNLOADS = "ladda-ner/"  # what the open data files hold (a Markdown page the hooks generate)
COMPARE = "jamfor/"  # agreements side by side: ?id=a&id=b (2–4); jamfor.js draws them from COMPARE_DATA
COMPARE_DATA = "jamfor/data/"  # one JSON file of compare facts per agreement (samverkan.publish.compare)
COMPARE_CHAINS = "jamfor/versioner/"  # one pre-rendered comparison per version chain, named by its newest version
TERM_FEED = "flode.xml"  # a term's own feed (a län, kommun, type, kind, theme), next to its page
FEED = "feed.xml"  # the Atom feed; the open data files are under data/ (samverkan.publish.opendata)


def record_url(record: Record) -> str:
    return f"{TYPE_SEGMENTS[record.type]}/{record.id}/"


def type_url(rtype: str) -> str:
    return f"{TYPE_SEGMENTS[rtype]}/"


def kind_url(kind: str) -> str:
    """A kind's page, under its Swedish code: slag/lok/, slag/nationell/ (vocabulary.kind_code)."""
    return f"{KINDS}{kind_code(kind)}/"


def moved() -> dict[str, tuple[str, str]]:
    """Addresses from before the Swedish codes -> (where that page is now, its title):
    slag/national/ -> slag/nationell/. Each old address keeps a page that sends the visitor on."""
    return {f"{KINDS}{old}/": (kind_url(old), kind_label(old)) for old in KIND_CODES}


def county_url(county: County) -> str:
    # The code keeps the URL unique and stable; the name makes it readable.
    return f"{COUNTIES}{county.code}-{slugify(county.short_name)}/"


def municipality_url(municipality: Municipality) -> str:
    # "Håbo" and "Habo" fold to the same letters: the code tells them apart.
    return f"{MUNICIPALITIES}{municipality.code}-{slugify(municipality.name)}/"


def year_url(year: int) -> str:
    return f"{YEARS}{year}/"


def theme_url(slug: str) -> str:
    return f"{THEMES}{slug}/"


def compare_url(ids) -> str:
    """The compare page with these agreements chosen: jamfor/?id=a&id=b."""
    from urllib.parse import urlencode
    return COMPARE + ("?" + urlencode([("id", i) for i in ids]) if ids else "")


def compare_data_url(record_id: str) -> str:
    return f"{COMPARE_DATA}{record_id}.json"


def chain_url(newest: Record) -> str:
    return f"{COMPARE_CHAINS}{newest.id}/"


def term_feed(term_url: str) -> str:
    """The feed of a term page: lan/19-vastmanland/flode.xml."""
    return f"{term_url}{TERM_FEED}"


def src_uri(url: str) -> str:
    """The virtual source file MkDocs gets for a URL: 'lan/' -> 'lan/index.md'."""
    return f"{url}index.md"


def root_of(url: str) -> str:
    """The prefix that leads from a page at `url` back to the site root."""
    depth = url.count("/")
    return "../" * depth if depth else "./"


def base_path(site_url: str) -> str:
    """The path part of a site_url ('/samverkansbasen/'): where GitHub Pages serves the site."""
    return urlsplit(site_url).path or "/"


def edit_link(repo_url: str, edit_uri: str, path: str | None) -> str | None:
    """The edit link of a file in the repository, joined as MkDocs joins repo_url + edit_uri + a
    file's edit path, so the hook's, Zensical's and the record page's links agree (None: no link)."""
    if not path or not edit_uri:
        return None
    target = edit_uri + path
    if not repo_url:
        return target
    if not target.startswith(("?", "#")) and not repo_url.endswith("/"):
        repo_url += "/"
    return urljoin(repo_url, target)
