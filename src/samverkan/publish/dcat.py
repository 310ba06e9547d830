"""DCAT-AP-SE catalogue of the open data, as RDF/XML for Sveriges dataportal (dataportal.se).

A pure function of plain inputs: `catalogue_rdfxml(CatalogueInput(...))` returns the RDF/XML text
of one dcat:Catalog with one dcat:Dataset (the whole knowledge base) and one dcat:Distribution per
download (records.json, records.csv, the JSON Schema, the Atom feed). rdflib builds the graph and
serialises it; nothing here reads files, the clock or the network, and nothing imports the rest of
the project, so the build (or a test) passes in what it knows.

What the profiles ask for, and where it is met:

- DCAT-AP-SE 3.0.1 (diggsweden/DCAT-AP-SE, 3.0.1/bundle.json) makes mandatory: on the catalogue
  title, description, publisher, dcat:dataset and the licence of the *metadata*, which in Sweden must
  be CC0 (`http://creativecommons.org/publicdomain/zero/1.0/`); on the dataset title, description and
  publisher; on each distribution dcat:accessURL and a format; on the publisher foaf:name and dct:type
  (an ADMS publisher type); on a contact point its vcard class (Organization or Individual), vcard:fn
  and vcard:hasEmail. Recommended, and given here: issued/modified, language, homepage, spatial
  coverage and theme taxonomy (catalogue); contact point, keywords, themes, issued, spatial, temporal
  coverage when known, access rights, conformsTo (dataset); description, licence and availability
  (distribution). The data licence, CC BY 4.0 (`http://creativecommons.org/licenses/by/4.0/`, exactly
  that URI: DIGG's harvesting guide names it, never with https or without the trailing slash), is
  set on each distribution (DCAT-AP-SE recommendation 11: licences belong to distributions).
- DCAT-AP 3 ranges: the objects are typed as the profile's range classes (dct:LicenseDocument,
  dct:Location, dct:LinguisticSystem, dct:MediaTypeOrExtent, dct:MediaType, dct:Standard, vcard:Kind,
  foaf:Agent, ...), as DCAT-AP-SE's own editor writes them. Terms of the SKOS vocabularies (themes,
  availability, licence and publisher types) are left to the vocabularies themselves, which a
  validator loads (the tests load an excerpt). Controlled vocabularies: EU authority tables (country,
  language, data-theme, file-type, access-right, planned-availability) and IANA media-type IRIs.
- Harvesting (DIGG, docs/harvesting.md): RDF/XML, absolute IRIs only, no blank nodes for catalogue,
  dataset, distributions, publisher and contact point. Every node here has an IRI under the
  catalogue document's address (`.../data/katalog.rdf#katalog`, `#datamangd`, ...), so the IRIs are
  stable and dereference to the document that describes them.

The output is byte-stable for the same input: no blank nodes, and rdflib writes subjects and
properties in insertion order.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import urljoin, urlsplit

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
ADMS = Namespace("http://www.w3.org/ns/adms#")

EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
COUNTRY_TABLE = EU_AUTHORITY + "country"
LANGUAGE_TABLE = EU_AUTHORITY + "language"
DATA_THEME_TABLE = EU_AUTHORITY + "data-theme"
FILE_TYPE_TABLE = EU_AUTHORITY + "file-type"
ACCESS_RIGHT_TABLE = EU_AUTHORITY + "access-right"
AVAILABILITY_TABLE = EU_AUTHORITY + "planned-availability"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
LICENCE_TYPE_SCHEME = "http://purl.org/adms/licencetype/1.0"
PUBLISHER_TYPE_SCHEME = "http://purl.org/adms/publishertype/1.0"

SWEDEN = COUNTRY_TABLE + "/SWE"
SWEDISH = LANGUAGE_TABLE + "/SWE"
PUBLIC_ACCESS = ACCESS_RIGHT_TABLE + "/PUBLIC"
STABLE = AVAILABILITY_TABLE + "/STABLE"

# The data: attribution required. DCAT-AP-SE and DIGG's harvesting guide spell it exactly so.
CC_BY_4 = "http://creativecommons.org/licenses/by/4.0/"
# The metadata of a Swedish catalogue: DCAT-AP-SE requires CC0 on dcat:Catalog.
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
LICENCE_TYPES = {  # ADMS licence type of each licence used here
    CC_BY_4: "http://purl.org/adms/licencetype/Attribution",
    CC0: "http://purl.org/adms/licencetype/PublicDomain",
}
LICENCE_TITLES = {
    CC_BY_4: "Creative Commons Erkännande 4.0 Internationell (CC BY 4.0)",
    CC0: "Creative Commons Zero 1.0 Universell (CC0 1.0), allmän egendom",
}

# Where the build publishes the catalogue, relative to the site's address.
DCAT_PATH = "data/katalog.rdf"

# Publisher types of DCAT-AP-SE (ADMS publisher type vocabulary), for the settings' check.
PUBLISHER_TYPES = frozenset(
    "http://purl.org/adms/publishertype/" + name for name in (
        "Academia-ScientificOrganisation", "Company", "IndustryConsortium", "LocalAuthority",
        "NationalAuthority", "NonGovernmentalOrganisation", "NonProfitOrganisation",
        "PrivateIndividual(s)", "RegionalAuthority", "StandardisationBody", "SupraNationalAuthority",
    )
)
DATA_THEMES = frozenset(
    ("AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN")
)

_MEDIA_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")
_FILE_TYPE = re.compile(r"^[A-Z0-9_]+$")
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


class DcatInputError(ValueError):
    """An input the catalogue cannot be built from; the message (Swedish) says which and what to do."""


@dataclass(frozen=True)
class Agent:
    """The publisher (foaf:Agent). `iri` defaults to '<catalogue document>#utgivare'; DIGG
    recommends `http://dataportal.se/organisation/SE<orgnr>` for an organisation that has one.
    `type` is an ADMS publisher type IRI (mandatory in DCAT-AP-SE; left out when not set)."""

    name: str
    url: str | None = None
    iri: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class Contact:
    """The contact point (vcard:Organization, also typed vcard:Kind): a name and an e-mail address
    (mandatory in DCAT-AP-SE) and/or a web address (vcard:hasURL)."""

    name: str
    email: str | None = None
    url: str | None = None
    iri: str | None = None


@dataclass(frozen=True)
class Distribution:
    """One download. `url` is absolute; `media_type` an IANA media type ('text/csv'); `file_type`
    a code of the EU file-type table ('CSV', 'JSON', 'ATOM'); `conforms_to` an absolute IRI of a
    schema the file follows; `key` names the distribution in its IRI ('#distribution-<key>')."""

    url: str
    title: str
    description: str
    media_type: str
    file_type: str
    key: str | None = None
    conforms_to: str | None = None
    byte_size: int | None = None


@dataclass(frozen=True)
class CatalogueInput:
    """Everything the catalogue says. Titles and descriptions are Swedish (@sv); the `_en` ones are
    optional English translations (DCAT-AP-SE recommendation 2). `issued` is the earliest `added`
    of the records, `modified` their latest change; `temporal` an optional (start, end) of the
    period the records cover."""

    base_url: str
    title: str
    description: str
    dataset_title: str
    dataset_description: str
    publisher: Agent
    contact: Contact
    issued: date
    modified: date
    distributions: Sequence[Distribution]
    keywords: Sequence[str] = ()
    themes: Sequence[str] = ("SOCI", "GOVE")
    landing_page: str | None = None
    catalogue_url: str | None = None
    temporal: tuple[date, date] | None = None
    title_en: str | None = None
    description_en: str | None = None
    dataset_title_en: str | None = None
    dataset_description_en: str | None = None
    data_license: str = CC_BY_4
    metadata_license: str = CC0

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> "CatalogueInput":
        """The same from plain dicts (e.g. settings read from YAML): nested publisher, contact and
        distributions are dicts; dates are `date` or ISO 'YYYY-MM-DD' strings."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise DcatInputError(f"Okända fält för DCAT-katalogen: {', '.join(unknown)}. "
                                 f"Tillåtna fält: {', '.join(sorted(known))}.")
        data = dict(values)
        for name, kind in (("publisher", Agent), ("contact", Contact)):
            if isinstance(data.get(name), Mapping):
                data[name] = kind(**data[name])
        data["distributions"] = [d if isinstance(d, Distribution) else Distribution(**d)
                                 for d in data.get("distributions", ())]
        for name in ("issued", "modified"):
            if name in data:
                data[name] = _as_date(data[name], name)
        if data.get("temporal") is not None:
            start, end = data["temporal"]
            data["temporal"] = (_as_date(start, "temporal"), _as_date(end, "temporal"))
        for name in ("keywords", "themes"):
            if name in data:
                data[name] = tuple(data[name])
        return cls(**data)


