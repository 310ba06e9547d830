"""The project's vocabulary: the codes records use and the Swedish words for them, each defined once.

Records keep short ASCII codes (agreement, lok, sjalvstandighet); a reader sees these words
instead (site, CLI, open data, feed, JSON-LD, pictures). The schema's enums
(data/schema/record.schema.json) must list the same codes: tests/test_vocabulary.py ties them.
A new kind needs a line in KINDS, KIND_LABELS and KIND_SHORT, and one in the schema.
"""
from __future__ import annotations

# The kinds of each record type, in the order they are offered and listed.
KINDS = {
    "agreement": ["iop", "lok", "regional", "national", "samverkansavtal"],
    "consultation": ["samrad", "sakrad", "dialogmote", "konferens"],
    "report": ["rapport", "minnesanteckningar", "utredning", "remissvar"],
    "document": ["skriftlig-fraga", "motion", "interpellation", "kommittedirektiv"],
    "organisation": ["civilsamhalle", "offentlig", "natverk"],
}

TYPE_SINGULAR = {
    "agreement": "Överenskommelse",
    "consultation": "Samråd eller möte",
    "report": "Rapport",
    "document": "Riksdags- eller regeringsdokument",
    "organisation": "Organisation",
}

TYPE_PLURAL = {
    "agreement": "Överenskommelser",
    "consultation": "Samråd och möten",
    "report": "Rapporter",
    "document": "Riksdags- och regeringsdokument",
    "organisation": "Organisationer",
}

# The order types are shown in, everywhere.
TYPE_ORDER = ["agreement", "consultation", "report", "document", "organisation"]

KIND_LABELS = {
    "iop": "IOP – idéburet offentligt partnerskap",
    "lok": "Lokal överenskommelse (LÖK)",
    "regional": "Regional överenskommelse",
    "national": "Nationell överenskommelse",
    "samverkansavtal": "Samverkansavtal",
    "samrad": "Samråd",
    "sakrad": "Sakråd",
    "dialogmote": "Dialogmöte",
    "konferens": "Konferens",
    "rapport": "Rapport",
    "minnesanteckningar": "Minnesanteckningar",
    "utredning": "Utredning",
    "remissvar": "Remissvar",
    "skriftlig-fraga": "Skriftlig fråga",
    "motion": "Motion",
    "interpellation": "Interpellation",
    "kommittedirektiv": "Kommittédirektiv",
    "civilsamhalle": "Idéburen organisation",
    "offentlig": "Offentlig organisation",
    "natverk": "Nätverk",
}

# Short forms, for running text, chart labels and CSV cells.
KIND_SHORT = {
    "iop": "IOP",
    "lok": "LÖK",
    "regional": "regional överenskommelse",
    "national": "nationell överenskommelse",
    "samverkansavtal": "samverkansavtal",
    "samrad": "samråd",
    "sakrad": "sakråd",
    "dialogmote": "dialogmöte",
    "konferens": "konferens",
    "rapport": "rapport",
    "minnesanteckningar": "minnesanteckningar",
    "utredning": "utredning",
    "remissvar": "remissvar",
    "skriftlig-fraga": "skriftlig fråga",
    "motion": "motion",
    "interpellation": "interpellation",
    "kommittedirektiv": "kommittédirektiv",
    "civilsamhalle": "civilsamhällesorganisation",
    "offentlig": "offentlig organisation",
    "natverk": "nätverk",
}

# The six principles, in the order the national agreement lists them.
PRINCIPLE_LABELS = {
    "sjalvstandighet": "Självständighet och oberoende",
    "dialog": "Dialog",
    "kvalitet": "Kvalitet",
    "langsiktighet": "Långsiktighet",
    "oppenhet": "Öppenhet och insyn",
    "mangfald": "Mångfald",
}

SCOPE_LABELS = {"national": "Nationell", "regional": "Regional", "local": "Lokal"}

# How a record that points here is related to this page's record (Catalog.backlinks).
BACKLINK_LABELS = {
    "parties": "Organisationen är part",
    "organisations": "Organisationen nämns eller deltog",
    "related": "Anger denna post som relaterad",
    "supersedes": "Ersätter denna post",
}

MISSING = "uppgift saknas"

# Lower-case forms for running text and CSV cells.
TYPE_LABELS = {t: label.lower() for t, label in TYPE_SINGULAR.items()}
TYPE_LABELS_PLURAL = {t: label.lower() for t, label in TYPE_PLURAL.items()}
# JSON-LD and the feed spell the two common acronyms out.
KIND_LONG_LABELS = {
    **KIND_SHORT,
    "iop": "IOP, idéburet offentligt partnerskap",
    "lok": "LÖK, lokal överenskommelse",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind or MISSING)


def kinds_in_words(rtype: str) -> str:
    """'iop, lok, regional, national eller samverkansavtal': the kinds of a type, for help texts."""
    kinds = KINDS[rtype]
    return ", ".join(kinds[:-1]) + " eller " + kinds[-1] if len(kinds) > 1 else kinds[0]


# Swedish alphabetical order: ... x y z å ä ö (æ and ø as ä and ö, é as e, ü as y).
_SV_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y", "æ": "|", "ø": "}"})


def sort_key(text: str) -> str:
    """The one Swedish sort key, for every list the project sorts by name."""
    return text.casefold().translate(_SV_ORDER)
