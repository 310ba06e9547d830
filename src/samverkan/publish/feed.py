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


def feed_records(catalog: Catalog, limit: int = 50, include_organisations: bool = False,
                 records=None) -> list[tuple[dt.date, Record]]:
    """(date, record), newest first, ties by id; records without added/updated are left out.
    `records`: choose from these (a term's records) instead of the whole catalog."""
    dated = []
    for r in (catalog.records if records is None else records):
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
             feed_path: str = FEED_PATH, include_organisations: bool = False,
             records=None, title: str = FEED_TITLE, page_url: str | None = None) -> bytes:
    """Atom 1.0 as bytes: one entry per record, the most recently changed first (changed_on);
    `records` and `title` make it a term's feed (term_feeds), `page_url` its page.

    Entry id and link are the record page's absolute URL; entry updated is that date at
    midnight UTC; the feed's updated is the newest entry's (the build date when empty).
    """
    items = feed_records(catalog, limit, include_organisations, records)
    fg = _generator(site_url, feed_path, title, FEED_SUBTITLE, page_url)
    fg.updated(_midnight(items[0][0] if items else catalog.build_date))
    for day, r in items:
        _record_entry(fg, catalog, r, day, url_for)
    return fg.atom_str(pretty=True)


def _generator(site_url: str, feed_path: str, title: str, subtitle: str, page_url: str | None = None) -> FeedGenerator:
    feed_url = absolute(site_url, feed_path)
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(title)
    fg.subtitle(subtitle)
    fg.language("sv")
    fg.link(href=absolute(site_url, page_url) if page_url else base_url(site_url), rel="alternate", type="text/html")
    fg.link(href=feed_url, rel="self", type="application/atom+xml")
    fg.author({"name": "Samverkansbasen", "uri": base_url(site_url)})
    fg.rights(f"Uppgifterna: {DATA_LICENSE['name']}, {DATA_LICENSE['url']}")
    fg.generator("Samverkansbasen", uri=base_url(site_url))
    return fg


def _record_entry(fg: FeedGenerator, catalog: Catalog, r: Record, day: dt.date, url_for: UrlFor) -> None:
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


EXPIRY_SOON = "loper-ut-snart"
EXPIRY_ENDED = "har-lopt-ut"


def expiry_entries(lists) -> list[tuple[dt.date, str, object]]:
    """(date, kind, Expiry) for a place feed. The date is when the fact became true, from the
    record's end date alone (reproducible): 12 months before the end for "löper ut snart", the day
    after the end for "har löpt ut"."""
    from samverkan.catalog.expiry import WINDOW_MONTHS, add_months
    out = [(add_months(e.last_day, -WINDOW_MONTHS), EXPIRY_SOON, e) for e in lists.soon]
    out += [(e.last_day + dt.timedelta(days=1), EXPIRY_ENDED, e) for e in lists.ended]
    return out


def place_feed_xml(catalog: Catalog, site_url: str, url_for: UrlFor, *, place_name: str, feed_path: str,
                   records, expiry, limit: int = 50, page_url: str | None = None) -> bytes:
    """A län's or kommun's Atom feed: its new and changed records and, as entries of their own,
    its agreements that expire within 12 months or ended in the last 12 (catalog.expiry)."""
    items: list[tuple[dt.date, str, object]] = [(day, "record", r) for day, r in
                                                feed_records(catalog, 0, include_organisations=True, records=records)]
    items += expiry_entries(expiry)
    items.sort(key=lambda it: (-it[0].toordinal(), it[1], getattr(it[2], "id", None) or it[2].record.id))
    items = items[:limit] if limit else items
    fg = _generator(site_url, feed_path, f"Samverkansbasen: {place_name}",
                    f"Nya och ändrade poster i {place_name} och överenskommelser som löper ut.", page_url)
    fg.updated(_midnight(items[0][0] if items else catalog.build_date))
    for day, kind, item in items:
        if kind == "record":
            _record_entry(fg, catalog, item, day, url_for)
            continue
        r = item.record
        url = url_for(r)
        fe = fg.add_entry(order="append")
        fe.id(f"{url}#{kind}-{item.last_day.isoformat()}")
        end = item.end.swedish() + (f" (till och med {item.last_day.day} {_month(item.last_day)} {item.last_day.year})"
                                    if item.partial else "")
        if kind == EXPIRY_SOON:
            fe.title(f"Löper ut snart: {r.title}")
            fe.summary(f"{describe(r, catalog)}. Gäller enligt källan till och med {end}.")
        else:
            fe.title(f"Har löpt ut: {r.title}")
            fe.summary(f"{describe(r, catalog)}. Gällde enligt källan till och med {end}.")
        fe.link(href=url, rel="alternate", type="text/html")
        fe.updated(_midnight(day))
        fe.category(term=kind, label="löper ut snart" if kind == EXPIRY_SOON else "har löpt ut")
    return fg.atom_str(pretty=True)


def _month(day: dt.date) -> str:
    from samverkan.read.dates import MONTHS_SV
    return MONTHS_SV[day.month - 1]


def feed_link_tag(site_url: str, feed_path: str = FEED_PATH, title: str = FEED_TITLE,
                  rel: str = "alternate") -> str:
    """The <link rel="alternate"> for every page's <head>, so browsers and readers find the feed.

    `rel` is a list of link types; feed readers look for the token "alternate" in it.
    """
    # Markup.format escapes every argument (autoescaping, as in the templates).
    return str(Markup('<link rel="{}" type="application/atom+xml" title="{}" href="{}">')
               .format(rel, title, absolute(site_url, feed_path)))


# -- one feed per term: län, kommun, type, kind and theme (samverkan.taxonomy: feed) -------------
def term_feed_title(term_title: str) -> str:
    return f"Samverkansbasen: {term_title}"


def term_feeds(catalog: Catalog, site_url: str, url_for: UrlFor, limit: int = 50) -> dict[str, bytes]:
    """An Atom feed beside each term page of the taxonomies that have one, of the records that
    belong to the term by the catalog's one definition (Catalog.term_records), organisations
    included. A län's and a kommun's feed also has its agreements that expire (place_feed_xml)."""
    from samverkan.catalog.expiry import expiring_for_place
    from samverkan.pages import urls
    from samverkan.taxonomy import TAXONOMIES

    out = {}
    for tax in TAXONOMIES:
        if not tax.feed:
            continue
        for term in tax.terms(catalog):
            path = urls.term_feed(term.url)
            records = catalog.term_records(tax.name, term.key)
            if tax.name in ("county", "municipality"):
                out[path] = place_feed_xml(catalog, site_url, url_for, place_name=term.title, feed_path=path,
                                           records=records, limit=limit, page_url=term.url,
                                           expiry=expiring_for_place(catalog, **{tax.name: term.key}))
            else:
                out[path] = feed_xml(catalog, site_url, url_for, limit, feed_path=path, include_organisations=True,
                                     records=records, title=term_feed_title(term.title), page_url=term.url)
    return out
