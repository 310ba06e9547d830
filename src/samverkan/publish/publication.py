"""What the site publishes besides its pages: open data, the Atom feed, JSON-LD.

Everything that needs the site's public address (site_url, e.g.
https://samverkansbasen.github.io/samverkansbasen/) is here, so record URLs in the
downloads, the feed, the JSON-LD and the sitemap all start with the same address. The
content comes from the framework-free modules samverkan.publish.opendata, .feed, .jsonld and
.pictures; an adapter (the MkDocs hooks) writes files() into the site as they are and
puts head_html() into each page's <head>.

    data/records.json          every record (fields as written, resolved places, absolute URLs)
    data/records.csv           one row per record, UTF-8 with BOM, ';' between fields
    data/record.schema.json    the JSON Schema of a record
    <record page>/index.json   one record, next to its page
    data/katalog.rdf           the DCAT-AP-SE catalogue of the four files above (RDF/XML, for dataportal.se)
    feed.xml                   Atom: the latest added or changed records
    <term page>/flode.xml      Atom for each län, kommun, type, kind and theme (a place's also lists what expires)
    opensearch.xml             the OpenSearch description of /sok/
    <moved address>/index.html a page left where a page was before (urls.moved), sending the visitor on
    jamfor/data/<id>.json      an agreement's compare facts (samverkan.publish.compare)
    ladda-ner.md               the "Ladda ner data" page, as Markdown (a page, not a download)
"""
from __future__ import annotations

from dataclasses import dataclass
import datetime as dt

from markupsafe import Markup

from samverkan.publish import dcat, feed, jsonld, opendata

from samverkan.publish import compare

from samverkan.catalog.catalog import Catalog
from samverkan.read.records import Record
from samverkan.read.project import Project
from samverkan.pages import urls

FEED_REL = "alternate feed"  # see Publication.feed_link
OPENSEARCH_PATH = "opensearch.xml"
DOWNLOADS_PAGE = "ladda-ner.md"  # the source of urls.DOWNLOADS, in mkdocs.yml's nav
DOWNLOADS_INTRO = ("Samverkansbasens uppgifter är öppna data. Här finns alla poster som JSON och CSV, "
                   "JSON-schemat för en post, ett flöde med nya och ändrade poster och en katalog över "
                   "filerna för Sveriges dataportal.")


def opensearch_xml(site_url: str) -> bytes:
    """An OpenSearch 1.1 description, so a browser can add the site's search (/sok/?q=...)."""
    from xml.sax.saxutils import escape, quoteattr
    search = opendata.absolute(site_url, urls.SEARCH) + "?q={searchTerms}"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">\n'
            '  <ShortName>Samverkansbasen</ShortName>\n'
            '  <Description>Sök bland överenskommelser, samråd, rapporter, dokument och organisationer '
            'i Samverkansbasen.</Description>\n'
            '  <InputEncoding>UTF-8</InputEncoding>\n'
            '  <Language>sv</Language>\n'
            f'  <Url type="text/html" method="get" template={quoteattr(search)}/>\n'
            f'  <Url type="application/opensearchdescription+xml" rel="self" '
            f'template={quoteattr(opendata.absolute(site_url, OPENSEARCH_PATH))}/>\n'
            f'  <moz:SearchForm xmlns:moz="http://www.mozilla.org/2006/browser/search/">{escape(opendata.absolute(site_url, urls.SEARCH))}</moz:SearchForm>\n'
            '</OpenSearchDescription>\n').encode("utf-8")


@dataclass(frozen=True)
class Publisher:
    """Who publishes the open data and how to reach them (Settings: mkdocs.yml `extra:`)."""

    name: str = "Samverkansbasen"
    url: str = ""
    type: str = ""  # an ADMS publisher type IRI, or empty (then left out)
    email: str = ""  # the contact point's address (extra.feedback_email)
    repo_url: str = ""  # its issues page is the contact point's web address

    @classmethod
    def from_settings(cls, settings) -> "Publisher":
        return cls(settings.publisher_name, settings.publisher_url, settings.publisher_type,
                   settings.feedback_email, settings.repo_url)


def catalogue_dates(catalog: Catalog) -> tuple[dt.date, dt.date]:
    """(earliest `added`, latest change): each record's last change from the catalog when it knows it
    (`catalog.changed`, from git), and every `updated` the records state."""
    added = [r.get("added") for r in catalog.records if r.get("added")]
    changed = [r.get("updated") for r in catalog.records if r.get("updated")]
    changed += [c.date for c in getattr(catalog, "changed", {}).values() if getattr(c, "date", None)]
    if not added:
        # `added` is optional; a data set without one is dated by its build (SOURCE_DATE_EPOCH),
        # not refused: what passes validation must publish.
        added = [catalog.build_date.isoformat()]
    return dcat.issued_and_modified([str(a) for a in added], [str(c) for c in changed])


