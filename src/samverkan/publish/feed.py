"""The Atom feed of the latest added or changed records.

Reproducible: every date in it comes from the records and their git history (an entry's
`updated` is the day its file last changed, samverkan.catalog.changes; `added` outside git),
never from the clock, so the same commit gives the same bytes.
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


def changed_on(record: Record, catalog: Catalog | None = None) -> dt.date | None:
    """When the record last changed: as catalog.changed says (its file's last commit, or `added`
    outside git); for a catalog without those dates, the later of `added` and `updated`."""
    changed = catalog.changed.get(record.id) if catalog is not None else None
    if changed is not None and changed.date is not None:
        return changed.date
    dates = [dt.date.fromisoformat(str(record.get(k))) for k in ("added", "updated") if record.get(k)]
    return max(dates) if dates else None


def feed_records(catalog: Catalog, limit: int = 50, include_organisations: bool = False) -> list[tuple[dt.date, Record]]:
    """(date, record), newest first, ties by id; records without added/updated are left out."""
    dated = []
    for r in catalog.records:
        if r.type == "organisation" and not include_organisations:
            continue
        day = changed_on(r, catalog)
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
             feed_path: str = FEED_PATH, include_organisations: bool = False) -> bytes:
    """Atom 1.0 as bytes: one entry per record, the most recently changed first (changed_on).

    Entry id and link are the record page's absolute URL; entry updated is that date at
    midnight UTC; the feed's updated is the newest entry's (the build date when empty).
    """
    items = feed_records(catalog, limit, include_organisations)
    feed_url = absolute(site_url, feed_path)
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(FEED_TITLE)
    fg.subtitle(FEED_SUBTITLE)
    fg.language("sv")
    fg.link(href=base_url(site_url), rel="alternate", type="text/html")
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
