"""schema.org JSON-LD for a record page, built only from what the record says.

Types: an agreement is a CreativeWork (an överenskommelse is not a legal act, so not
schema.org's Legislation) with its period of validity as temporalCoverage, its own text as
`encoding` (a MediaObject) and an IOP's target group as `audience` (who decided it, the activity
and the public party's contribution have no fitting property and stay on the page and in the open data); a consultation
an Event; a report a Report; a parliamentary or government document a CreativeWork; an
organisation a GovernmentOrganization, NGO or Organization. A field the record lacks is
left out, never filled in.
"""
from __future__ import annotations

import json

from samverkan.catalog.catalog import Catalog
from samverkan.read.dates import PartialDate
from samverkan.publish.opendata import UrlFor, base_url
from samverkan.publish.pictures.render import render
from samverkan.vocabulary import DOCUMENT_COPY, KIND_LONG_LABELS, PRINCIPLE_LABELS
from samverkan.read.records import Record

SCHEMA_TYPES = {
    "agreement": "CreativeWork",
    "consultation": "Event",
    "report": "Report",
    "document": "CreativeWork",
}
ORGANISATION_TYPES = {"offentlig": "GovernmentOrganization", "civilsamhalle": "NGO", "natverk": "Organization"}
# The agreement's own text as schema.org's `encoding` (a MediaObject that encodes the work).
ENCODING_FORMATS = {"pdf": "application/pdf", "html": "text/html", "doc": "application/msword",
                    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "odt": "application/vnd.oasis.opendocument.text", "rtf": "application/rtf"}
# A party of a consultation whose role starts with one of these organised it; the others took part.
ORGANIZER_ROLES = ("arrangör", "arrangor", "värd", "sammankallande", "organisatör", "initiativtagare")


def schema_type(record: Record) -> str:
    if record.type == "organisation":
        return ORGANISATION_TYPES.get(record.kind, "Organization")
    return SCHEMA_TYPES.get(record.type, "CreativeWork")


def _iso(value) -> str | None:
    return PartialDate.parse(value).iso() if value is not None else None


def _org_node(catalog: Catalog, oid: str, url_for: UrlFor) -> dict:
    target = catalog.by_id.get(oid)
    if target is None:
        return {"@type": "Organization", "name": oid}
    node = {"@type": schema_type(target), "name": target.title, "url": url_for(target)}
    if target.get("website"):
        node["sameAs"] = target.get("website")
    return node


def _places(record: Record, catalog: Catalog) -> list[dict]:
    """Kommuner (inside their län) and the län not already implied by a kommun."""
    places = catalog.places
    out = []
    for code in record.municipality_codes:
        county = places.counties[code[:2]]
        out.append({"@type": "AdministrativeArea", "name": f"{places.municipalities[code].name} kommun",
                    "identifier": code,
                    "containedInPlace": {"@type": "AdministrativeArea", "name": county.name,
                                         "identifier": county.code}})
    implied = {m[:2] for m in record.municipality_codes}
    for code in record.county_codes:
        if code not in implied:
            out.append({"@type": "AdministrativeArea", "name": places.counties[code].name, "identifier": code})
    if not out and record.get("scope") == "national":
        out.append({"@type": "Country", "name": "Sverige"})
    return out


def _sources(record: Record) -> list[dict]:
    out = []
    for s in record.get("sources") or []:
        node = {"@type": "CreativeWork", "name": s["title"]}
        if s.get("url"):
            node["url"] = s["url"]
        if s.get("publisher"):
            node["publisher"] = {"@type": "Organization", "name": s["publisher"]}
        if s.get("date") is not None:
            node["datePublished"] = _iso(s["date"])
        out.append(node)
    return out