def default_distributions(base_url: str, *, records_json: str = "data/records.json",
                          records_csv: str = "data/records.csv",
                          schema_json: str = "data/record.schema.json",
                          feed: str = "feed.xml") -> list[Distribution]:
    """The four downloads the site publishes, at their site-relative paths, described in Swedish."""
    schema_url = absolute(base_url, schema_json)
    return [
        Distribution(
            url=absolute(base_url, records_json), key="records-json",
            title="Alla poster i JSON",
            description="Hela Samverkansbasen i en JSON-fil (UTF-8): varje post som den är skriven "
                        "och med uppslagna namn på län, kommuner och organisationer.",
            media_type="application/json", file_type="JSON", conforms_to=schema_url),
        Distribution(
            url=absolute(base_url, records_csv), key="records-csv",
            title="Alla poster i CSV",
            description="En rad per post för kalkylprogram: UTF-8 med BOM, semikolon mellan fälten.",
            media_type="text/csv", file_type="CSV"),
        Distribution(
            url=schema_url, key="record-schema",
            title="JSON-schema för en post",
            description="JSON Schema (draft 2020-12) som beskriver fälten i en post.",
            media_type="application/schema+json", file_type="JSON"),
        Distribution(
            url=absolute(base_url, feed), key="feed",
            title="Atom-flöde med senaste ändringarna",
            description="Atom-flöde med de senast tillagda eller ändrade posterna.",
            media_type="application/atom+xml", file_type="ATOM"),
    ]