def catalogue_input(catalog: Catalog, site_url: str, publisher: Publisher) -> dcat.CatalogueInput:
    """The DCAT-AP-SE catalogue of what this Publication writes, with absolute IRIs under site_url."""
    base = opendata.base_url(site_url)
    issued, modified = catalogue_dates(catalog)
    issues = publisher.repo_url.rstrip("/") + "/issues" if publisher.repo_url else None
    return dcat.CatalogueInput(
        base_url=base,
        catalogue_url=opendata.absolute(base, dcat.DCAT_PATH),
        title="Samverkansbasen – öppna data",
        description="Katalog över de öppna data som Samverkansbasen publicerar: alla poster som JSON "
                    "och CSV, JSON-schemat för en post och ett Atom-flöde med nya och ändrade poster.",
        dataset_title="Samverkansbasen: överenskommelser mellan civilsamhället och det offentliga",
        dataset_description="Överenskommelser mellan det civila samhället och det offentliga i Sverige "
                            "(IOP, lokala, regionala och nationella överenskommelser) och samråd, rapporter "
                            "och dokument kring dem, varje uppgift med sin källa.",
        publisher=dcat.Agent(name=publisher.name, url=publisher.url or None, type=publisher.type or None),
        # Without an e-mail address or a repository, the site itself is the way to reach the publisher.
        contact=dcat.Contact(name=publisher.name, email=publisher.email or None,
                             url=issues or (None if publisher.email else base + urls.CONTRIBUTE)),
        issued=issued,
        modified=modified,
        distributions=dcat.default_distributions(
            base, records_json=opendata.RECORDS_JSON, records_csv=opendata.RECORDS_CSV,
            schema_json=opendata.SCHEMA_JSON, feed=opendata.FEED_PATH),
        keywords=("idéburet offentligt partnerskap", "lokal överenskommelse", "civilsamhälle",
                  "överenskommelse", "samråd"),
        landing_page=base + urls.DOWNLOADS.lstrip("/"),
    )


class Publication:
    def __init__(self, catalog: Catalog, project: Project, site_url: str, publisher: Publisher | None = None):
        self.catalog = catalog
        self.project = project
        self.site_url = opendata.base_url(site_url)
        self.publisher = publisher or Publisher()
        self._files: dict[str, bytes] | None = None

    def url_for(self, record: Record) -> str:
        """The absolute address of a record's page."""
        return self.site_url + urls.record_url(record)

    # -- files -------------------------------------------------------------
    def files(self) -> dict[str, bytes]:
        """Every published file that is not a page: site-relative path -> bytes (computed once)."""
        if self._files is None:
            schema = self.project.meta_dir / "schema" / "record.schema.json"
            out = opendata.export_files(self.catalog, self.site_url, self.url_for, schema_path=schema)
            out[opendata.FEED_PATH] = feed.feed_xml(self.catalog, self.site_url, self.url_for)
            out[dcat.DCAT_PATH] = self.catalogue_rdfxml().encode("utf-8")
            out.update(feed.term_feeds(self.catalog, self.site_url, self.url_for))
            out.update(compare.compare_files(self.catalog))
            out[OPENSEARCH_PATH] = opensearch_xml(self.site_url)
            out.update(self.moved_pages())
            self._files = dict(sorted(out.items()))
        return self._files

    def moved_pages(self) -> dict[str, bytes]:
        """<old address>/index.html for each page that moved (urls.moved), sending the visitor on."""
        from samverkan.publish.pictures.render import render
        return {old + "index.html": render("moved.html", to=urls.root_of(old) + new, title=title,
                                           canonical=opendata.absolute(self.site_url, new)).encode("utf-8")
                for old, (new, title) in urls.moved().items()}

    def catalogue_rdfxml(self) -> str:
        """data/katalog.rdf: the DCAT-AP-SE catalogue (dataportal.se harvests it)."""
        return dcat.catalogue_rdfxml(catalogue_input(self.catalog, self.site_url, self.publisher))

    def downloads_markdown(self) -> str:
        """The "Ladda ner data" page; its links are relative to ladda-ner.md, so MkDocs checks them."""
        text = opendata.downloads_markdown(self.catalog, self.site_url, self.files(), link_base="",
                                           catalogue_path=dcat.DCAT_PATH)
        title, _, rest = text.partition("\n\n")
        return f"{title}\n\n{DOWNLOADS_INTRO}\n\n{rest}"

    # -- the <head> of pages -------------------------------------------------
    def feed_link(self) -> Markup:
        """<link rel="alternate feed"> to the feed, for every page's head.

        Not rel="alternate" alone: Material's script takes every link[rel=alternate] for a
        translation of the site and fetches the sitemap.xml beside its href on every page view
        (from site_url's host, even when the site is served elsewhere). Feed readers look for
        the token "alternate", which "alternate feed" has; Material's exact match does not.
        """
        opensearch = Markup('<link rel="search" type="application/opensearchdescription+xml" title="{}" href="{}">')
        return Markup(feed.feed_link_tag(self.site_url, rel=FEED_REL)) + opensearch.format(
            "Samverkansbasen", opendata.absolute(self.site_url, OPENSEARCH_PATH))

    def term_feed_link(self, term_url: str, term_title: str) -> Markup:
        """The <link> to a term's own feed, for the head of its page (län, kommun, type, kind, theme)."""
        return Markup(feed.feed_link_tag(self.site_url, urls.term_feed(term_url),
                                         feed.term_feed_title(term_title), rel=FEED_REL))

    def head_html(self, record: Record | None) -> Markup:
        """What a page adds to its head: a record page its schema.org JSON-LD."""
        if record is None:
            return Markup("")
        return Markup(jsonld.jsonld_script(record, self.catalog, self.url_for, self.site_url))


def build_error_page(message: str) -> str:
    """The page `mkdocs serve` shows while the data does not validate (templates/build_error.html)."""
    from samverkan.publish.pictures.render import render

    first, _, rest = message.partition("\n")
    return render("build_error.html", first=first, rest=rest)
