"""The DCAT-AP-SE catalogue: built from representative inputs, parsed back with rdflib, validated
with pyshacl against the official DCAT-AP 3.0.1 SHACL shapes (see tests/fixtures/dcat-ap-shacl/)."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SRC = REPO_ROOT / "src"

# Until the package moves from hooks/samverkan to src/samverkan, tests/conftest.py puts hooks/ first
# on sys.path and imports samverkan from there; the new sub-packages live in src/samverkan. Let that
# package also look in src/samverkan (a no-op once src/ is the only home, or under PYTHONPATH=src
# without the conftest).
import samverkan  # noqa: E402

if str(SRC / "samverkan") not in [str(Path(p)) for p in samverkan.__path__]:
    samverkan.__path__.append(str(SRC / "samverkan"))

from rdflib import Graph, Literal, URIRef  # noqa: E402
from rdflib import namespace as ns  # noqa: E402  (a module: pytest's collection does not poke its names)

from samverkan.publish import dcat  # noqa: E402

BASE = "https://samverkansbasen.github.io/samverkansbasen/"
SHAPES_DIR = REPO_ROOT / "tests" / "fixtures" / "dcat-ap-shacl"
VOCABULARY_EXCERPT = REPO_ROOT / "tests" / "fixtures" / "eu-vocabularies-excerpt.ttl"


def representative(**changes) -> dcat.CatalogueInput:
    values = dict(
        base_url=BASE,
        title="Samverkansbasen – öppna data",
        description="Katalog över de öppna data som Samverkansbasen publicerar.",
        dataset_title="Överenskommelser mellan civilsamhället och det offentliga",
        dataset_description="IOP, LÖK, regionala och nationella överenskommelser, samråd, rapporter "
                            "och riksdagsdokument, med källor.",
        title_en="Samverkansbasen – open data",
        description_en="Catalogue of the open data published by Samverkansbasen.",
        publisher=dcat.Agent(name="Samverkansbasen", url="https://github.com/samverkansbasen",
                             type="http://purl.org/adms/publishertype/NonProfitOrganisation"),
        contact=dcat.Contact(name="Samverkansbasens redaktion", email="redaktion@example.org",
                             url="https://github.com/samverkansbasen/samverkansbasen/issues"),
        issued=date(2026, 11, 20),
        modified=date(2026, 11, 30),
        keywords=("idéburet offentligt partnerskap", "lokal överenskommelse", "civilsamhälle"),
        themes=("SOCI", "GOVE"),
        landing_page=BASE + "ladda-ner/",
        temporal=(date(2008, 1, 1), date(2026, 12, 31)),
        distributions=dcat.default_distributions(BASE),
    )
    values.update(changes)
    return dcat.CatalogueInput(**values)


@pytest.fixture(scope="module")
def xml_text() -> str:
    return dcat.catalogue_rdfxml(representative())


@pytest.fixture(scope="module")
def graph(xml_text) -> Graph:
    return Graph().parse(data=xml_text, format="xml")


def the(graph: Graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def one_of_type(graph: Graph, cls) -> URIRef:
    nodes = list(graph.subjects(ns.RDF.type, cls))
    assert len(nodes) == 1, (cls, nodes)
    return nodes[0]


# -- What the catalogue says ---------------------------------------------------------


def test_catalogue_dataset_and_each_distribution(graph):
    catalogue = one_of_type(graph, ns.DCAT.Catalog)
    dataset = the(graph, catalogue, ns.DCAT.dataset)
    assert (dataset, ns.RDF.type, ns.DCAT.Dataset) in graph
    downloads = {str(the(graph, d, ns.DCAT.downloadURL)) for d in graph.objects(dataset, ns.DCAT.distribution)}
    assert downloads == {BASE + "data/records.json", BASE + "data/records.csv",
                         BASE + "data/record.schema.json", BASE + "feed.xml"}
    for dist in graph.objects(dataset, ns.DCAT.distribution):
        assert (dist, ns.RDF.type, ns.DCAT.Distribution) in graph
        assert the(graph, dist, ns.DCAT.accessURL) == the(graph, dist, ns.DCAT.downloadURL)


def test_every_iri_is_absolute_and_no_blank_nodes(graph):
    for triple in graph:
        for term in triple:
            assert not isinstance(term, Literal) or term is triple[2]
            if isinstance(term, URIRef):
                parts = urlsplit(str(term))
                if parts.scheme == "mailto":
                    continue
                assert parts.scheme in ("http", "https") and parts.netloc, term
            else:
                assert isinstance(term, Literal), f"blank node in {triple}"


def test_data_licence_is_exactly_cc_by_4_and_metadata_cc0(graph):
    licence = URIRef("http://creativecommons.org/licenses/by/4.0/")
    dataset = one_of_type(graph, ns.DCAT.Dataset)
    for dist in graph.objects(dataset, ns.DCAT.distribution):
        assert the(graph, dist, ns.DCTERMS.license) == licence
    assert (licence, ns.RDF.type, ns.DCTERMS.LicenseDocument) in graph
    # DCAT-AP-SE requires CC0 on the catalogue's own metadata.
    catalogue = one_of_type(graph, ns.DCAT.Catalog)
    assert the(graph, catalogue, ns.DCTERMS.license) == URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
    assert not any("https://creativecommons" in str(o) for o in graph.objects(None, ns.DCTERMS.license))


def test_titles_and_descriptions_in_swedish(graph):
    inp = representative()
    catalogue = one_of_type(graph, ns.DCAT.Catalog)
    dataset = one_of_type(graph, ns.DCAT.Dataset)
    for node, title, description in ((catalogue, inp.title, inp.description),
                                     (dataset, inp.dataset_title, inp.dataset_description)):
        assert Literal(title, lang="sv") in set(graph.objects(node, ns.DCTERMS.title))
        assert Literal(description, lang="sv") in set(graph.objects(node, ns.DCTERMS.description))
    assert Literal(inp.title_en, lang="en") in set(graph.objects(catalogue, ns.DCTERMS.title))
    for dist in graph.objects(dataset, ns.DCAT.distribution):
        assert the(graph, dist, ns.DCTERMS.title).language == "sv"
        assert the(graph, dist, ns.DCTERMS.description).language == "sv"
    for keyword in graph.objects(dataset, ns.DCAT.keyword):
        assert keyword.language == "sv"


def test_dates_are_xsd_dates_from_the_input(graph):
    inp = representative()
    for node in (one_of_type(graph, ns.DCAT.Catalog), one_of_type(graph, ns.DCAT.Dataset)):
        issued, modified = the(graph, node, ns.DCTERMS.issued), the(graph, node, ns.DCTERMS.modified)
        assert issued.datatype == ns.XSD.date and modified.datatype == ns.XSD.date
        assert issued.toPython() == inp.issued and modified.toPython() == inp.modified


def test_issued_and_modified_from_the_records():
    added = ["2026-11-25", "2026-11-20", date(2026, 11, 28)]
    assert dcat.issued_and_modified(added, ["2026-11-30"]) == (date(2026, 11, 20), date(2026, 11, 30))
    assert dcat.issued_and_modified(added) == (date(2026, 11, 20), date(2026, 11, 28))
    with pytest.raises(dcat.DcatInputError, match="added"):
        dcat.issued_and_modified([])


def test_sweden_swedish_themes_publisher_and_contact(graph):
    dataset = one_of_type(graph, ns.DCAT.Dataset)
    sweden = URIRef("http://publications.europa.eu/resource/authority/country/SWE")
    assert the(graph, dataset, ns.DCTERMS.spatial) == sweden
    assert (sweden, ns.RDF.type, ns.DCTERMS.Location) in graph
    assert the(graph, dataset, ns.DCTERMS.language) == URIRef(
        "http://publications.europa.eu/resource/authority/language/SWE")
    assert set(graph.objects(dataset, ns.DCAT.theme)) == {
        URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI"),
        URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")}
    publisher = the(graph, dataset, ns.DCTERMS.publisher)
    assert (publisher, ns.RDF.type, ns.FOAF.Agent) in graph
    assert the(graph, publisher, ns.FOAF.name) == Literal("Samverkansbasen", lang="sv")
    contact = the(graph, dataset, ns.DCAT.contactPoint)
    assert contact != publisher
    assert (contact, ns.RDF.type, dcat.VCARD.Kind) in graph
    assert the(graph, contact, dcat.VCARD.hasEmail) == URIRef("mailto:redaktion@example.org")
    assert str(the(graph, contact, dcat.VCARD.fn)) == "Samverkansbasens redaktion"


def test_media_types_and_file_types(graph):
    expected = {BASE + "data/records.json": ("application/json", "JSON"),
                BASE + "data/records.csv": ("text/csv", "CSV"),
                BASE + "data/record.schema.json": ("application/schema+json", "JSON"),
                BASE + "feed.xml": ("application/atom+xml", "ATOM")}
    for dist in graph.subjects(ns.RDF.type, ns.DCAT.Distribution):
        media, file_type = expected[str(the(graph, dist, ns.DCAT.downloadURL))]
        assert the(graph, dist, ns.DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/" + media)
        assert the(graph, dist, ns.DCTERMS.format) == URIRef(
            "http://publications.europa.eu/resource/authority/file-type/" + file_type)


def test_output_is_byte_stable_across_processes():
    """The build is reproducible: the same input gives the same bytes whatever the hash seed."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]);"
            "import test_dcat as t; sys.stdout.write(t.dcat.catalogue_rdfxml(t.representative()))")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=os.pathsep.join([str(SRC)]))
        result = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(SRC)],
                                env=env, capture_output=True, text=True, check=True)
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert outputs == {dcat.catalogue_rdfxml(representative())}