def absolute(base_url: str, path: str) -> str:
    """`path` resolved against the site's address (which ends in '/')."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return urljoin(base, path)


def catalogue_rdfxml(inp: CatalogueInput | Mapping[str, Any]) -> str:
    """The catalogue as RDF/XML text (UTF-8 when encoded), ready to publish at `catalogue_url`."""
    return catalogue_graph(inp).serialize(format="xml")


class _InsertionOrderGraph(Graph):
    """A Graph whose RDF/XML lists subjects and their properties in the order they were added.

    rdflib's serializers walk `subjects()` and `predicate_objects()`, whose order follows hashing,
    so the same graph can come out in another order on every run; the build must be reproducible.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._order: dict[tuple, int] = {}

    def add(self, triple):  # type: ignore[override]
        self._order.setdefault(triple, len(self._order))
        return super().add(triple)

    def subjects(self, predicate=None, object=None, unique=False):  # type: ignore[override]
        if predicate is not None or object is not None:
            yield from super().subjects(predicate, object, unique)
            return
        yield from dict.fromkeys(s for (s, _p, _o) in self._order if (s, _p, _o) in self)

    def predicate_objects(self, subject=None, unique=False):  # type: ignore[override]
        if subject is None:
            yield from super().predicate_objects(subject, unique)
            return
        for s, p, o in self._order:
            if s == subject and (s, p, o) in self:
                yield p, o