def jsonld_data(record: Record, catalog: Catalog, url_for: UrlFor, site_url: str | None = None) -> dict:
    """The JSON-LD object (a dict) for one record."""
    node: dict = {"@context": "https://schema.org", "@type": schema_type(record),
                  "url": url_for(record), "name": record.title}
    if record.get("summary"):
        node["description"] = record.get("summary")
    themes = [{"@type": "Thing", "name": t} for t in record.get("themes") or []]
    sources = _sources(record)
    places = _places(record, catalog)
    parties = record.get("parties") or []
    party_ids = set(catalog.party_ids(record))
    mentioned = [o for o in record.get("organisations") or [] if o not in party_ids]

    if record.type == "organisation":
        if record.get("short_name"):
            node["alternateName"] = record.get("short_name")
        if record.get("website"):
            node["sameAs"] = record.get("website")
        if places:
            node["areaServed"] = places
        if themes:
            node["knowsAbout"] = themes
        if sources:
            node["subjectOf"] = sources
        return node

    node["inLanguage"] = "sv"
    if record.type == "consultation":
        if record.get("date") is not None:
            node["startDate"] = _iso(record.get("date"))
        organizers = [p for p in parties if str(p.get("role", "")).casefold().startswith(ORGANIZER_ROLES)]
        others = [p for p in parties if p not in organizers]
        if organizers:
            node["organizer"] = [_org_node(catalog, p["organisation"], url_for) for p in organizers]
        if others:
            node["attendee"] = [_org_node(catalog, p["organisation"], url_for) for p in others]
        if themes:
            node["about"] = themes
        if sources:
            node["subjectOf"] = sources
    else:
        node["genre"] = KIND_LONG_LABELS.get(record.kind, record.kind)
        if record.get("date") is not None:
            node["dateCreated" if record.type == "agreement" else "datePublished"] = _iso(record.get("date"))
        if record.type == "agreement" and (record.get("valid_from") is not None
                                           or record.get("valid_to") is not None):
            # ISO 8601 interval; '..' is an open end (schema.org's own example).
            start = _iso(record.get("valid_from")) or ".."
            end = _iso(record.get("valid_to")) or ".."
            node["temporalCoverage"] = f"{start}/{end}"
        if record.get("reference"):
            node["identifier"] = record.get("reference")
        if parties:
            node["contributor"] = [_org_node(catalog, p["organisation"], url_for) for p in parties]
        if places:
            node["spatialCoverage"] = places
        about = themes + [{"@type": "Thing", "name": PRINCIPLE_LABELS[p]} for p in record.get("principles") or []]
        if about:
            node["about"] = about
        if sources:
            node["citation"] = sources
        document = record.get("document")
        if record.type == "agreement" and document:
            media = {"@type": "MediaObject", "contentUrl": document["url"]}
            if document.get("title"):
                media["name"] = document["title"]
            if document.get("format"):
                media["encodingFormat"] = ENCODING_FORMATS[document["format"]]
            if document.get("copy") is True:
                media["description"] = DOCUMENT_COPY
            node["encoding"] = media
        target_group = (record.get("iop") or {}).get("target_group")
        if record.type == "agreement" and target_group:
            node["audience"] = {"@type": "Audience", "audienceType": target_group}
        if record.get("attachments"):
            node["associatedMedia"] = [{"@type": "MediaObject", "name": a["title"], "contentUrl": a["url"]}
                                       for a in record.get("attachments")]
        older = [catalog.by_id[i] for i in record.get("supersedes") or [] if i in catalog.by_id]
        if older:
            node["isBasedOn"] = [url_for(t) for t in older]
    if mentioned:
        node["mentions"] = [_org_node(catalog, o, url_for) for o in mentioned]
    if site_url:
        node["isPartOf"] = {"@type": "WebSite", "name": "Samverkansbasen", "url": base_url(site_url)}
    return node


def script_safe_json(value) -> str:
    """JSON that can stand inside <script>: '<', '>' and '&' written as \\u003c, \\u003e, \\u0026."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def jsonld(record: Record, catalog: Catalog, url_for: UrlFor, site_url: str | None = None) -> str:
    """The JSON-LD text for a record page, safe inside <script type="application/ld+json">."""
    return script_safe_json(jsonld_data(record, catalog, url_for, site_url))


def jsonld_script(record: Record, catalog: Catalog, url_for: UrlFor, site_url: str | None = None) -> str:
    """The whole <script type="application/ld+json"> element for the page head or body."""
    return render("jsonld.html", json=jsonld(record, catalog, url_for, site_url))