def test_from_mapping_builds_the_same_catalogue():
    inp = representative()
    mapping = {
        **{f: getattr(inp, f) for f in inp.__dataclass_fields__},
        "publisher": vars(inp.publisher) | {},
        "contact": dict(name=inp.contact.name, email=inp.contact.email, url=inp.contact.url),
        "distributions": [vars(d) | {} for d in inp.distributions],
        "issued": "2026-11-20", "modified": "2026-11-30",
        "temporal": ["2008-01-01", "2026-12-31"],
    }
    assert dcat.catalogue_rdfxml(mapping) == dcat.catalogue_rdfxml(inp)


@pytest.mark.parametrize("changes, words", [
    ({"base_url": "/samverkansbasen/"}, "absolut"),
    ({"contact": dcat.Contact(name="Redaktionen")}, "e-postadress"),
    ({"contact": dcat.Contact(name="Redaktionen", email="mailto:x@example.org")}, "mailto"),
    ({"themes": ("SOCIAL",)}, "data-theme"),
    ({"issued": date(2027, 1, 1)}, "efter ändringsdatumet"),
    ({"distributions": ()}, "ingen distribution"),
    ({"distributions": [dcat.Distribution(url="data/records.json", title="T", description="B",
                                          media_type="application/json", file_type="JSON")]}, "absolut"),
    ({"distributions": [dcat.Distribution(url=BASE + "a.csv", title="T", description="B",
                                          media_type="CSV", file_type="csv")]}, "IANA-mediatyp"),
    ({"publisher": dcat.Agent(name="S", type="http://example.org/förening")}, "ADMS"),
])
def test_bad_input_says_what_and_how_in_swedish(changes, words):
    with pytest.raises(dcat.DcatInputError) as info:
        dcat.catalogue_rdfxml(representative(**changes))
    assert words in str(info.value)
    assert str(info.value).startswith("DCAT-katalogen kan inte byggas")