def catalogue_graph(inp: CatalogueInput | Mapping[str, Any]) -> Graph:
    """The catalogue as an rdflib Graph (for tests and other serialisations)."""
    if not isinstance(inp, CatalogueInput):
        inp = CatalogueInput.from_mapping(inp)
    _check(inp)
    doc = inp.catalogue_url or absolute(inp.base_url, DCAT_PATH)
    g = _InsertionOrderGraph(bind_namespaces="core")
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("vcard", VCARD),
                       ("dcatap", DCATAP)):
        g.bind(prefix, ns)

    catalogue = URIRef(doc + "#katalog")
    dataset = URIRef(doc + "#datamangd")
    publisher = URIRef(inp.publisher.iri or doc + "#utgivare")
    contact = URIRef(inp.contact.iri or doc + "#kontakt")
    homepage = URIRef(absolute(inp.base_url, ""))
    sweden, swedish = URIRef(SWEDEN), URIRef(SWEDISH)

    def text(subject, predicate, sv: str, en: str | None = None) -> None:
        g.add((subject, predicate, Literal(sv, lang="sv")))
        if en:
            g.add((subject, predicate, Literal(en, lang="en")))

    def day(value: date) -> Literal:
        return Literal(value.isoformat(), datatype=XSD.date)

    # -- Catalogue
    g.add((catalogue, RDF.type, DCAT.Catalog))
    text(catalogue, DCTERMS.title, inp.title, inp.title_en)
    text(catalogue, DCTERMS.description, inp.description, inp.description_en)
    g.add((catalogue, DCTERMS.publisher, publisher))
    g.add((catalogue, DCTERMS.license, URIRef(inp.metadata_license)))
    g.add((catalogue, DCTERMS.issued, day(inp.issued)))
    g.add((catalogue, DCTERMS.modified, day(inp.modified)))
    g.add((catalogue, DCTERMS.language, swedish))
    g.add((catalogue, DCTERMS.spatial, sweden))
    g.add((catalogue, FOAF.homepage, homepage))
    g.add((catalogue, DCAT.themeTaxonomy, URIRef(DATA_THEME_TABLE)))
    g.add((catalogue, DCAT.dataset, dataset))

    # -- Dataset
    g.add((dataset, RDF.type, DCAT.Dataset))
    text(dataset, DCTERMS.title, inp.dataset_title, inp.dataset_title_en)
    text(dataset, DCTERMS.description, inp.dataset_description, inp.dataset_description_en)
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.contactPoint, contact))
    g.add((dataset, DCTERMS.issued, day(inp.issued)))
    g.add((dataset, DCTERMS.modified, day(inp.modified)))
    g.add((dataset, DCTERMS.language, swedish))
    g.add((dataset, DCTERMS.spatial, sweden))
    g.add((dataset, DCTERMS.accessRights, URIRef(PUBLIC_ACCESS)))
    g.add((dataset, DCAT.landingPage, URIRef(inp.landing_page or absolute(inp.base_url, ""))))
    for theme in inp.themes:
        g.add((dataset, DCAT.theme, URIRef(_theme_iri(theme))))
    for keyword in inp.keywords:
        g.add((dataset, DCAT.keyword, Literal(keyword, lang="sv")))
    if inp.temporal:
        period = URIRef(doc + "#period")
        g.add((dataset, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, day(inp.temporal[0])))
        g.add((period, DCAT.endDate, day(inp.temporal[1])))
    schemas = []
    distribution_nodes = []
    for dist in inp.distributions:
        node = URIRef(f"{doc}#distribution-{_key(dist)}")
        distribution_nodes.append((node, dist))
        g.add((dataset, DCAT.distribution, node))
        if dist.conforms_to and dist.conforms_to not in schemas:
            schemas.append(dist.conforms_to)
    for schema in schemas:
        g.add((dataset, DCTERMS.conformsTo, URIRef(schema)))

    # -- Distributions
    for node, dist in distribution_nodes:
        url = URIRef(dist.url)
        g.add((node, RDF.type, DCAT.Distribution))
        text(node, DCTERMS.title, dist.title)
        text(node, DCTERMS.description, dist.description)
        g.add((node, DCAT.accessURL, url))
        g.add((node, DCAT.downloadURL, url))
        g.add((node, DCAT.mediaType, URIRef(IANA_MEDIA_TYPES + dist.media_type)))
        g.add((node, DCTERMS.format, URIRef(f"{FILE_TYPE_TABLE}/{dist.file_type}")))
        g.add((node, DCTERMS.license, URIRef(inp.data_license)))
        g.add((node, DCATAP.availability, URIRef(STABLE)))
        if dist.conforms_to:
            g.add((node, DCTERMS.conformsTo, URIRef(dist.conforms_to)))
        if dist.byte_size is not None:
            g.add((node, DCAT.byteSize, Literal(dist.byte_size, datatype=XSD.nonNegativeInteger)))

    # -- Publisher and contact point (never the same IRI: DIGG's harvesting guide)
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(inp.publisher.name, lang="sv")))
    if inp.publisher.type:
        g.add((publisher, DCTERMS.type, URIRef(inp.publisher.type)))
    if inp.publisher.url:
        g.add((publisher, FOAF.homepage, URIRef(inp.publisher.url)))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, VCARD.fn, Literal(inp.contact.name, lang="sv")))
    if inp.contact.email:
        g.add((contact, VCARD.hasEmail, URIRef("mailto:" + inp.contact.email)))
    if inp.contact.url:
        g.add((contact, VCARD.hasURL, URIRef(inp.contact.url)))

    # -- The range classes of the objects (DCAT-AP 3), as DCAT-AP-SE's editor writes them. Terms of
    # the controlled vocabularies (themes, availability, licence and publisher types) are not typed
    # here: their class, scheme and labels are the vocabularies' own, which a validator loads.
    for licence in dict.fromkeys((inp.metadata_license, inp.data_license)):
        node = URIRef(licence)
        g.add((node, RDF.type, DCTERMS.LicenseDocument))
        if licence in LICENCE_TITLES:
            g.add((node, DCTERMS.title, Literal(LICENCE_TITLES[licence], lang="sv")))
        if licence in LICENCE_TYPES:
            g.add((node, DCTERMS.type, URIRef(LICENCE_TYPES[licence])))
    g.add((sweden, RDF.type, DCTERMS.Location))
    g.add((swedish, RDF.type, DCTERMS.LinguisticSystem))
    for page in dict.fromkeys((homepage, URIRef(inp.landing_page or homepage))):
        g.add((page, RDF.type, FOAF.Document))
    g.add((URIRef(PUBLIC_ACCESS), RDF.type, DCTERMS.RightsStatement))
    for schema in schemas:
        g.add((URIRef(schema), RDF.type, DCTERMS.Standard))
    for _node, dist in distribution_nodes:
        g.add((URIRef(IANA_MEDIA_TYPES + dist.media_type), RDF.type, DCTERMS.MediaType))
        g.add((URIRef(f"{FILE_TYPE_TABLE}/{dist.file_type}"), RDF.type, DCTERMS.MediaTypeOrExtent))
    if inp.publisher.url:
        g.add((URIRef(inp.publisher.url), RDF.type, FOAF.Document))
    return g


