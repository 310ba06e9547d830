"""The Atom feed of the latest added or changed records.

Reproducible: every date in it comes from the records (`added`, `updated`), never
from the clock, so the same data gives the same bytes.
"""
from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator
from markupsafe import Markup

from samverkan.catalog.catalog import Catalog
from samverkan.publish.opendata import DATA_LICENSE, FEED_PATH, UrlFor, absolute, base_url
from samverkan.vocabulary import KIND_SHORT, TYPE_LABELS
from samverkan.read.records import Record

FEED_TITLE = "Samverkansbasen: nya och ändrade poster"
FEED_SUBTITLE = ("Överenskommelser mellan det civila samhället och det offentliga, och samråd, "
                 "rapporter och dokument kring dem.")


def changed_on(record: Record) -> dt.date | None:
    """The later of `added` and `updated`; None when the record has neither."""
    dates = [dt.date.fromisoformat(str(record.get(k))) for k in ("added", "updated") if record.get(k)]
    return max(dates) if dates else None


def feed_records(catalog: Catalog, limit: int = 50, include_organisations: bool = False,
                 records=None) -> list[tuple[dt.date, Record]]:
    """(date, record), newest first, ties by id; records without added/updated are left out.
    `records`: choose from these (a term's records) instead of the whole catalog."""
    dated = []
    for r in (catalog.records if records is None else records):
        if r.type == "organisation" and not include_organisations:
            continue
        day = changed_on(r)
        if day is not None:
            dated.append((day, r))
    dated.sort(key=lambda item: (-item[0].toordinal(), item[1].id))
    return dated[:limit] if limit else dated


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def describe(record: Record, catalog: Catalog) -> str:
    """A one-line factual description from the record's own fields: 'LÖK · Västerås · 2019'."""
    parts = [KIND_SHORT.get(record.kind) or TYPE_LABELS.get(record.type, record.type)]
    places = catalog.places
    names = [places.municipalities[m].name for m in record.municipality_codes]
    if not names:
        names = [places.counties[c].name for c in record.county_codes]
    if names:
        parts.append(", ".join(names))
    date = catalog.date_of(record)
    if date is not None:
        parts.append(date.swedish())
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


def feed_xml(catalog: Catalog, site_url: str, url_for: UrlFor, limit: int = 50, *,
             feed_path: str = FEED_PATH, include_organisations: bool = False,
             records=None, title: str = FEED_TITLE, page_url: str | None = None) -> bytes:
    """Atom 1.0 as bytes: one entry per record, newest `max(added, updated)` first.

    Entry id and link are the record page's absolute URL; entry updated is that date at
    midnight UTC; the feed's updated is the newest entry's (the build date when empty).
    """
    items = feed_records(catalog, limit, include_organisations, records)
    feed_url = absolute(site_url, feed_path)
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(title)
    fg.subtitle(FEED_SUBTITLE)
    fg.language("sv")
    fg.link(href=absolute(site_url, page_url) if page_url else base_url(site_url), rel="alternate", type="text/html")
    fg.link(href=feed_url, rel="self", type="application/atom+xml")
    fg.author({"name": "Samverkansbasen", "uri": base_url(site_url)})
    fg.rights(f"Uppgifterna: {DATA_LICENSE['name']}, {DATA_LICENSE['url']}")
    fg.generator("Samverkansbasen", uri=base_url(site_url))
    fg.updated(_midnight(items[0][0] if items else catalog.build_date))
    for day, r in items:
        url = url_for(r)
        fe = fg.add_entry(order="append")
        fe.id(url)
        fe.title(r.title)
        fe.link(href=url, rel="alternate", type="text/html")
        fe.updated(_midnight(day))
        if r.get("added"):
            fe.published(_midnight(dt.date.fromisoformat(str(r.get("added")))))
        summary = r.get("summary")
        fe.summary(f"{describe(r, catalog)}. {summary}" if summary else describe(r, catalog))
        fe.category(term=r.type, label=TYPE_LABELS.get(r.type, r.type))
    return fg.atom_str(pretty=True)


def feed_link_tag(site_url: str, feed_path: str = FEED_PATH, title: str = FEED_TITLE,
                  rel: str = "alternate") -> str:
    """The <link rel="alternate"> for every page's <head>, so browsers and readers find the feed.

    `rel` is a list of link types; feed readers look for the token "alternate" in it.
    """
    # Markup.format escapes every argument (autoescaping, as in the templates).
    return str(Markup('<link rel="{}" type="application/atom+xml" title="{}" href="{}">')
               .format(rel, title, absolute(site_url, feed_path)))


# -- one feed per term: län, kommun, type, kind and theme ----------------------------------
TERM_FEED_TAXONOMIES = ("type", "kind", "county", "municipality", "theme")
TERM_FEED_FILE = "feed.xml"  # next to the term's page: lan/19-vastmanland/feed.xml


def term_feed_path(term_url: str) -> str:
    return term_url + TERM_FEED_FILE


def term_feed_title(term_title: str) -> str:
    return f"Samverkansbasen: {term_title}"


def term_feeds(catalog: Catalog, site_url: str, url_for: UrlFor, limit: int = 50) -> dict[str, bytes]:
    """An Atom feed for each term of the taxonomies above, of the records that belong to it by
    the catalog's one definition (Catalog.term_records), organisations included."""
    from samverkan.taxonomy import BY_NAME

    out = {}
    for name in TERM_FEED_TAXONOMIES:
        tax = BY_NAME[name]
        for term in tax.terms(catalog):
            path = term_feed_path(term.url)
            out[path] = feed_xml(catalog, site_url, url_for, limit, feed_path=path, include_organisations=True,
                                 records=catalog.term_records(name, term.key),
                                 title=term_feed_title(term.title), page_url=term.url)
    return out