def test_unknown_field_in_mapping_is_named():
    inp = representative()
    mapping = {f: getattr(inp, f) for f in inp.__dataclass_fields__} | {"licens": "CC-BY"}
    with pytest.raises(dcat.DcatInputError, match="licens"):
        dcat.catalogue_rdfxml(mapping)


# -- Validation against the official DCAT-AP 3.0.1 SHACL shapes -------------------------


def _shapes_dir() -> Path | None:
    candidates = [os.environ.get("SAMVERKAN_DCAT_SHACL_DIR"), SHAPES_DIR,
                  REPO_ROOT.parent / "shared" / "dcat-ap-shacl"]
    for candidate in candidates:
        if candidate and all((Path(candidate) / name).is_file() for name in _manifest()):
            return Path(candidate)
    return None


def _manifest() -> dict[str, str]:
    lines = (SHAPES_DIR / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


@pytest.fixture(scope="module")
def shapes() -> dict[str, Graph]:
    pytest.importorskip("pyshacl")
    directory = _shapes_dir()
    if directory is None:
        message = ("The DCAT-AP 3.0.1 SHACL files are not here; tests/fixtures/dcat-ap-shacl/README.md "
                   "says where to get them (or set SAMVERKAN_DCAT_SHACL_DIR).")
        if os.environ.get("SAMVERKAN_REQUIRE_SHACL") == "1":
            pytest.fail(message)
        pytest.skip(message)
    graphs = {}
    for name, digest in _manifest().items():
        data = (directory / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, f"{directory / name} is not the official file"
        graphs[name] = Graph().parse(data=data, format="turtle")
    return graphs


def _results(graph: Graph, shapes_graph: Graph) -> list[tuple[str, str, str, str]]:
    from pyshacl import validate

    # The validators load the vocabularies next to the catalogue; so does this, with the excerpt.
    # (pyshacl's ont_graph would mix in only class and property definitions, not the terms.)
    data = Graph()
    for triple in graph:
        data.add(triple)
    data.parse(VOCABULARY_EXCERPT, format="turtle")
    _conforms, report, _text = validate(data, shacl_graph=shapes_graph, inference="none",
                                        allow_warnings=False)
    out = []
    # Top-level results only: a result's sh:detail nodes explain it and carry their own severity.
    for result in report.objects(None, ns.SH.result):
        out.append((str(report.value(result, ns.SH.resultSeverity)).rsplit("#", 1)[-1],
                    str(report.value(result, ns.SH.focusNode)), str(report.value(result, ns.SH.resultPath)),
                    str(report.value(result, ns.SH.resultMessage))))
    return sorted(out)


@pytest.mark.parametrize("name", ["shapes.ttl", "range.ttl", "deprecateduris.ttl", "dcat-ap-SHACL.ttl"])
def test_conforms_to_the_mandatory_range_and_deprecation_shapes(graph, shapes, name):
    assert _results(graph, shapes[name]) == []


def test_conforms_to_the_controlled_vocabulary_shapes(graph, shapes):
    """No violation. The only warnings: the publisher is not an EU corporate body (it cannot be)."""
    results = _results(graph, shapes["mdr-vocabularies.shape.ttl"])
    assert [r for r in results if r[0] != "Warning"] == []
    publisher = str(the(graph, one_of_type(graph, ns.DCAT.Catalog), ns.DCTERMS.publisher))
    assert {(r[1], r[2]) for r in results} <= {
        (str(one_of_type(graph, ns.DCAT.Catalog)), str(ns.DCTERMS.publisher)),
        (str(one_of_type(graph, ns.DCAT.Dataset)), str(ns.DCTERMS.publisher))}
    assert publisher  # the warning is about this node's missing place in the EU corporate-body table


def test_recommended_properties_are_all_given(graph, shapes):
    """The only recommended property left out: a bounding box and centroid for Sweden, which is an
    EU authority-table term, not ours to describe."""
    results = _results(graph, shapes["shapes_recommended.ttl"])
    sweden = "http://publications.europa.eu/resource/authority/country/SWE"
    assert {(r[0], r[1], r[2]) for r in results} == {
        ("Warning", sweden, str(ns.DCAT.bbox)), ("Warning", sweden, str(ns.DCAT.centroid))}


def test_a_broken_catalogue_does_not_conform(graph, shapes):
    """The shapes do bite: a distribution without accessURL and a dataset without title fail."""
    broken = Graph()
    for triple in graph:
        if triple[1] in (ns.DCAT.accessURL,) or (triple[1] == ns.DCTERMS.title and (triple[0], ns.RDF.type, ns.DCAT.Dataset) in graph):
            continue
        broken.add(triple)
    results = _results(broken, shapes["shapes.ttl"])
    paths = {r[2] for r in results if r[0] == "Violation"}
    assert str(ns.DCAT.accessURL) in paths and str(ns.DCTERMS.title) in paths


def test_the_module_under_test_is_the_one_in_src():
    """Not an older copy from an installed package or from hooks/."""
    assert Path(dcat.__file__).resolve() == SRC / "samverkan" / "publish" / "dcat.py"