def issued_and_modified(added: Iterable[date | str], changed: Iterable[date | str] = ()) -> tuple[date, date]:
    """(earliest `added`, latest of `added` and `changed`): the dataset's dct:issued and dct:modified."""
    added_days = [_as_date(value, "added") for value in added]
    if not added_days:
        raise DcatInputError("Inga poster med `added`: DCAT-katalogens utgivningsdatum kan inte "
                             "bestämmas. Lägg till minst en post med fältet added.")
    changed_days = [_as_date(value, "ändrad") for value in changed]
    return min(added_days), max(added_days + changed_days)


# -- Checks ---------------------------------------------------------------------------


def _check(inp: CatalogueInput) -> None:
    problems: list[str] = []

    def need_text(label: str, value: str | None) -> None:
        if not value or not value.strip():
            problems.append(f"{label} saknas; ange en text på svenska.")

    def need_iri(label: str, value: str | None, *, required: bool = True) -> None:
        if value is None and not required:
            return
        parts = urlsplit(value or "")
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c in (value or "") for c in ' <>"{}|\\^`'):
            problems.append(f"{label} måste vara en absolut http(s)-adress utan mellanslag, "
                            f"inte {value!r}.")

    need_iri("Webbplatsens adress (base_url)", inp.base_url)
    need_iri("Katalogens adress (catalogue_url)", inp.catalogue_url, required=False)
    need_iri("Landningssidan (landing_page)", inp.landing_page, required=False)
    for label, value in (("Katalogens titel", inp.title), ("Katalogens beskrivning", inp.description),
                         ("Datamängdens titel", inp.dataset_title),
                         ("Datamängdens beskrivning", inp.dataset_description),
                         ("Utgivarens namn", inp.publisher.name), ("Kontaktpunktens namn", inp.contact.name)):
        need_text(label, value)
    need_iri("Utgivarens webbadress", inp.publisher.url, required=False)
    need_iri("Utgivarens IRI", inp.publisher.iri, required=False)
    if inp.publisher.type is not None and inp.publisher.type not in PUBLISHER_TYPES:
        problems.append(f"Utgivarens typ {inp.publisher.type!r} finns inte i ADMS-listan som "
                        "DCAT-AP-SE använder; välj en av " + ", ".join(sorted(PUBLISHER_TYPES)) + ".")
    need_iri("Kontaktpunktens IRI", inp.contact.iri, required=False)
    need_iri("Kontaktpunktens webbadress", inp.contact.url, required=False)
    if not inp.contact.email and not inp.contact.url:
        problems.append("Kontaktpunkten behöver en e-postadress (krävs av DCAT-AP-SE) eller en webbadress.")
    if inp.contact.email and (inp.contact.email.lower().startswith("mailto:") or not _EMAIL.match(inp.contact.email)):
        problems.append(f"Kontaktpunktens e-postadress {inp.contact.email!r} ser inte ut som en "
                        "e-postadress (namn@domän.se, utan 'mailto:').")
    if inp.publisher.iri and inp.contact.iri and inp.publisher.iri == inp.contact.iri:
        problems.append("Utgivaren och kontaktpunkten får inte ha samma IRI (DIGG:s skördningsregler).")
    if inp.issued > inp.modified:
        problems.append(f"Utgivningsdatumet {inp.issued} ligger efter ändringsdatumet {inp.modified}.")
    if inp.temporal and inp.temporal[0] > inp.temporal[1]:
        problems.append(f"Tidsperioden börjar {inp.temporal[0]}, efter att den slutar {inp.temporal[1]}.")
    for theme in inp.themes:
        code = theme.rsplit("/", 1)[-1] if theme.startswith(DATA_THEME_TABLE + "/") else theme
        if code not in DATA_THEMES:
            problems.append(f"Temat {theme!r} finns inte i EU:s tematabell (data-theme); välj bland "
                            + ", ".join(sorted(DATA_THEMES)) + ".")
    for keyword in inp.keywords:
        if not keyword.strip():
            problems.append("Ett nyckelord är tomt.")
    for licence in (inp.data_license, inp.metadata_license):
        need_iri("Licensen", licence)
    if not inp.distributions:
        problems.append("Datamängden har ingen distribution; ange minst en fil att ladda ner.")
    keys = set()
    for dist in inp.distributions:
        need_iri(f"Distributionen {dist.title!r}: adressen", dist.url)
        need_text(f"Distributionen {dist.url!r}: titeln", dist.title)
        need_text(f"Distributionen {dist.url!r}: beskrivningen", dist.description)
        need_iri(f"Distributionen {dist.title!r}: schemat (conforms_to)", dist.conforms_to, required=False)
        if not _MEDIA_TYPE.match(dist.media_type or ""):
            problems.append(f"Distributionen {dist.title!r}: {dist.media_type!r} är ingen IANA-mediatyp "
                            "(t.ex. text/csv).")
        if not _FILE_TYPE.match(dist.file_type or ""):
            problems.append(f"Distributionen {dist.title!r}: {dist.file_type!r} är ingen kod i EU:s "
                            "filtypstabell (t.ex. CSV, JSON, ATOM).")
        if dist.byte_size is not None and dist.byte_size < 0:
            problems.append(f"Distributionen {dist.title!r}: storleken kan inte vara negativ.")
        key = _key(dist)
        if key in keys:
            problems.append(f"Två distributioner får samma IRI (#distribution-{key}); ange olika `key`.")
        keys.add(key)
    if problems:
        raise DcatInputError("DCAT-katalogen kan inte byggas:\n- " + "\n- ".join(problems))


def _key(dist: Distribution) -> str:
    if dist.key:
        return re.sub(r"[^A-Za-z0-9_-]+", "-", dist.key).strip("-") or "fil"
    name = urlsplit(dist.url).path.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-").lower() or "fil"


def _theme_iri(theme: str) -> str:
    return theme if theme.startswith(DATA_THEME_TABLE + "/") else f"{DATA_THEME_TABLE}/{theme}"


def _as_date(value: date | str, label: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DcatInputError(f"{label}: {value!r} är inget datum på formen ÅÅÅÅ-MM-DD.") from None


__all__ = [
    "Agent", "CatalogueInput", "Contact", "DcatInputError", "Distribution", "CC0", "CC_BY_4", "DCAT_PATH",
    "absolute", "catalogue_graph", "catalogue_rdfxml", "default_distributions", "issued_and_modified",
]
